/**
 * CSV exports of settlements: the month's summary (one line per canteen) and the list of meals and
 * adjustments behind one settlement. zh-CN: Chinese headings and yuan, fen columns beside (see
 * `localisedCsv`); en: machine keys and fen. ID numbers masked except for admins.
 */
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import type { RequestContext } from '../http/context.js';
import { t } from '../i18n/index.js';
import { maskIdNumber } from '../privacy.js';
import { DateTime } from 'luxon';
import type { Explanation, FundAmount } from '../subsidy/index.js';
import { localisedCsv, type Cell, type Column } from './csv.js';
import { H } from './csv-headings.js';
import { fundLabel, slotLabel } from './labels.js';
import { getSettlement, listSettlements } from './settlement-service.js';
import { monthBounds } from './slots.js';
import type { Totals } from './totals.js';

type D = Pick<Deps, 'prisma'>;

function fundColumns(funds: Iterable<string>): string[] {
  return [...new Set(funds)].sort();
}

/** One line per settled canteen of a month. */
export async function settlementsCsv(d: D, ctx: RequestContext, month: string): Promise<string> {
  const rows = await listSettlements(d, ctx, { month });
  const funds = fundColumns(rows.flatMap((r) => Object.keys((r.totals as Totals).subsidyDueByFund)));
  type R = (typeof rows)[number];
  const tt = (r: R) => r.totals as Totals;
  const l = (m: (typeof H)[keyof typeof H], p = {}) => t(ctx.locale, m, p);
  const columns: Column<R>[] = [
    { key: 'month', label: l(H.month), value: (r) => r.month },
    { key: 'canteen_id', label: l(H.canteenId), value: (r) => r.canteenId },
    { key: 'canteen', label: l(H.canteen), value: (r) => r.canteenName },
    { key: 'meals', label: l(H.meals), value: (r) => tt(r).meals },
    { key: 'subsidised_meals', label: l(H.subsidisedMeals), value: (r) => tt(r).subsidisedMeals },
    { key: 'voided_meals', label: l(H.voidedMeals), value: (r) => tt(r).voidedMeals },
    { key: 'diners', label: l(H.diners), value: (r) => tt(r).diners },
    { key: 'full_price_revenue_fen', label: l(H.fullPrice), value: (r) => tt(r).fullPriceRevenue, fen: true },
    { key: 'paid_by_diners_fen', label: l(H.paid), value: (r) => tt(r).paidByDiners, fen: true },
    { key: 'subsidy_fen', label: l(H.subsidy), value: (r) => tt(r).subsidy, fen: true },
    { key: 'adjustments_fen', label: l(H.adjustments), value: (r) => tt(r).adjustments.amount, fen: true },
    { key: 'subsidy_due_fen', label: l(H.due), value: (r) => tt(r).subsidyDue, fen: true },
    ...funds.map((f): Column<R> => ({ key: `due_${f}_fen`, label: l(H.dueFund, { fund: fundLabel(ctx.locale, f) }), value: (r) => tt(r).subsidyDueByFund[f] ?? 0, fen: true })),
    { key: 'locked_at', label: l(H.lockedAt), value: (r) => r.lockedAt.toISOString() },
  ];
  return localisedCsv(ctx.locale, columns, rows);
}

interface Line {
  type: 'meal' | 'adjustment'; id: string; localDate: string | null; localTime: string | null; slot: string | null; personId: string | null;
  diner: string | null; idNumber: string | null; identifiedBy: string | null; price: number | null; subsidy: number; payable: number | null;
  rule: string | null; explanation: string | null; split: unknown; status: string | null; mealId: string | null; reason: string | null;
  recordedAt: string; override: string | null;
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
  const reveal = ctx.roles.includes('admin');
  const zh = ctx.locale !== 'en';
  const local = (at: Date, format: string) => DateTime.fromJSDate(at, { zone: ctx.timeZone }).toFormat(format);
  const lines: Line[] = [
    ...meals.map((m): Line => ({
      type: 'meal', id: m.id, localDate: m.localDate, localTime: local(m.servedAt, 'HH:mm'), slot: m.slotCode, personId: m.personId,
      diner: m.person?.name ?? null, idNumber: (reveal ? m.person?.idNumber : maskIdNumber(m.person?.idNumber)) ?? null, identifiedBy: m.identifiedBy,
      price: m.price, subsidy: m.subsidy, payable: m.payable, rule: m.rule, explanation: (m.explanation as unknown as Explanation)[zh ? 'zh' : 'en'],
      split: m.fundSplit, status: m.status, mealId: null, reason: m.voidReason, recordedAt: local(m.recordedAt, 'yyyy-MM-dd HH:mm'),
      override: m.overrideKinds.length ? `${m.overrideKinds.join('+')}: ${m.overrideReason ?? ''}` : null,
    })),
    ...adjustments.map((a): Line => ({
      type: 'adjustment', id: a.id, localDate: local(a.createdAt, 'yyyy-MM-dd'), localTime: null, slot: null, personId: null, diner: null, idNumber: null,
      identifiedBy: null, price: null, subsidy: a.amount, payable: null, rule: null, explanation: null, split: a.fundSplit, status: null,
      mealId: a.mealId, reason: a.reason, recordedAt: local(a.createdAt, 'yyyy-MM-dd HH:mm'), override: null,
    })),
  ];
  const share = (split: unknown, fund: string): Cell => (split as FundAmount[]).find((f) => f.fund === fund)?.amount ?? 0;
  const l = (m: (typeof H)[keyof typeof H], p = {}) => t(ctx.locale, m, p);
  const columns: Column<Line>[] = [
    { key: 'type', label: l(H.type), value: (r) => (zh ? l(r.type === 'meal' ? H.meal : H.adjustment) : r.type) },
    { key: 'id', label: l(H.id), value: (r) => r.id },
    { key: 'local_date', label: l(H.localDate), value: (r) => r.localDate },
    { key: 'local_time', label: l(H.localTime), value: (r) => r.localTime },
    { key: 'slot', label: l(H.slot), value: (r) => (r.slot && zh ? slotLabel(ctx.locale, r.slot) : r.slot) },
    { key: 'person_id', label: l(H.personId), value: (r) => r.personId },
    { key: 'diner', label: l(H.diner), value: (r) => r.diner },
    { key: 'id_number', label: l(H.idNumber), value: (r) => r.idNumber },
    { key: 'identified_by', label: l(H.identifiedBy), value: (r) => r.identifiedBy },
    { key: 'price_fen', label: l(H.price), value: (r) => r.price, fen: true },
    { key: 'subsidy_fen', label: l(H.subsidy), value: (r) => r.subsidy, fen: true },
    { key: 'payable_fen', label: l(H.payable), value: (r) => r.payable, fen: true },
    { key: 'rule', label: l(H.rule), value: (r) => r.rule },
    { key: 'explanation', label: l(H.explanation), value: (r) => r.explanation },
    ...funds.map((f): Column<Line> => ({ key: `${f}_fen`, label: l(H.fundAmount, { fund: fundLabel(ctx.locale, f) }), value: (r) => share(r.split, f), fen: true })),
    { key: 'status', label: l(H.status), value: (r) => r.status },
    { key: 'meal_id', label: l(H.mealId), value: (r) => r.mealId },
    { key: 'reason', label: l(H.reason), value: (r) => r.reason },
    { key: 'recorded_at', label: l(H.recordedAt), value: (r) => r.recordedAt },
    { key: 'override', label: l(H.override), value: (r) => r.override },
  ];
  return { csv: localisedCsv(ctx.locale, columns, lines), fileName: `settlement-${s.month}-${s.canteenId}.csv` };
}
