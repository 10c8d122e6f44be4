import type { CanteenMeal, MealAdjustment } from '../generated/prisma/client.js';
import type { RequestContext } from '../http/context.js';
import { maskIdNumber } from '../privacy.js';
import type { Explanation, FundAmount } from '../subsidy/index.js';

/** The person fields a meal shows: name and (masked) ID number. */
export const dinerSelect = { select: { id: true, name: true, idNumber: true } } as const;

type MealRow = CanteenMeal & { person: { id: string; name: string; idNumber: string | null } | null; adjustments?: MealAdjustment[] };

export function adjustmentViewOf(a: MealAdjustment) {
  return {
    id: a.id,
    mealId: a.mealId,
    canteenId: a.canteenId,
    amount: a.amount,
    fundSplit: a.fundSplit as unknown as FundAmount[],
    reason: a.reason,
    month: a.month,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
  };
}

/** The one way a meal leaves the API; the ID number is masked except for admins. */
export function mealView(m: MealRow, ctx: Pick<RequestContext, 'roles' | 'locale'>) {
  const explanation = m.explanation as unknown as Explanation;
  return {
    id: m.id,
    canteenId: m.canteenId,
    diner: m.person
      ? { personId: m.person.id, name: m.person.name, idNumber: ctx.roles.includes('admin') ? m.person.idNumber : maskIdNumber(m.person.idNumber) }
      : null,
    identifiedBy: m.identifiedBy as 'person_id' | 'id_number' | 'card',
    localDate: m.localDate,
    slot: m.slotCode as 'breakfast' | 'lunch' | 'dinner',
    servedAt: m.servedAt,
    recordedAt: m.recordedAt,
    override: m.overrideKinds.length > 0
      ? { kinds: m.overrideKinds as ('outside_hours' | 'late_record')[], reason: m.overrideReason ?? '', by: m.overrideBy }
      : null,
    price: m.price,
    subsidy: m.subsidy,
    payable: m.payable,
    rule: m.rule,
    message: ctx.locale === 'en' ? explanation.en : explanation.zh,
    explanation,
    basis: m.basis,
    fundSplit: m.fundSplit as unknown as FundAmount[],
    policyId: m.policyId,
    ageOnDate: m.ageOnDate,
    status: m.status,
    voidedAt: m.voidedAt,
    voidReason: m.voidReason,
    ...(m.adjustments ? { adjustments: m.adjustments.map(adjustmentViewOf) } : {}),
    createdAt: m.createdAt,
  };
}
