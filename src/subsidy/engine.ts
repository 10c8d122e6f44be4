/**
 * The canteen subsidy engine (SPEC §2): one meal in, price/subsidy/payable and the rule out.
 * Pure: no clock, no I/O. The caller looks up the policy in force ({@link policyInForce}) and counts
 * the person's earlier subsidised meals; the audit scan recomputes meals with the same function.
 */
import {
  ageTierCode,
  ageTierLabel,
  benefitSentence,
  noSubsidySentence,
  statusCode,
  statusLabel,
  sumSentence,
  type Explanation,
  type OutcomeCode,
} from './explain.js';
import { ageOn, parseLocalDate, withinInclusive } from '../time/index.js';
import {
  STATUS_CODES,
  type FundShare,
  type MealSlot,
  type StatusCode,
  type SubsidyPolicyRules,
} from './policy-schema.js';

export { ageOn } from '../time/index.js';
export type { Explanation } from './explain.js';

/** One policy version. Both ends inclusive; `effectiveTo` absent/null = still in force. */
export interface SubsidyPolicy {
  id: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  /** Already validated with `subsidyPolicyRulesSchema`; the engine does not re-validate. */
  rules: SubsidyPolicyRules;
}

/** A status held from `validFrom` to `validTo`, both inclusive (`validTo` absent = open-ended). */
export interface PersonStatus {
  code: StatusCode;
  validFrom: string;
  validTo?: string | null;
}

/** What the engine needs to know about the diner. */
export interface SubsidyPerson {
  birthDate: string;
  statuses: readonly PersonStatus[];
  residentOfTenant: boolean;
  deathDate?: string | null;
}

/** The meal being priced: tenant-local date, slot, full price in fen. */
export interface MealInput {
  localDate: string;
  slot: MealSlot;
  price: number;
}

/** Counts of the person's EARLIER subsidised meals (subsidy > 0, not voided) — queried by the caller. */
export interface MealUsage {
  subsidisedInSlotToday: number;
  subsidisedThisMonth: number;
}

/** One fund's part of a subsidy, in fen. */
export interface FundAmount {
  fund: string;
  amount: number;
}

/** The priced meal. `subsidy + payable === price`; fund amounts sum to `subsidy`. */
export interface SubsidyResult {
  policyId: string;
  price: number;
  subsidy: number;
  payable: number;
  /** Stable machine code: `age_90_plus_free`, `status_minimum_living`, `sum`, `cap_month`, … */
  rule: string;
  explanation: Explanation;
  /** Funds in the policy's order; remainder fen go to the first fund. */
  fundSplit: FundAmount[];
  ageOnMealDate: number;
  /** Benefit codes that make up the subsidy (several for `sum`; empty when nothing is granted). */
  basis: string[];
  /** Set when the person was eligible but a cap made them pay full price. */
  capped?: 'slot_day' | 'month';
  /** Set when the meal is on or after the person's death date (identity misuse: worth a look). */
  deceased?: true;
}

/** Thrown when policy versions overlap or a meal is priced with a version not in force. */
export class PolicyVersionError extends Error {
  override readonly name = 'PolicyVersionError';
}

interface Candidate {
  code: string;
  label: Explanation;
  free: boolean;
  /** Fen after the slot adjustment, before capping at the price. */
  amount: number;
}

/**
 * Throws {@link PolicyVersionError} unless every version has `effectiveFrom <= effectiveTo` and no
 * two versions share a day — otherwise a meal's price would depend on which row came first.
 */
export function assertPolicyVersions(policies: readonly SubsidyPolicy[]): void {
  const sorted = [...policies].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  sorted.forEach((p, i) => {
    parseLocalDate(p.effectiveFrom, `policy ${p.id} effectiveFrom`);
    if (p.effectiveTo != null) parseLocalDate(p.effectiveTo, `policy ${p.id} effectiveTo`);
    if (p.effectiveTo != null && p.effectiveTo < p.effectiveFrom) {
      throw new PolicyVersionError(`policy ${p.id} ends (${p.effectiveTo}) before it starts (${p.effectiveFrom})`);
    }
    const prev = sorted[i - 1];
    if (prev && (prev.effectiveTo == null || prev.effectiveTo >= p.effectiveFrom)) {
      throw new PolicyVersionError(`policy versions ${prev.id} and ${p.id} overlap from ${p.effectiveFrom}`);
    }
  });
}

/**
 * The version in force on a local date, or null when none is. Versions are chosen by the MEAL's
 * date, so publishing a new version never reprices meals dated before it.
 * Throws {@link PolicyVersionError} when versions overlap.
 */
export function policyInForce<P extends SubsidyPolicy>(policies: readonly P[], localDate: string): P | null {
  parseLocalDate(localDate, 'localDate');
  assertPolicyVersions(policies);
  return policies.find((p) => withinInclusive(localDate, p.effectiveFrom, p.effectiveTo)) ?? null;
}

/**
 * Splits a subsidy between funds by integer percent, rounding each share down; the remaining fen
 * go to the first fund so the parts always add up to the subsidy and the result is deterministic.
 */
