-- AlterTable
ALTER TABLE "AuditFinding" ADD COLUMN     "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "CanteenMeal" ADD COLUMN     "basis" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "MealAdjustment" ADD COLUMN     "fundSplit" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Settlement" ADD COLUMN     "lockedBy" UUID;

-- CreateIndex
CREATE INDEX "CanteenMeal_tenantId_localDate_idx" ON "CanteenMeal"("tenantId", "localDate");
