import type { TenantTx } from '../../db/prisma.js';
import { localDateOf } from '../../time/index.js';

/** 住院 (in-patient): the prefix a hospital cashier's office files nursing invoices under. */
export const INVOICE_PREFIX = 'ZY';
const SEQ_DIGITS = 6;

/** ZY-2026-000123: prefix, the hospital's local year of issue, a per-year sequence. */
export function formatInvoiceNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence must be a positive integer: ${seq}`);
  return `${INVOICE_PREFIX}-${year}-${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

/**
 * The next number of a hospital's year, inside the issuing transaction. The upsert takes the
 * counter row's lock, so two discharges at once wait for each other and get consecutive numbers;
 * a transaction that rolls back gives its number back with it (no gaps, no duplicates).
 */
export async function allocateInvoiceNumber(tx: TenantTx, tenantId: string, issuedAt: Date, zone: string): Promise<string> {
  const year = Number(localDateOf(issuedAt, zone).slice(0, 4));
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "InvoiceCounter" ("tenantId", "year", "last") VALUES (${tenantId}::uuid, ${year}, 1)
    ON CONFLICT ("tenantId", "year") DO UPDATE SET "last" = "InvoiceCounter"."last" + 1
    RETURNING "last"`;
  return formatInvoiceNumber(year, Number(rows[0].last));
}
