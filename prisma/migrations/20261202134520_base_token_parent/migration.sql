-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "parentId" UUID,
ADD COLUMN     "roles" "Role"[] DEFAULT ARRAY[]::"Role"[];

-- CreateIndex
CREATE INDEX "ApiToken_parentId_idx" ON "ApiToken"("parentId");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;
