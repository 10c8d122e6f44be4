/**
 * After checkout: reading meals, voiding the same day, and adjustments (the only correction once a
 * day is over or its month is settled). Every change is audited in its own transaction.
 */
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../http/errors.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import { today } from '../time/index.js';
import { policyInForce, splitFunds } from '../subsidy/index.js';
import { canteenForCaller } from './canteen-service.js';
import { assertMonthOpen } from './month-lock.js';
import { adjustmentViewOf, dinerSelect, mealView } from './meal-view.js';
import { loadPolicies } from './policy-service.js';
import { monthOfDate } from './slots.js';
import { summarise, type MealForTotals } from './totals.js';
import { labelsOf } from './labels.js';
import { say } from '../i18n/index.js';
import { CM, CN } from './messages.js';

type D = Pick<Deps, 'prisma'>;

export async function listMeals(
  d: D,
  ctx: RequestContext,
  canteenId: string,
  q: { date?: string; slot?: string; status?: 'active' | 'voided'; personId?: string; limit: number; cursor?: string },
) {
  await canteenForCaller(d, ctx, canteenId, 'read');
  const rows = await tenantDb(d.prisma, ctx.tenantId).canteenMeal.findMany({
    where: {
      canteenId,
      localDate: q.date ?? today(ctx.timeZone),
      ...(q.slot ? { slotCode: q.slot } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.personId ? { personId: q.personId } : {}),
    },
    include: { person: dinerSelect },
    ...cursorArgs(q),
  });
  return toPage(rows, q.limit, (m) => mealView(m, ctx));
}

export async function getMeal(d: D, ctx: RequestContext, canteenId: string, mealId: string) {
  await canteenForCaller(d, ctx, canteenId, 'read');
  const db = tenantDb(d.prisma, ctx.tenantId);
  const meal = await db.canteenMeal.findFirst({ where: { id: mealId, canteenId }, include: { person: dinerSelect } });
  if (!meal) throw new NotFoundError(CN.meal);
  const adjustments = await db.mealAdjustment.findMany({ where: { mealId }, orderBy: { createdAt: 'asc' } });
  return mealView({ ...meal, adjustments }, ctx);
}

/** Voids a meal served today (tenant zone); frees its subsidy for another meal in that slot. */
export async function voidMeal(d: D, ctx: RequestContext, canteenId: string, mealId: string, reason: string, now = new Date()) {
  await canteenForCaller(d, ctx, canteenId, 'write');
  const db = tenantDb(d.prisma, ctx.tenantId);
  const meal = await db.$transaction(async (tx) => {
    const before = await tx.canteenMeal.findFirst({ where: { id: mealId, canteenId } });
    if (!before) throw new NotFoundError(CN.meal);
    if (before.status === 'voided') throw new ConflictError(say(CM.alreadyVoided));
    const localToday = today(ctx.timeZone, now);
    if (before.localDate !== localToday) {
      throw new ConflictError(say(CM.voidTodayOnly, { today: localToday, date: before.localDate }), {
        reason: 'not_same_day',
      });
    }
    await assertMonthOpen(tx, ctx.tenantId, canteenId, monthOfDate(before.localDate));
    const after = await tx.canteenMeal.update({
      where: { id: mealId },
      data: { status: 'voided', subsidyKey: null, voidedAt: now, voidReason: reason },
      include: { person: dinerSelect },
    });
    await writeAudit(tx, ctx, { action: 'canteen.meal.void', entity: 'CanteenMeal', entityId: mealId, before, after: { ...after, person: undefined } });
    return after;
  });
  return mealView(meal, ctx);
}

/**
 * Changes a recorded meal's subsidy by `amount` fen without touching the meal: the adjustment is
 * booked in the current (open) month and split between the funds of the meal's policy.
 */
export async function adjustMeal(d: D, ctx: RequestContext, canteenId: string, mealId: string, input: { amount: number; reason: string }, now = new Date()) {
  await canteenForCaller(d, ctx, canteenId, 'write');
  const db = tenantDb(d.prisma, ctx.tenantId);
  const policies = await loadPolicies(db);
  const created = await db.$transaction(async (tx) => {
    const meal = await tx.canteenMeal.findFirst({ where: { id: mealId, canteenId } });
    if (!meal) throw new NotFoundError(CN.meal);
    if (meal.status === 'voided') throw new ConflictError(say(CM.voidedNoAdjust));
    const month = monthOfDate(today(ctx.timeZone, now));
    await assertMonthOpen(tx, ctx.tenantId, canteenId, month);
    const earlier = await tx.mealAdjustment.aggregate({ where: { mealId }, _sum: { amount: true } });
    const current = meal.subsidy + (earlier._sum.amount ?? 0);
    const next = current + input.amount;
    if (next < 0 || next > meal.price) {
      throw new UnprocessableError(say(CM.subsidyOutOfRange, { next, price: meal.price }), {
        errors: [{ path: 'body.amount', message: say(CM.amountBetween, { min: -current, max: meal.price - current }) }],
      });
    }
    const policy = policies.find((p) => p.id === meal.policyId) ?? policyInForce(policies, meal.localDate);
    if (!policy) throw new UnprocessableError(say(CM.noPolicyForAdjustment, { date: meal.localDate }));
    const row = await tx.mealAdjustment.create({
      data: {
        tenantId: ctx.tenantId,
        mealId,
        canteenId,
        amount: input.amount,
        fundSplit: splitFunds(input.amount, policy.rules.funding) as object[],
        reason: input.reason,
        month,
        createdBy: ctx.userId,
      },
    });
    await writeAudit(tx, ctx, { action: 'canteen.meal.adjust', entity: 'MealAdjustment', entityId: row.id, after: row });
    return row;
  });
  return adjustmentViewOf(created);
}

/** Totals of a canteen over local dates [from, to] (default today): the day's breakdown at the counter. */
export async function canteenSummary(d: D, ctx: RequestContext, canteenId: string, q: { from?: string; to?: string }) {
  await canteenForCaller(d, ctx, canteenId, 'read');
  const from = q.from ?? q.to ?? today(ctx.timeZone);
  const to = q.to ?? from;
  const db = tenantDb(d.prisma, ctx.tenantId);
  const meals = await db.canteenMeal.findMany({ where: { canteenId, localDate: { gte: from, lte: to } }, select: totalsSelect });
  const totals = summarise(meals as MealForTotals[], []);
  return { canteenId, from, to, ...totals, ...labelsOf(ctx.locale, totals) };
}

/**
 * The cashier's shift hand-over: totals of the meals this caller recorded at the canteen since the
 * shift began (what goes into the cash drawer is `paidByDiners`). At most 24 h back.
 */
export async function shiftTotals(d: D, ctx: RequestContext, canteenId: string, since: Date, now = new Date()) {
  await canteenForCaller(d, ctx, canteenId, 'read');
  const from = new Date(Math.max(since.getTime(), now.getTime() - 24 * 3_600_000));
  const meals = await tenantDb(d.prisma, ctx.tenantId).canteenMeal.findMany({
    where: { canteenId, operatorId: ctx.userId, recordedAt: { gte: from } },
    select: totalsSelect,
  });
  return { canteenId, since: from, until: now, ...summarise(meals as MealForTotals[], []) };
}

export const totalsSelect = {
  id: true, personId: true, localDate: true, slotCode: true, price: true, subsidy: true, payable: true,
  rule: true, basis: true, fundSplit: true, ageOnDate: true, status: true,
} as const;
