-- A consent may carry the signer's handwritten signature (file store key).
ALTER TABLE "Consent" ADD COLUMN "signatureKey" TEXT;

-- Readable invoice numbers per hospital and local year: ZY-2026-000123.
CREATE TABLE "InvoiceCounter" (
    "tenantId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "InvoiceCounter_pkey" PRIMARY KEY ("tenantId","year")
);

ALTER TABLE "Invoice" ADD COLUMN "number" TEXT;

-- Invoices issued before numbers existed get them in the order they were issued, per hospital and
-- year in the hospital's time zone, and the counters continue from there.
WITH numbered AS (
    SELECT i."id", i."tenantId",
           EXTRACT(YEAR FROM (i."issuedAt" AT TIME ZONE COALESCE(t."timeZone", 'Asia/Shanghai')))::int AS "year",
           ROW_NUMBER() OVER (
               PARTITION BY i."tenantId", EXTRACT(YEAR FROM (i."issuedAt" AT TIME ZONE COALESCE(t."timeZone", 'Asia/Shanghai')))
               ORDER BY i."issuedAt", i."id") AS "seq"
    FROM "Invoice" i LEFT JOIN "Tenant" t ON t."id" = i."tenantId"
)
UPDATE "Invoice" SET "number" = 'ZY-' || numbered."year" || '-' || LPAD(numbered."seq"::text, 6, '0')
FROM numbered WHERE numbered."id" = "Invoice"."id";

INSERT INTO "InvoiceCounter" ("tenantId", "year", "last")
SELECT "tenantId", SPLIT_PART("number", '-', 2)::int, MAX(SPLIT_PART("number", '-', 3)::int)
FROM "Invoice" GROUP BY "tenantId", SPLIT_PART("number", '-', 2)::int;

ALTER TABLE "Invoice" ALTER COLUMN "number" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_tenantId_number_key" ON "Invoice"("tenantId", "number");
