-- Delivery slots gain the meal they serve (issue 20 §3), in the canteen subsidy's vocabulary.
-- CreateEnum
CREATE TYPE "SlotKind" AS ENUM ('breakfast', 'lunch', 'dinner');

-- AlterTable: added nullable, backfilled, then required.
ALTER TABLE "MealSlot" ADD COLUMN "kind" "SlotKind";

-- Backfill: the code when it names a kind, else the time of day the meals reach the door
-- (window start, local HH:mm): before 10:00 breakfast, before 15:00 lunch, else dinner.
UPDATE "MealSlot" SET "kind" = CASE
  WHEN "code" IN ('breakfast', 'lunch', 'dinner') THEN "code"::"SlotKind"
  WHEN "windowStart" < '10:00' THEN 'breakfast'::"SlotKind"
  WHEN "windowStart" < '15:00' THEN 'lunch'::"SlotKind"
  ELSE 'dinner'::"SlotKind"
END;

ALTER TABLE "MealSlot" ALTER COLUMN "kind" SET NOT NULL;
