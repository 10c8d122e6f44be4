/**
 * Monthly settlement per canteen (SPEC §2): totals of the month's meals and of the adjustments
 * booked in it, stored once; the month is then locked (see ./month-lock.ts). Only months that have
 * ended in the tenant zone can be settled, and nothing can enter a settled month afterwards, so a
 * re-run computes the same totals and changes nothing.
 */
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit, type Actor } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { NotFoundError, UnprocessableError } from '../http/errors.js';
import { today } from '../time/index.js';
import type { Settlement } from '../generated/prisma/client.js';
import { readableCanteenIds } from './canteen-service.js';
import { lockMonth } from './month-lock.js';
import { totalsSelect } from './meal-service.js';
import { monthBounds, monthOfDate } from './slots.js';
import { summarise, type MealForTotals, type Totals } from './totals.js';
import { say } from '../i18n/index.js';
import { CM, CN } from './messages.js';

type D = Pick<Deps, 'prisma'>;
/** A user through the API or the monthly job; both need the tenant zone. */
export type Caller = Actor & { timeZone: string };

export function settlementView(s: Settlement & { canteenName?: string }) {
  return {
    id: s.id,
    canteenId: s.canteenId,
    canteenName: s.canteenName ?? null,
    month: s.month,
    lockedAt: s.lockedAt,
    lockedBy: s.lockedBy,
    totals: s.totals as unknown as Totals,
  };
}

/**
 * Settles `month` for one canteen or every canteen of the tenant. Re-running is harmless: totals
 * are recomputed under the lock and are the same (a difference would only come from rows edited by
 * hand, and is then corrected and audited).
 */
export async function settleMonth(d: D, caller: Caller, month: string, canteenId?: string, now = new Date()) {
  const current = monthOfDate(today(caller.timeZone, now));
  if (month >= current) {
    throw new UnprocessableError(say(CM.monthNotOver, { month, zone: caller.timeZone }), {
      errors: [{ path: 'body.month', message: say(CM.mustBeBefore, { month: current }) }],
    });
  }
  const db = tenantDb(d.prisma, caller.tenantId);
  const canteens = await db.canteen.findMany({ where: canteenId ? { id: canteenId } : {}, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  if (canteenId && canteens.length === 0) throw new NotFoundError(CN.canteen);
  const out = [];
  for (const c of canteens) out.push(settlementView({ ...(await settleCanteenMonth(d, caller, c.id, month)), canteenName: c.name }));
  return out;
}

async function settleCanteenMonth(d: D, caller: Caller, canteenId: string, month: string): Promise<Settlement> {
  const { from, to } = monthBounds(month);
  return tenantDb(d.prisma, caller.tenantId).$transaction(
    async (tx) => {
      await lockMonth(tx, caller.tenantId, canteenId, month, 'exclusive');
      // Sequential: a transaction has one connection.
      const meals = await tx.canteenMeal.findMany({ where: { canteenId, localDate: { gte: from, lte: to } }, select: totalsSelect, orderBy: { id: 'asc' } });
      const adjustments = await tx.mealAdjustment.findMany({ where: { canteenId, month }, select: { amount: true, fundSplit: true }, orderBy: { id: 'asc' } });
      const existing = await tx.settlement.findFirst({ where: { canteenId, month } });
      const totals = summarise(meals as MealForTotals[], adjustments);
      if (!existing) {
        const created = await tx.settlement.create({
          data: { tenantId: caller.tenantId, canteenId, month, totals: totals as object, lockedBy: caller.userId },
        });
        await writeAudit(tx, caller, { action: 'canteen.settlement.lock', entity: 'Settlement', entityId: created.id, after: created });
        return created;
      }
      if (JSON.stringify(existing.totals) === JSON.stringify(totals)) return existing;
      const updated = await tx.settlement.update({ where: { id: existing.id }, data: { totals: totals as object } });
      await writeAudit(tx, caller, { action: 'canteen.settlement.recompute', entity: 'Settlement', entityId: existing.id, before: existing, after: updated });
      return updated;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

async function withNames(d: D, tenantId: string, rows: Settlement[]) {
  const names = new Map(
    (await tenantDb(d.prisma, tenantId).canteen.findMany({ where: { id: { in: rows.map((r) => r.canteenId) } }, select: { id: true, name: true } }))
      .map((c) => [c.id, c.name]),
  );
  return rows.map((r) => settlementView({ ...r, canteenName: names.get(r.canteenId) }));
}

export async function listSettlements(d: D, ctx: RequestContext, q: { month?: string; canteenId?: string }) {
  const ids = await readableCanteenIds(d, ctx);
  const rows = await tenantDb(d.prisma, ctx.tenantId).settlement.findMany({
    where: {
      ...(q.month ? { month: q.month } : {}),
      ...(q.canteenId || ids ? { canteenId: { in: (ids ?? [q.canteenId!]).filter((id) => !q.canteenId || id === q.canteenId) } } : {}),
    },
    orderBy: [{ month: 'desc' }, { canteenId: 'asc' }],
  });
  return withNames(d, ctx.tenantId, rows);
}

export async function getSettlement(d: D, ctx: RequestContext, id: string) {
  const ids = await readableCanteenIds(d, ctx);
  const row = await tenantDb(d.prisma, ctx.tenantId).settlement.findFirst({ where: { id } });
  if (!row || (ids && !ids.includes(row.canteenId))) throw new NotFoundError(CN.settlement);
  return (await withNames(d, ctx.tenantId, [row]))[0];
}
