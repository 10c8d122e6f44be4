-- AlterTable
ALTER TABLE "CareBooking" ADD COLUMN     "activatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "endReason" TEXT;

-- AlterTable
ALTER TABLE "HandoverNote" ADD COLUMN     "authorName" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "days" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fromDate" VARCHAR(10) NOT NULL DEFAULT '',
ADD COLUMN     "toDate" VARCHAR(10) NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "ShiftAssignment_tenantId_bookingId_shiftStart_idx" ON "ShiftAssignment"("tenantId", "bookingId", "shiftStart");
