/**
 * CSV exports of settlements: the month's summary (one line per canteen) and the list of meals and
 * adjustments behind one settlement. Money in integer fen; ID numbers masked except for admins.
 */
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import type { RequestContext } from '../http/context.js';
import { maskIdNumber } from '../privacy.js';
import { DateTime } from 'luxon';
import type { Explanation, FundAmount } from '../subsidy/index.js';
import { toCsv, type Cell } from './csv.js';
import { getSettlement, listSettlements } from './settlement-service.js';
import { monthBounds } from './slots.js';

type D = Pick<Deps, 'prisma'>;

function fundColumns(funds: Iterable<string>): string[] {
  return [...new Set(funds)].sort();
}

/** One line per settled canteen of a month. */
export async function settlementsCsv(d: D, ctx: RequestContext, month: string): Promise<string> {
  const rows = await listSettlements(d, ctx, { month });
  const funds = fundColumns(rows.flatMap((r) => Object.keys(r.totals.subsidyDueByFund)));
  const header = [
    'month', 'canteen_id', 'canteen', 'meals', 'subsidised_meals', 'voided_meals', 'diners', 'full_price_revenue_fen',
    'paid_by_diners_fen', 'subsidy_fen', 'adjustments_fen', 'subsidy_due_fen', ...funds.map((f) => `due_${f}_fen`), 'locked_at',
  ];
  const lines: Cell[][] = rows.map((r) => {
    const t = r.totals;
    return [
      r.month, r.canteenId, r.canteenName, t.meals, t.subsidisedMeals, t.voidedMeals, t.diners, t.fullPriceRevenue, t.paidByDiners,
      t.subsidy, t.adjustments.amount, t.subsidyDue, ...funds.map((f) => t.subsidyDueByFund[f] ?? 0), r.lockedAt.toISOString(),
    ];
  });
  return toCsv(header, lines);
}

/** The meals (and the adjustments booked in the month) behind one settlement. */
export async function settlementMealsCsv(d: D, ctx: RequestContext, settlementId: string): Promise<{ csv: string; fileName: string }> {
  const s = await getSettlement(d, ctx, settlementId);
  const db = tenantDb(d.prisma, ctx.tenantId);
  const { from, to } = monthBounds(s.month);
  const [meals, adjustments] = await Promise.all([
    db.canteenMeal.findMany({
      where: { canteenId: s.canteenId, localDate: { gte: from, lte: to } },
      include: { person: { select: { name: true, idNumber: true } } },
      orderBy: [{ servedAt: 'asc' }, { id: 'asc' }],
    }),
    db.mealAdjustment.findMany({ where: { canteenId: s.canteenId, month: s.month }, orderBy: { createdAt: 'asc' } }),
  ]);
  const funds = fundColumns([
    ...meals.flatMap((m) => (m.fundSplit as unknown as FundAmount[]).map((f) => f.fund)),
    ...adjustments.flatMap((a) => (a.fundSplit as unknown as FundAmount[]).map((f) => f.fund)),
  ]);
  const byFund = (split: unknown) => {
    const m = new Map((split as FundAmount[]).map((f) => [f.fund, f.amount]));
    return funds.map((f) => m.get(f) ?? 0);
  };
  const reveal = ctx.roles.includes('admin');
  const header = [
    'type', 'id', 'local_date', 'local_time', 'slot', 'person_id', 'diner', 'id_number', 'identified_by', 'price_fen', 'subsidy_fen',
    'payable_fen', 'rule', 'explanation', ...funds.map((f) => `${f}_fen`), 'status', 'meal_id', 'reason', 'recorded_at', 'override',
  ];
  const localTime = (at: Date) => DateTime.fromJSDate(at, { zone: ctx.timeZone }).toFormat('yyyy-MM-dd HH:mm');
  const lines: Cell[][] = meals.map((m) => [
    'meal', m.id, m.localDate, DateTime.fromJSDate(m.servedAt, { zone: ctx.timeZone }).toFormat('HH:mm'), m.slotCode, m.personId,
    m.person?.name, reveal ? m.person?.idNumber : maskIdNumber(m.person?.idNumber), m.identifiedBy, m.price, m.subsidy, m.payable, m.rule,
    (m.explanation as unknown as Explanation)[ctx.locale === 'en' ? 'en' : 'zh'], ...byFund(m.fundSplit), m.status, null, m.voidReason,
    localTime(m.recordedAt), m.overrideKinds.length ? `${m.overrideKinds.join('+')}: ${m.overrideReason ?? ''}` : null,
  ]);
  for (const a of adjustments) {
    lines.push([
      'adjustment', a.id, DateTime.fromJSDate(a.createdAt, { zone: ctx.timeZone }).toISODate(), null, null, null, null, null, null, null,
      a.amount, null, null, null, ...byFund(a.fundSplit), null, a.mealId, a.reason, localTime(a.createdAt), null,
    ]);
  }
  return { csv: toCsv(header, lines), fileName: `settlement-${s.month}-${s.canteenId}.csv` };
}
