-- AlterTable
ALTER TABLE "CareLevel" ADD COLUMN     "feeChanges" JSONB NOT NULL DEFAULT '[]';
