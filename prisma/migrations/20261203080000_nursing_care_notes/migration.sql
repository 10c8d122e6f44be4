-- AlterTable
ALTER TABLE "CareBooking" ADD COLUMN     "careNotes" TEXT;
