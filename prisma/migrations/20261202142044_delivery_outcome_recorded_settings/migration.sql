-- AlterTable
ALTER TABLE "RouteStop" ADD COLUMN     "outcomeRecordedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "DeliverySettings" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "mapApp" TEXT NOT NULL DEFAULT 'geo',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DeliverySettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeliverySettings_tenantId_key" ON "DeliverySettings"("tenantId");
