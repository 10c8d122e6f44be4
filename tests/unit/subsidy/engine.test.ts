import { describe, expect, it } from 'vitest';
import {
  PolicyVersionError,
  ageOn,
  computeSubsidy,
  policyInForce,
  splitFunds,
  type MealInput,
  type SubsidyPerson,
  type SubsidyPolicy,
} from '../../../src/subsidy/engine.js';
import { DEFAULT_POLICY_RULES, type SubsidyPolicyRules } from '../../../src/subsidy/policy-schema.js';

const policy = (rules: Partial<SubsidyPolicyRules> = {}, id = 'p1', effectiveFrom = '2024-01-01', effectiveTo?: string): SubsidyPolicy => ({
  id,
  effectiveFrom,
  effectiveTo,
  rules: { ...structuredClone(DEFAULT_POLICY_RULES), ...rules },
});
const person = (p: Partial<SubsidyPerson> = {}): SubsidyPerson => ({ birthDate: '1950-06-15', statuses: [], residentOfTenant: true, ...p });
const lunch = (localDate = '2025-03-10', price = 1000): MealInput => ({ localDate, slot: 'lunch', price });
const fresh = { subsidisedInSlotToday: 0, subsidisedThisMonth: 0 };

describe('ageOn', () => {
  it('when it is the birthday itself, then the new age counts; the day before, it does not', () => {
    expect(ageOn('1935-03-10', '2025-03-10')).toBe(90);
    expect(ageOn('1935-03-10', '2025-03-09')).toBe(89);
  });

  it('when born on 29 Feb, then the birthday counts on 28 Feb in a non-leap year and 29 Feb in a leap year', () => {
    expect(ageOn('1936-02-29', '2025-02-27')).toBe(88);
    expect(ageOn('1936-02-29', '2025-02-28')).toBe(89);
    expect(ageOn('1936-02-29', '2024-02-28')).toBe(87);
    expect(ageOn('1936-02-29', '2024-02-29')).toBe(88);
  });

  it('when a date is malformed or before birth, then it throws RangeError', () => {
    expect(() => ageOn('1950-02-30', '2025-01-01')).toThrow(RangeError);
    expect(() => ageOn('1950-2-3', '2025-01-01')).toThrow(RangeError);
    expect(() => ageOn('2000-01-02', '2000-01-01')).toThrow(RangeError);
  });
});

describe('computeSubsidy — age tiers', () => {
  it('when the person turns 90 on the meal date, then the meal is free', () => {
    const r = computeSubsidy(policy(), person({ birthDate: '1935-03-10' }), lunch('2025-03-10'), fresh);
    expect(r).toMatchObject({ price: 1000, subsidy: 1000, payable: 0, rule: 'age_90_plus_free', ageOnMealDate: 90 });
    expect(r.explanation).toEqual({ en: 'age 90+: free', zh: '90岁以上：免费' });
    expect(r.fundSplit).toEqual([{ fund: 'district', amount: 500 }, { fund: 'city', amount: 500 }]);
  });

  it('when it is the day before the 90th birthday, then the 80–89 tier applies', () => {
    const r = computeSubsidy(policy(), person({ birthDate: '1935-03-10' }), lunch('2025-03-09'), fresh);
    expect(r).toMatchObject({ subsidy: 300, payable: 700, rule: 'age_tier_80_89', ageOnMealDate: 89 });
    expect(r.explanation).toEqual({ en: 'age 80–89: 3.00 yuan off', zh: '80–89岁：补贴3.00元' });
  });

  it('when born on 29 Feb and the meal is on 28 Feb of a non-leap year, then the new age applies that day', () => {
    const r = computeSubsidy(policy(), person({ birthDate: '1936-02-29' }), lunch('2026-02-28'), fresh);
    expect(r).toMatchObject({ rule: 'age_90_plus_free', ageOnMealDate: 90 });
    const before = computeSubsidy(policy(), person({ birthDate: '1936-02-29' }), lunch('2026-02-27'), fresh);
    expect(before).toMatchObject({ rule: 'age_tier_80_89', ageOnMealDate: 89 });
  });

  it('when the person is under every tier and has no status, then they pay full price', () => {
    const r = computeSubsidy(policy(), person({ birthDate: '1970-01-01' }), lunch(), fresh);
    expect(r).toMatchObject({ subsidy: 0, payable: 1000, rule: 'no_eligibility', basis: [] });
    expect(r.fundSplit).toEqual([{ fund: 'district', amount: 0 }, { fund: 'city', amount: 0 }]);
  });
});