export function splitFunds(subsidy: number, funding: readonly FundShare[]): FundAmount[] {
  const parts = funding.map((f) => ({ fund: f.fund, amount: Math.floor((subsidy * f.percent) / 100) }));
  const rest = subsidy - parts.reduce((s, p) => s + p.amount, 0);
  if (parts.length > 0) parts[0].amount += rest;
  return parts;
}

function candidatesFor(rules: SubsidyPolicyRules, person: SubsidyPerson, meal: MealInput, age: number): Candidate[] {
  const adjustment = rules.slotAmounts?.[meal.slot];
  const adjust = (amount: number): number =>
    adjustment?.amount !== undefined ? adjustment.amount : adjustment?.percent !== undefined ? Math.floor((amount * adjustment.percent) / 100) : amount;
  const out: Candidate[] = [];
  // Age first: on a tie it wins, because an age rule needs no paperwork that can expire.
  const tier = rules.ageTiers.find((t) => age >= t.minAge && (t.maxAge === undefined || age <= t.maxAge));
  if (tier) out.push({ code: ageTierCode(tier), label: ageTierLabel(tier), free: tier.free === true, amount: tier.free ? 0 : adjust(tier.amount ?? 0) });
  for (const code of STATUS_CODES) {
    const benefit = rules.statuses[code];
    const held = person.statuses.some((s) => s.code === code && withinInclusive(meal.localDate, s.validFrom, s.validTo));
    if (!benefit || !held) continue;
    out.push({ code: statusCode(code, benefit.free === true), label: statusLabel(code), free: benefit.free === true, amount: benefit.free ? 0 : adjust(benefit.amount ?? 0) });
  }
  // A fixed benefit worth 0 fen (e.g. a 0 % slot) grants nothing: it must not count as "subsidised".
  return out.filter((c) => c.free || c.amount > 0);
}

/**
 * Prices one meal under one policy version.
 *
 * Order of rules: deceased → non-resident → no eligible tier/status → slot/day cap → monthly cap →
 * combine. `best` takes the single largest benefit (free beats any amount; ties go to the age tier,
 * then to statuses in SPEC order); `sum` adds fixed amounts (a free benefit still means free).
 * The subsidy never exceeds the price.
 *
 * @throws RangeError on malformed dates or a price that is not a non-negative integer.
 * @throws PolicyVersionError when the policy is not in force on the meal's date.
 */
export function computeSubsidy(policy: SubsidyPolicy, person: SubsidyPerson, meal: MealInput, usage: MealUsage): SubsidyResult {
  if (!Number.isInteger(meal.price) || meal.price < 0) throw new RangeError(`price must be integer fen >= 0, got ${meal.price}`);
  parseLocalDate(meal.localDate, 'meal.localDate');
  if (!withinInclusive(meal.localDate, policy.effectiveFrom, policy.effectiveTo)) {
    throw new PolicyVersionError(`policy ${policy.id} is not in force on ${meal.localDate}`);
  }
  const { rules } = policy;
  const age = ageOn(person.birthDate, meal.localDate);
  const none = (code: Exclude<OutcomeCode, 'sum'>, extra: Partial<SubsidyResult> = {}): SubsidyResult => ({
    policyId: policy.id,
    price: meal.price,
    subsidy: 0,
    payable: meal.price,
    rule: code,
    explanation: noSubsidySentence(code, { deathDate: person.deathDate ?? undefined, ...rules.caps, slot: meal.slot }),
    fundSplit: splitFunds(0, rules.funding),
    ageOnMealDate: age,
    basis: [],
    ...extra,
  });

  if (person.deathDate != null) parseLocalDate(person.deathDate, 'deathDate');
  if (person.deathDate != null && meal.localDate >= person.deathDate) {
    return none('deceased', { deceased: true });
  }
  if (rules.residencyRequired && !person.residentOfTenant) return none('non_resident');
  const candidates = candidatesFor(rules, person, meal, age);
  if (candidates.length === 0) return none('no_eligibility');
  if (usage.subsidisedInSlotToday >= rules.caps.perSlotPerDay) return none('cap_slot_day', { capped: 'slot_day' });
  if (usage.subsidisedThisMonth >= rules.caps.perMonth) return none('cap_month', { capped: 'month' });

  const adjustment = rules.slotAmounts?.[meal.slot];
  const best = candidates.reduce((a, b) => (Number(b.free) > Number(a.free) || (b.free === a.free && b.amount > a.amount) ? b : a));
  let subsidy: number;
  let rule: string;
  let explanation: Explanation;
  let basis: string[];
  if (rules.combine === 'sum' && !best.free && candidates.length > 1) {
    const total = candidates.reduce((s, c) => s + c.amount, 0);
    subsidy = Math.min(total, meal.price);
    rule = 'sum';
    explanation = sumSentence(candidates, subsidy, total > meal.price);
    basis = candidates.map((c) => c.code);
  } else {
    subsidy = best.free ? meal.price : Math.min(best.amount, meal.price);
    rule = best.code;
    explanation = benefitSentence(best.label, { free: best.free, amount: subsidy }, meal.slot, adjustment);
    basis = [best.code];
  }
  return {
    policyId: policy.id,
    price: meal.price,
    subsidy,
    payable: meal.price - subsidy,
    rule,
    explanation,
    fundSplit: splitFunds(subsidy, rules.funding),
    ageOnMealDate: age,
    basis,
  };
}
