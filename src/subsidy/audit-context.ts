/**
 * Indexes shared by the audit checks, built once per scan, and the engine recomputation of a
 * recorded meal. Checks stay short and every check sees the same notion of "subsidised meal".
 */
import {
  assertPolicyVersions,
  computeSubsidy,
  type SubsidyPerson,
  type SubsidyPolicy,
  type SubsidyResult,
} from './engine.js';
import { monthOf } from '../time/index.js';
import { MEAL_SLOTS } from './policy-schema.js';
import type { AuditInput, AuditMeal, AuditPerson, Finding } from './audit-types.js';

/** Prepared view of an {@link AuditInput}. */
export interface AuditContext {
  persons: ReadonlyMap<string, AuditPerson>;
  /** Active meals with subsidy > 0, in serving order (date, slot, id). */
  subsidised: readonly AuditMeal[];
  /** Active meals (subsidised or not), in serving order. */
  active: readonly AuditMeal[];
  /** The policy version in force on a local date, or null. */
  policyOn(localDate: string): SubsidyPolicy | null;
  /**
   * What the engine allows for this meal today, or null when the person or the policy is unknown.
   * Usage counts are the most lenient reading of the record (see {@link buildAuditContext}).
   */
  recompute(meal: AuditMeal): SubsidyResult | null;
}

/** `person|date|slot`: the unit of the per-slot-per-day cap and of most finding keys. */
export function slotKeyOf(m: { personId: string; localDate: string; slot: string }): string {
  return `${m.personId}|${m.localDate}|${m.slot}`;
}

/** Orders meals as they were served: by date, then breakfast < lunch < dinner, then id. */
export function servingOrder(a: AuditMeal, b: AuditMeal): number {
  if (a.localDate !== b.localDate) return a.localDate < b.localDate ? -1 : 1;
  const s = MEAL_SLOTS.indexOf(a.slot) - MEAL_SLOTS.indexOf(b.slot);
  if (s !== 0) return s;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Groups items by a key; groups come out in key order so findings are deterministic. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The engine's view of an audited person. */
export function toSubsidyPerson(p: AuditPerson): SubsidyPerson {
  return { birthDate: p.birthDate, statuses: p.statuses, residentOfTenant: p.resident, deathDate: p.deathDate };
}

/**
 * Builds the per-scan indexes. Throws `PolicyVersionError` when policy versions overlap, since then
 * no meal can be recomputed reliably.
 *
 * Recomputation needs the person's usage before the meal, but the record does not say which of two
 * same-slot meals in different canteens came first. So it counts, leniently, every OTHER subsidised
 * meal in the same slot that day, and every other subsidised meal of the month dated on or before the
 * meal's day. A cap that checkout could have applied is then never reported as a missed benefit.
 */
export function buildAuditContext(input: AuditInput): AuditContext {
  assertPolicyVersions(input.policies);
  const persons = new Map(input.persons.map((p) => [p.id, p]));
  const active = input.meals.filter((m) => m.status === 'active').sort(servingOrder);
  const subsidised = active.filter((m) => m.subsidy > 0);

  const inSlot = new Map<string, number>();
  const monthDates = new Map<string, string[]>();
  for (const m of subsidised) {
    inSlot.set(slotKeyOf(m), (inSlot.get(slotKeyOf(m)) ?? 0) + 1);
    const mk = `${m.personId}|${monthOf(m.localDate)}`;
    const dates = monthDates.get(mk);
    if (dates) dates.push(m.localDate);
    else monthDates.set(mk, [m.localDate]);
  }

  const policyCache = new Map<string, SubsidyPolicy | null>();
  const policyOn = (localDate: string): SubsidyPolicy | null => {
    if (!policyCache.has(localDate)) {
      const found = input.policies.find((p) => localDate >= p.effectiveFrom && (p.effectiveTo == null || localDate <= p.effectiveTo));
      policyCache.set(localDate, found ?? null);
    }
    return policyCache.get(localDate)!;
  };

  const recompute = (meal: AuditMeal): SubsidyResult | null => {
    const person = persons.get(meal.personId);
    const policy = policyOn(meal.localDate);
    if (!person || !policy) return null;
    const self = meal.status === 'active' && meal.subsidy > 0 ? 1 : 0;
    const month = monthDates.get(`${meal.personId}|${monthOf(meal.localDate)}`) ?? [];
    return computeSubsidy(
      policy,
      toSubsidyPerson(person),
      { localDate: meal.localDate, slot: meal.slot, price: meal.price },
      {
        subsidisedInSlotToday: (inSlot.get(slotKeyOf(meal)) ?? 0) - self,
        subsidisedThisMonth: month.filter((d) => d <= meal.localDate).length - self,
      },
    );
  };

  return { persons, subsidised, active, policyOn, recompute };
}

/**
 * One finding per person/date/slot group of flagged meals — the shape shared by the per-meal
 * checks. `canteenId` is set only when the whole group happened in one canteen.
 */
export function slotFindings(
  kind: Finding['kind'],
  severity: Finding['severity'],
  flagged: readonly AuditMeal[],
  evidenceOf: (group: AuditMeal[]) => Record<string, unknown>,
): Finding[] {
  return groupBy(flagged, slotKeyOf).map(([k, group]) => {
    const canteens = [...new Set(group.map((m) => m.canteenId))].sort();
    return {
      kind,
      severity,
      personId: group[0].personId,
      ...(canteens.length === 1 ? { canteenId: canteens[0] } : {}),
      mealIds: group.map((m) => m.id).sort(),
      localDate: group[0].localDate,
      evidence: { slot: group[0].slot, canteenIds: canteens, ...evidenceOf(group) },
      key: `${kind}|${k}`,
    };
  });
}

/** Sum of a numeric field over meals. */
export function total(meals: readonly AuditMeal[], field: 'subsidy' | 'payable' | 'price'): number {
  return meals.reduce((s, m) => s + m[field], 0);
}
