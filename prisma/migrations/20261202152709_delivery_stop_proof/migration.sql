-- AlterTable
ALTER TABLE "DeliverySettings" ADD COLUMN     "proof" TEXT NOT NULL DEFAULT 'none';

-- CreateTable
CREATE TABLE "StopProof" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "routeStopId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdBy" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StopProof_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StopProof_tenantId_routeStopId_idx" ON "StopProof"("tenantId", "routeStopId");
