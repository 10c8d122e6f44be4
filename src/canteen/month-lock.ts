/**
 * The month lock. Settling a canteen's month takes an exclusive advisory lock on (canteen, month);
 * every checkout, void and adjustment of that month takes it shared, then checks for a Settlement.
 * So a meal either commits before the settlement reads the month, or sees the lock and is refused:
 * no meal can slip into a month after its totals were computed.
 * The lock and the read after it must be separate statements: under READ COMMITTED a statement reads
 * the snapshot taken when it started, i.e. before it waited for the lock.
 */
import type { TenantTx } from '../db/prisma.js';
import { ConflictError } from '../http/errors.js';

export async function lockMonth(tx: TenantTx, tenantId: string, canteenId: string, month: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = `canteen-month|${tenantId}|${canteenId}|${month}`;
  if (mode === 'shared') await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** Takes the shared lock and refuses (409) when the canteen's month is settled. */
export async function assertMonthOpen(tx: TenantTx, tenantId: string, canteenId: string, month: string, mode: 'shared' = 'shared'): Promise<void> {
  await lockMonth(tx, tenantId, canteenId, month, mode);
  const settled = await tx.settlement.findFirst({ where: { canteenId, month }, select: { lockedAt: true } });
  if (settled) {
    throw new ConflictError(`The month ${month} of this canteen is settled (locked ${settled.lockedAt.toISOString()}); record an adjustment instead.`, {
      reason: 'month_settled',
      month,
    });
  }
}
