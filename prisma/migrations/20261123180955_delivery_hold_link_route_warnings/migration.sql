-- AlterTable
ALTER TABLE "DailyOrder" ADD COLUMN     "holdId" UUID;

-- AlterTable
ALTER TABLE "Route" ADD COLUMN     "warnings" JSONB NOT NULL DEFAULT '[]';
