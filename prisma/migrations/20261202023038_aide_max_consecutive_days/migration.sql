-- AlterTable
ALTER TABLE "Aide" ADD COLUMN     "maxConsecutiveDays" INTEGER NOT NULL DEFAULT 6;