describe('computeSubsidy — statuses', () => {
  const lowIncome = { code: 'minimum_living' as const, validFrom: '2024-01-01', validTo: '2025-03-09' };

  it('when a status ended yesterday, then it no longer counts', () => {
    const r = computeSubsidy(policy(), person({ birthDate: '1960-01-01', statuses: [lowIncome] }), lunch('2025-03-10'), fresh);
    expect(r.rule).toBe('age_tier_60_69');
    expect(r.subsidy).toBe(100);
  });

  it('when a status ends today or starts today, then it counts (both ends inclusive)', () => {
    const endsToday = computeSubsidy(policy(), person({ statuses: [lowIncome] }), lunch('2025-03-09'), fresh);
    expect(endsToday).toMatchObject({ rule: 'status_minimum_living', subsidy: 300 });
    const startsToday = computeSubsidy(policy(), person({ statuses: [{ code: 'extreme_poverty', validFrom: '2025-03-10' }] }), lunch('2025-03-10'), fresh);
    expect(startsToday).toMatchObject({ rule: 'status_extreme_poverty_free', subsidy: 1000, payable: 0 });
    expect(startsToday.explanation).toEqual({ en: 'extreme poverty: free', zh: '特困：免费' });
  });

  it('when a status starts tomorrow, then it does not count yet', () => {
    const r = computeSubsidy(policy(), person({ statuses: [{ code: 'severe_disability', validFrom: '2025-03-11' }] }), lunch('2025-03-10'), fresh);
    expect(r.rule).toBe('age_tier_70_79');
  });

  it('when a status has no benefit in the policy, then it grants nothing', () => {
    const r = computeSubsidy(policy(), person({ birthDate: '1970-01-01', statuses: [{ code: 'empty_nest', validFrom: '2020-01-01' }] }), lunch(), fresh);
    expect(r.rule).toBe('no_eligibility');
  });

  it('when two benefits apply, then best takes the larger and sum adds them', () => {
    const p = person({ birthDate: '1950-01-01', statuses: [{ code: 'minimum_living', validFrom: '2020-01-01' }] }); // 75 → 200
    const best = computeSubsidy(policy({ combine: 'best' }), p, lunch(), fresh);
    expect(best).toMatchObject({ subsidy: 300, rule: 'status_minimum_living', basis: ['status_minimum_living'] });
    const sum = computeSubsidy(policy({ combine: 'sum' }), p, lunch(), fresh);
    expect(sum).toMatchObject({ subsidy: 500, payable: 500, rule: 'sum', basis: ['age_tier_70_79', 'status_minimum_living'] });
    expect(sum.explanation.en).toBe('sum of benefits: age 70–79 2.00 + minimum living allowance 3.00 = 5.00 yuan off');
    expect(sum.explanation.zh).toBe('叠加补贴：70–79岁2.00 + 低保3.00 = 补贴5.00元');
  });

  it('when the sum exceeds the price, then it is capped at the price', () => {
    const p = person({ birthDate: '1940-01-01', statuses: [{ code: 'minimum_living', validFrom: '2020-01-01' }, { code: 'special_family', validFrom: '2020-01-01' }] });
    const r = computeSubsidy(policy({ combine: 'sum' }), p, { localDate: '2025-03-10', slot: 'dinner', price: 800 }, fresh);
    expect(r).toMatchObject({ subsidy: 800, payable: 0, rule: 'sum' });
    expect(r.explanation.en).toContain('(capped at the price)');
  });

  it('when a free benefit meets fixed ones under sum, then free wins and names the free rule', () => {
    const p = person({ statuses: [{ code: 'minimum_living', validFrom: '2020-01-01' }, { code: 'severe_disability', validFrom: '2020-01-01' }] });
    const r = computeSubsidy(policy({ combine: 'sum' }), p, lunch(), fresh);
    expect(r).toMatchObject({ subsidy: 1000, rule: 'status_severe_disability_free' });
  });

  it('when age and a status are both free, then the age rule is named (it cannot expire)', () => {
    const p = person({ birthDate: '1930-01-01', statuses: [{ code: 'extreme_poverty', validFrom: '2020-01-01' }] });
    expect(computeSubsidy(policy(), p, lunch(), fresh).rule).toBe('age_90_plus_free');
  });

  it('when a fixed amount exceeds the price, then the subsidy equals the price', () => {
    const rules = { statuses: { minimum_living: { amount: 1500 } } };
    const r = computeSubsidy(policy(rules), person({ statuses: [{ code: 'minimum_living', validFrom: '2020-01-01' }] }), lunch(), fresh);
    expect(r).toMatchObject({ subsidy: 1000, payable: 0 });
  });
});

