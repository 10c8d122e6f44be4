-- AlterTable
ALTER TABLE "ImportRun" DROP COLUMN "rejections",
ADD COLUMN     "encoding" TEXT,
ADD COLUMN     "headerRow" INTEGER,
ADD COLUMN     "heartbeatAt" TIMESTAMPTZ(3),
ADD COLUMN     "mappedColumns" JSONB,
ADD COLUMN     "unknownColumns" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ImportRejection" (
    "importRunId" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "tenantId" UUID NOT NULL,
    "key" TEXT,
    "errors" JSONB NOT NULL,

    CONSTRAINT "ImportRejection_pkey" PRIMARY KEY ("importRunId","row")
);

-- AddForeignKey
ALTER TABLE "ImportRejection" ADD CONSTRAINT "ImportRejection_importRunId_fkey" FOREIGN KEY ("importRunId") REFERENCES "ImportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
