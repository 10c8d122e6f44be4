-- AlterTable
ALTER TABLE "Canteen" ADD COLUMN     "servingHours" JSONB NOT NULL DEFAULT '{"breakfast":{"from":"06:30","to":"09:00"},"lunch":{"from":"10:30","to":"13:30"},"dinner":{"from":"16:30","to":"19:00"}}';

-- AlterTable
ALTER TABLE "CanteenMeal" ADD COLUMN     "overrideBy" UUID,
ADD COLUMN     "overrideKinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "overrideReason" TEXT,
ADD COLUMN     "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Meals recorded before this migration were recorded when their row was created (hand-written:
-- without it every existing meal would look recorded today, i.e. back-dated).
UPDATE "CanteenMeal" SET "recordedAt" = "createdAt";

-- CreateTable
CREATE TABLE "CanteenSettings" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "lateRecordToleranceMinutes" INTEGER NOT NULL DEFAULT 120,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CanteenSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CanteenSettings_tenantId_key" ON "CanteenSettings"("tenantId");