describe('computeSubsidy — per-slot amounts', () => {
  const slotted = policy({ slotAmounts: { breakfast: { amount: 100 }, dinner: { percent: 50 } } });
  const p80 = person({ birthDate: '1940-01-01' }); // 85 → 300

  it('when a slot has a flat amount, then every fixed benefit becomes that amount', () => {
    const r = computeSubsidy(slotted, p80, { localDate: '2025-03-10', slot: 'breakfast', price: 800 }, fresh);
    expect(r).toMatchObject({ subsidy: 100, rule: 'age_tier_80_89' });
    expect(r.explanation).toEqual({ en: 'age 80–89: 1.00 yuan off (breakfast flat rate)', zh: '80–89岁：补贴1.00元（早餐统一标准）' });
  });

  it('when a slot has a percent, then fixed benefits scale and round down to the fen', () => {
    const r = computeSubsidy(slotted, person({ birthDate: '1950-01-01' }), { localDate: '2025-03-10', slot: 'dinner', price: 800 }, fresh);
    expect(r.subsidy).toBe(100); // 200 × 50 %
    const odd = policy({ slotAmounts: { dinner: { percent: 33 } } });
    expect(computeSubsidy(odd, p80, { localDate: '2025-03-10', slot: 'dinner', price: 800 }, fresh).subsidy).toBe(99);
  });

  it('when a slot has no adjustment, then the base amounts apply', () => {
    expect(computeSubsidy(slotted, p80, lunch(), fresh).subsidy).toBe(300);
  });

  it('when a slot is adjusted, then free benefits stay free', () => {
    const r = computeSubsidy(slotted, person({ birthDate: '1930-01-01' }), { localDate: '2025-03-10', slot: 'breakfast', price: 800 }, fresh);
    expect(r).toMatchObject({ subsidy: 800, rule: 'age_90_plus_free' });
  });

  it('when a slot percent is 0, then the fixed benefit grants nothing and the meal is not subsidised', () => {
    const r = computeSubsidy(policy({ slotAmounts: { breakfast: { percent: 0 } } }), p80, { localDate: '2025-03-10', slot: 'breakfast', price: 800 }, fresh);
    expect(r).toMatchObject({ subsidy: 0, rule: 'no_eligibility' });
  });
});

describe('computeSubsidy — caps, residency, death', () => {
  it('when a meal in the same slot was already subsidised today, then this one pays full price', () => {
    const r = computeSubsidy(policy(), person(), lunch(), { subsidisedInSlotToday: 1, subsidisedThisMonth: 5 });
    expect(r).toMatchObject({ subsidy: 0, payable: 1000, rule: 'cap_slot_day', capped: 'slot_day' });
    expect(r.explanation.en).toBe('already subsidised 1× for lunch today: full price');
  });

  it('when 61 meals were subsidised this month, then the 62nd is subsidised and the 63rd is not', () => {
    expect(computeSubsidy(policy(), person(), lunch(), { subsidisedInSlotToday: 0, subsidisedThisMonth: 61 }).subsidy).toBe(200);
    const r = computeSubsidy(policy(), person(), lunch(), { subsidisedInSlotToday: 0, subsidisedThisMonth: 62 });
    expect(r).toMatchObject({ subsidy: 0, rule: 'cap_month', capped: 'month' });
    expect(r.explanation.zh).toBe('本月补贴餐次已达上限62次：全价');
  });

  it('when the person is not eligible anyway, then no cap is reported', () => {
    const r = computeSubsidy(policy(), person({ birthDate: '1980-01-01' }), lunch(), { subsidisedInSlotToday: 3, subsidisedThisMonth: 99 });
    expect(r.rule).toBe('no_eligibility');
    expect(r.capped).toBeUndefined();
  });

  it('when the person is not a resident of the tenant, then there is no subsidy — unless the policy waives residency', () => {
    const p = person({ birthDate: '1930-01-01', residentOfTenant: false });
    expect(computeSubsidy(policy(), p, lunch(), fresh)).toMatchObject({ subsidy: 0, rule: 'non_resident' });
    expect(computeSubsidy(policy({ residencyRequired: false }), p, lunch(), fresh).rule).toBe('age_90_plus_free');
  });

  it('when the meal is on or after the death date, then there is no subsidy and it is flagged', () => {
    const p = person({ birthDate: '1930-01-01', deathDate: '2025-03-10' });
    expect(computeSubsidy(policy(), p, lunch('2025-03-10'), fresh)).toMatchObject({ subsidy: 0, rule: 'deceased', deceased: true });
    expect(computeSubsidy(policy(), p, lunch('2025-03-11'), fresh).deceased).toBe(true);
    const dayBefore = computeSubsidy(policy(), p, lunch('2025-03-09'), fresh);
    expect(dayBefore.rule).toBe('age_90_plus_free');
    expect(dayBefore.deceased).toBeUndefined();
  });

  it('when the price is not integer fen or the policy is not in force, then it throws', () => {
    expect(() => computeSubsidy(policy(), person(), lunch('2025-03-10', 9.5), fresh)).toThrow(RangeError);
    expect(() => computeSubsidy(policy({}, 'old', '2024-01-01', '2024-12-31'), person(), lunch('2025-03-10'), fresh)).toThrow(PolicyVersionError);
  });
});

