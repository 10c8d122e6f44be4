-- A ticket is escalated at most once per missed deadline (accept, resolve) and round, instead of once per round.
-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "acceptEscalatedAt" TIMESTAMPTZ(3),
ADD COLUMN "resolveEscalatedAt" TIMESTAMPTZ(3);

-- Backfill: the old job escalated for the accept deadline when the ticket was not accepted (this round) at
-- the time, else for the resolve deadline. Accepting again after a reopen overwrites acceptedAt, so a ticket
-- still new/reopened, or accepted only after its escalation, was escalated for the accept deadline.
UPDATE "Ticket" SET "acceptEscalatedAt" = "escalatedAt"
WHERE "escalatedAt" IS NOT NULL AND ("status" IN ('new', 'reopened') OR "acceptedAt" IS NULL OR "acceptedAt" > "escalatedAt");
UPDATE "Ticket" SET "resolveEscalatedAt" = "escalatedAt"
WHERE "escalatedAt" IS NOT NULL AND "acceptEscalatedAt" IS NULL;

ALTER TABLE "Ticket" DROP COLUMN "escalatedAt";
