/**
 * Money totals of a set of meals and adjustments: the day's breakdown at the counter and the
 * monthly settlement both come from here. Pure; keys are sorted so that the same meals always give
 * byte-identical JSON (a re-run settlement can be compared as is).
 */
import { statusOfRule } from '../subsidy/explain.js';
import type { FundAmount } from '../subsidy/index.js';

export interface MealForTotals {
  id: string;
  personId: string | null;
  localDate: string;
  slotCode: string;
  price: number;
  subsidy: number;
  payable: number;
  rule: string;
  basis: string[];
  fundSplit: unknown;
  ageOnDate: number | null;
  status: 'active' | 'voided';
}

export interface AdjustmentForTotals {
  amount: number;
  fundSplit: unknown;
}

export interface Bucket {
  meals: number;
  subsidy: number;
}

export interface Totals {
  /** Active (not voided) meals. */
  meals: number;
  voidedMeals: number;
  subsidisedMeals: number;
  /** Distinct registered diners. */
  diners: number;
  /** Sum of full prices: what the meals are worth. */
  fullPriceRevenue: number;
  /** Sum of what diners paid at the counter. */
  paidByDiners: number;
  /** Sum of subsidies granted at checkout. */
  subsidy: number;
  subsidyByFund: Record<string, number>;
  byRule: Record<string, Bucket>;
  bySlot: Record<string, Bucket & { fullPriceRevenue: number }>;
  /** By age on the meal date: under_60, 60-69, 70-79, 80-89, 90+, unknown (unregistered diner without age). */
  byAgeTier: Record<string, Bucket>;
  /** By the status the subsidy rested on (a "sum" meal counts under each of its statuses); "none" otherwise. */
  byStatus: Record<string, Bucket>;
  /** Adjustments booked in the period (for a settlement: the month). */
  adjustments: { count: number; amount: number; byFund: Record<string, number> };
  /** subsidy + adjustments: what the funds owe the canteen. */
  subsidyDue: number;
  subsidyDueByFund: Record<string, number>;
}

/** Age tier label used in breakdowns. */
export function ageTierOf(age: number | null): string {
  if (age === null) return 'unknown';
  if (age < 60) return 'under_60';
  if (age >= 90) return '90+';
  const decade = Math.floor(age / 10) * 10;
  return `${decade}-${decade + 9}`;
}

function add(target: Record<string, number>, key: string, amount: number): void {
  target[key] = (target[key] ?? 0) + amount;
}

function bump<B extends Bucket>(target: Record<string, B>, key: string, subsidy: number, init: () => B): B {
  const b = (target[key] ??= init());
  b.meals += 1;
  b.subsidy += subsidy;
  return b;
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function funds(split: unknown): FundAmount[] {
  return Array.isArray(split) ? (split as FundAmount[]) : [];
}

/** Totals of the given meals (voided ones are only counted) and adjustments. */
export function summarise(meals: readonly MealForTotals[], adjustments: readonly AdjustmentForTotals[]): Totals {
  const t: Totals = {
    meals: 0, voidedMeals: 0, subsidisedMeals: 0, diners: 0, fullPriceRevenue: 0, paidByDiners: 0, subsidy: 0,
    subsidyByFund: {}, byRule: {}, bySlot: {}, byAgeTier: {}, byStatus: {},
    adjustments: { count: 0, amount: 0, byFund: {} }, subsidyDue: 0, subsidyDueByFund: {},
  };
  const diners = new Set<string>();
  for (const m of meals) {
    if (m.status !== 'active') {
      t.voidedMeals += 1;
      continue;
    }
    t.meals += 1;
    if (m.subsidy > 0) t.subsidisedMeals += 1;
    if (m.personId) diners.add(m.personId);
    t.fullPriceRevenue += m.price;
    t.paidByDiners += m.payable;
    t.subsidy += m.subsidy;
    for (const f of funds(m.fundSplit)) if (f.amount !== 0) add(t.subsidyByFund, f.fund, f.amount);
    bump(t.byRule, m.rule, m.subsidy, () => ({ meals: 0, subsidy: 0 }));
    bump(t.bySlot, m.slotCode, m.subsidy, () => ({ meals: 0, subsidy: 0, fullPriceRevenue: 0 })).fullPriceRevenue += m.price;
    bump(t.byAgeTier, ageTierOf(m.ageOnDate), m.subsidy, () => ({ meals: 0, subsidy: 0 }));
    const statuses = m.subsidy > 0 ? [...new Set([m.rule, ...m.basis].map(statusOfRule).filter((s): s is string => s !== null))] : [];
    for (const s of statuses.length ? statuses.sort() : ['none']) bump(t.byStatus, s, m.subsidy, () => ({ meals: 0, subsidy: 0 }));
  }
  t.diners = diners.size;
  for (const a of adjustments) {
    t.adjustments.count += 1;
    t.adjustments.amount += a.amount;
    for (const f of funds(a.fundSplit)) add(t.adjustments.byFund, f.fund, f.amount);
  }
  t.subsidyDue = t.subsidy + t.adjustments.amount;
  for (const [fund, amount] of [...Object.entries(t.subsidyByFund), ...Object.entries(t.adjustments.byFund)]) add(t.subsidyDueByFund, fund, amount);
  t.subsidyByFund = sorted(t.subsidyByFund);
  t.byRule = sorted(t.byRule);
  t.bySlot = sorted(t.bySlot);
  t.byAgeTier = sorted(t.byAgeTier);
  t.byStatus = sorted(t.byStatus);
  t.adjustments.byFund = sorted(t.adjustments.byFund);
  t.subsidyDueByFund = sorted(t.subsidyDueByFund);
  return t;
}