describe('splitFunds', () => {
  it('when the subsidy does not divide evenly, then the remainder fen go to the first fund', () => {
    expect(splitFunds(301, DEFAULT_POLICY_RULES.funding)).toEqual([{ fund: 'district', amount: 151 }, { fund: 'city', amount: 150 }]);
    const thirds = [{ fund: 'a', percent: 33 }, { fund: 'b', percent: 33 }, { fund: 'c', percent: 34 }];
    expect(splitFunds(100, thirds)).toEqual([{ fund: 'a', amount: 33 }, { fund: 'b', amount: 33 }, { fund: 'c', amount: 34 }]);
    expect(splitFunds(1, thirds)).toEqual([{ fund: 'a', amount: 1 }, { fund: 'b', amount: 0 }, { fund: 'c', amount: 0 }]);
  });

  it('when any subsidy from 0 to 1000 fen is split, then the parts always sum to it', () => {
    const funding = [{ fund: 'a', percent: 17 }, { fund: 'b', percent: 41 }, { fund: 'c', percent: 42 }];
    for (let s = 0; s <= 1000; s++) expect(splitFunds(s, funding).reduce((t, f) => t + f.amount, 0)).toBe(s);
  });

  it('when a meal is priced, then its fund split sums to its subsidy', () => {
    const rules = { funding: [{ fund: 'district', percent: 70 }, { fund: 'city', percent: 30 }], statuses: { minimum_living: { amount: 333 } } };
    const r = computeSubsidy(policy(rules), person({ statuses: [{ code: 'minimum_living', validFrom: '2020-01-01' }] }), lunch(), fresh);
    expect(r.fundSplit).toEqual([{ fund: 'district', amount: 234 }, { fund: 'city', amount: 99 }]);
  });
});

describe('policyInForce', () => {
  const v1 = policy({}, 'v1', '2024-01-01', '2025-02-28');
  const v2 = policy({ ageTiers: [{ minAge: 60, amount: 500 }] }, 'v2', '2025-03-01');

  it('when the new version starts, then meals from its effectiveFrom use it and earlier meals keep the old one', () => {
    expect(policyInForce([v2, v1], '2025-02-28')?.id).toBe('v1');
    expect(policyInForce([v2, v1], '2025-03-01')?.id).toBe('v2');
    const p = person();
    const before = computeSubsidy(policyInForce([v1, v2], '2025-02-28')!, p, lunch('2025-02-28'), fresh);
    const after = computeSubsidy(policyInForce([v1, v2], '2025-03-01')!, p, lunch('2025-03-01'), fresh);
    expect([before.subsidy, before.policyId, after.subsidy, after.policyId]).toEqual([200, 'v1', 500, 'v2']);
  });

  it('when no version covers the date, then it returns null', () => {
    expect(policyInForce([v1, v2], '2023-12-31')).toBeNull();
  });

  it('when versions overlap by even one day, then it throws', () => {
    const overlapping = policy({}, 'v2', '2025-02-28');
    expect(() => policyInForce([v1, overlapping], '2024-06-01')).toThrow(PolicyVersionError);
    const openEnded = policy({}, 'v0', '2023-01-01');
    expect(() => policyInForce([openEnded, v2], '2023-06-01')).toThrow(/overlap/);
  });

  it('when a version ends before it starts, then it throws', () => {
    expect(() => policyInForce([policy({}, 'bad', '2025-03-01', '2025-02-01')], '2025-03-01')).toThrow(PolicyVersionError);
  });
});
