/**
 * Advisory locks of the canteen domain (transaction-scoped, so they can never leak).
 *
 * Month lock: settling a canteen's month takes an exclusive lock on (canteen, month); every
 * checkout, void and adjustment of that month takes it shared, then checks for a Settlement. So a
 * meal either commits before the settlement reads the month, or sees the lock and is refused: no
 * meal can slip into a month after its totals were computed.
 *
 * Diner lock: see lockForCheckout.
 *
 * Policy lock: publishing a policy version takes an exclusive lock per tenant; a checkout takes it
 * shared before it reads the versions. So a version cannot be published "from today" while a
 * checkout is still pricing today's meal with the old one (the publish waits, then sees that meal
 * and refuses the date).
 *
 * A lock and the reads that depend on it must be separate statements: under READ COMMITTED a
 * statement reads the snapshot taken when it started, i.e. before it waited for the lock.
 */
import type { TenantTx } from '../db/prisma.js';
import { ConflictError } from '../http/errors.js';
import { say } from '../i18n/index.js';
import { CM } from './messages.js';

const monthKey = (tenantId: string, canteenId: string, month: string) => `canteen-month|${tenantId}|${canteenId}|${month}`;
const policyKey = (tenantId: string) => `subsidy-policy|${tenantId}`;
const dinerKey = (tenantId: string, personId: string) => `canteen-diner|${tenantId}|${personId}`;

export async function lockMonth(tx: TenantTx, tenantId: string, canteenId: string, month: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = monthKey(tenantId, canteenId, month);
  if (mode === 'shared') await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** Exclusive: publishing or creating policy versions of a tenant. */
export async function lockPolicies(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${policyKey(tenantId)}, 0))`;
}

/** 409 when the canteen's month is settled (call after taking the month lock). */
async function refuseSettled(tx: TenantTx, canteenId: string, month: string): Promise<void> {
  const settled = await tx.settlement.findFirst({ where: { canteenId, month }, select: { lockedAt: true } });
  if (settled) {
    throw new ConflictError(say(CM.monthSettled, { month, at: settled.lockedAt.toISOString() }), {
      reason: 'month_settled',
      month,
    });
  }
}

/** Void and adjustment: the month lock shared, then 409 when the month is settled. */
export async function assertMonthOpen(tx: TenantTx, tenantId: string, canteenId: string, month: string): Promise<void> {
  await lockMonth(tx, tenantId, canteenId, month, 'shared');
  await refuseSettled(tx, canteenId, month);
}

/**
 * Checkout: the month lock and the policy lock shared, and the diner lock exclusive, in one round
 * trip; then the settled check. The diner lock queues two checkouts of one registered person (at
 * two counters, two canteens or two slots) one after the other, so the second one's caps (per slot
 * and day, per month) count the first meal; the unique subsidy key stays the database's guarantee.
 */
export async function lockForCheckout(tx: TenantTx, tenantId: string, canteenId: string, month: string, personId: string | null): Promise<void> {
  const month_ = monthKey(tenantId, canteenId, month);
  if (personId) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${month_}, 0)),
      pg_advisory_xact_lock_shared(hashtextextended(${policyKey(tenantId)}, 0)),
      pg_advisory_xact_lock(hashtextextended(${dinerKey(tenantId, personId)}, 0))`;
  } else {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${month_}, 0)),
      pg_advisory_xact_lock_shared(hashtextextended(${policyKey(tenantId)}, 0))`;
  }
  await refuseSettled(tx, canteenId, month);
}
