-- CreateEnum
CREATE TYPE "GeocodeStatus" AS ENUM ('ok', 'low_confidence', 'not_found', 'failed', 'manual');

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "geocodeConfidence" DOUBLE PRECISION,
ADD COLUMN     "geocodeLevel" TEXT,
ADD COLUMN     "geocodeStatus" "GeocodeStatus",
ADD COLUMN     "geocodedAddress" TEXT;

-- CreateTable
CREATE TABLE "GeocodeCache" (
    "tenantId" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "found" BOOLEAN NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "confidence" DOUBLE PRECISION,
    "level" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GeocodeCache_pkey" PRIMARY KEY ("tenantId","provider","query")
);
