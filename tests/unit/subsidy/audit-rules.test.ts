import { describe, expect, it } from 'vitest';
import {
  AUDIT_CHECKS,
  scanFindings,
  volumeSpikeCheck,
  type AuditCheck,
} from '../../../src/subsidy/audit-rules.js';
import type { AuditInput, AuditMeal, AuditPerson, CanteenDayCount } from '../../../src/subsidy/audit-types.js';
import { PolicyVersionError, type SubsidyPolicy } from '../../../src/subsidy/engine.js';
import { DEFAULT_POLICY_RULES } from '../../../src/subsidy/policy-schema.js';
import { buildScenario } from './audit-scenario.js';

describe('scanFindings — a seeded month', () => {
  it('when the month is clean, then there are no findings at all', () => {
    const { input } = buildScenario({ plant: false });
    expect(input.meals.length).toBeGreaterThan(900);
    expect(scanFindings(input)).toEqual([]);
  });

  it('when one anomaly of each kind is planted, then exactly the planted set is found', () => {
    const { input, plantedKeys } = buildScenario({ plant: true });
    const findings = scanFindings(input);
    expect(findings.map((f) => f.key)).toEqual(plantedKeys);
    // The scenario's meals carry no instants; the timing checks are planted in audit-timing-rules.test.ts.
    const timing = ['back_dated', 'slot_hopping'];
    expect(new Set(findings.map((f) => f.kind))).toEqual(new Set(AUDIT_CHECKS.map((c) => c.kind).filter((k) => !timing.includes(k))));
  });

  it('when findings are reported, then they carry the evidence numbers an auditor needs', () => {
    const byKind = new Map(scanFindings(buildScenario({ plant: true }).input).map((f) => [f.kind, f]));
    expect(byKind.get('double_subsidy')).toMatchObject({ severity: 'high', personId: 'p11', evidence: { count: 2, cap: 1, canteenIds: ['c1', 'c3'] } });
    expect(byKind.get('double_subsidy')!.mealIds).toHaveLength(2);
    expect(byKind.get('over_monthly_cap')).toMatchObject({ evidence: { subsidisedMeals: 66, cap: 62, excess: 4, excessSubsidy: 800 } });
    expect(byKind.get('over_monthly_cap')!.mealIds).toHaveLength(4);
    expect(byKind.get('status_outside_validity')!.evidence).toMatchObject({ statuses: ['minimum_living'], subsidy: 400, recomputedSubsidy: 100 });
    expect(byKind.get('missed_benefit')!.evidence).toMatchObject({ charged: 1000, allowed: 0, difference: 1000, allowedRules: ['age_90_plus_free'] });
    expect(byKind.get('volume_spike')).toMatchObject({ canteenId: 'c3', mealIds: [], evidence: { historyDays: 28, factor: 3 } });
    expect(byKind.get('subsidy_after_death')!.evidence).toMatchObject({ deathDate: '2025-03-20', subsidy: 350 });
  });

  it('when the input arrays are shuffled, then the findings are identical (deterministic keys and order)', () => {
    const { input } = buildScenario({ plant: true });
    const reversed: AuditInput = {
      ...input,
      meals: [...input.meals].reverse(),
      persons: [...input.persons].reverse(),
      canteenDailyCounts: [...input.canteenDailyCounts].reverse(),
      homeDeliveries: [...input.homeDeliveries].reverse(),
    };
    expect(scanFindings(reversed)).toEqual(scanFindings(input));
  });
});

// ---- small hand-built cases: each kind's negative (and a positive to prove the fixture works) ----

const policy: SubsidyPolicy = { id: 'v1', effectiveFrom: '2025-01-01', rules: structuredClone(DEFAULT_POLICY_RULES) };
const alice: AuditPerson = { id: 'a', birthDate: '1945-05-05', statuses: [], resident: true }; // 79 → 200 fen
let seq = 0;
const meal = (m: Partial<AuditMeal> = {}): AuditMeal => {
  const price = m.price ?? 1000;
  const subsidy = m.subsidy ?? 200;
  return { id: `m${++seq}`, personId: 'a', canteenId: 'c1', localDate: '2025-03-10', slot: 'lunch', price, subsidy, payable: price - subsidy, policyId: 'v1', status: 'active', rule: subsidy > 0 ? 'age_tier_70_79' : 'cap_slot_day', ...m };
};
const scan = (p: Partial<AuditInput>): string[] =>
  scanFindings({ meals: [], persons: [alice], policies: [policy], homeDeliveries: [], hospitalStays: [], canteenDailyCounts: [], ...p }).map((f) => f.key);

describe('double_subsidy', () => {
  it('when one person gets two subsidised lunches on one day in two canteens, then it is found', () => {
    expect(scan({ meals: [meal(), meal({ canteenId: 'c2' })] })).toEqual(['double_subsidy|a|2025-03-10|lunch']);
  });

  it('when the second lunch was charged full price, or voided, or in another slot, then nothing is found', () => {
    expect(scan({ meals: [meal(), meal({ subsidy: 0 })] })).toEqual([]);
    expect(scan({ meals: [meal(), meal({ status: 'voided' })] })).toEqual([]);
    expect(scan({ meals: [meal(), meal({ slot: 'dinner', price: 800 })] })).toEqual([]);
  });

  it('when the policy allows two per slot, then two are fine and three are not', () => {
    const two = { ...policy, rules: { ...policy.rules, caps: { perSlotPerDay: 2, perMonth: 62 } } };
    expect(scan({ policies: [two], meals: [meal(), meal()] })).toEqual([]);
    expect(scan({ policies: [two], meals: [meal(), meal(), meal()] })).toEqual(['double_subsidy|a|2025-03-10|lunch']);
  });
});

describe('subsidy_while_inpatient', () => {
  const stay = { personId: 'a', from: '2025-03-05', to: '2025-03-12' };

  it('when the meal is on a day strictly inside a stay, then it is found', () => {
    expect(scan({ hospitalStays: [stay], meals: [meal({ localDate: '2025-03-06' })] })).toEqual(['subsidy_while_inpatient|a|2025-03-06|lunch']);
  });

  it('when the meal is on the admission or discharge day, then nothing is found', () => {
    expect(scan({ hospitalStays: [stay], meals: [meal({ localDate: '2025-03-05' }), meal({ localDate: '2025-03-12' })] })).toEqual([]);
  });

  it('when the stay is still open, then later meals are found; another person’s stay never counts', () => {
    expect(scan({ hospitalStays: [{ personId: 'a', from: '2025-03-01' }], meals: [meal({ localDate: '2025-03-30' })] })).toHaveLength(1);
    expect(scan({ hospitalStays: [{ ...stay, personId: 'b' }], meals: [meal()] })).toEqual([]);
  });

  it('when the meal was not subsidised, then nothing is found', () => {
    const visitor = { ...alice, resident: false };
    expect(scan({ persons: [visitor], hospitalStays: [stay], meals: [meal({ subsidy: 0, rule: 'non_resident' })] })).toEqual([]);
  });
});

describe('subsidy_with_home_delivery', () => {
  it('when a home lunch was delivered the same day, then it is found', () => {
    expect(scan({ meals: [meal()], homeDeliveries: [{ personId: 'a', localDate: '2025-03-10', slot: 'lunch', delivered: true }] })).toEqual([
      'subsidy_with_home_delivery|a|2025-03-10|lunch',
    ]);
  });

  it('when the delivery failed, or was for dinner, or another day, then nothing is found', () => {
    const d = { personId: 'a', localDate: '2025-03-10', slot: 'lunch' as const, delivered: true };
    expect(scan({ meals: [meal()], homeDeliveries: [{ ...d, delivered: false }, { ...d, slot: 'dinner' }, { ...d, localDate: '2025-03-11' }] })).toEqual([]);
  });
});

describe('subsidy_after_death', () => {
  const dead = { ...alice, deathDate: '2025-03-10' };

  it('when subsidised on the death date, then it is found', () => {
    expect(scan({ persons: [dead], meals: [meal()] })).toEqual(['subsidy_after_death|a|2025-03-10|lunch']);
  });

  it('when the meal is the day before, voided, or at full price, then nothing is found', () => {
    const meals = [meal({ localDate: '2025-03-09' }), meal({ status: 'voided' }), meal({ localDate: '2025-03-11', subsidy: 0, rule: 'deceased' })];
    expect(scan({ persons: [dead], meals })).toEqual([]);
  });
});

describe('status_outside_validity', () => {
  const poor = { ...alice, statuses: [{ code: 'minimum_living' as const, validFrom: '2025-01-01', validTo: '2025-03-09' }] };
  const lowMeal = (localDate: string): AuditMeal => meal({ localDate, subsidy: 300, rule: 'status_minimum_living' });

  it('when the rule relied on a status that ended the day before, then it is found', () => {
    expect(scan({ persons: [poor], meals: [lowMeal('2025-03-10')] })).toEqual(['status_outside_validity|a|2025-03-10|lunch']);
  });

  it('when the status was valid that day (its last day included), then nothing is found', () => {
    expect(scan({ persons: [poor], meals: [lowMeal('2025-03-09')] })).toEqual([]);
  });

  it('when a sum relied on an expired status among its parts, then it is found', () => {
    const sum = meal({ subsidy: 500, rule: 'sum', basis: ['age_tier_70_79', 'status_minimum_living'] });
    expect(scan({ persons: [poor], meals: [sum], policies: [{ ...policy, rules: { ...policy.rules, combine: 'sum' } }] })).toEqual([
      'status_outside_validity|a|2025-03-10|lunch',
    ]);
  });
});

describe('over_monthly_cap', () => {
  // Three meals a day from the 1st, in serving order.
  const month = (n: number, yyyymm = '2025-03'): AuditMeal[] =>
    Array.from({ length: n }, (_, k) =>
      meal({ localDate: `${yyyymm}-${String(1 + Math.floor(k / 3)).padStart(2, '0')}`, slot: (['breakfast', 'lunch', 'dinner'] as const)[k % 3] }),
    );

  it('when exactly 62 meals were subsidised, then nothing is found', () => {
    expect(scan({ meals: month(62) })).toEqual([]);
  });

  it('when 63 were, then the last one served is the finding’s meal', () => {
    const meals = month(63);
    const [finding] = scanFindings({ meals, persons: [alice], policies: [policy], homeDeliveries: [], hospitalStays: [], canteenDailyCounts: [] });
    expect(finding).toMatchObject({ key: 'over_monthly_cap|a|2025-03', mealIds: [meals[62].id], localDate: '2025-03-21' });
  });

  it('when the meals straddle two months, then each month is counted on its own', () => {
    expect(scan({ meals: [...month(40, '2025-02'), ...month(40)] })).toEqual([]);
  });
});

describe('volume_spike', () => {
  const history = (days: number, count = 40): CanteenDayCount[] =>
    Array.from({ length: days }, (_, k) => ({ canteenId: 'c1', localDate: `2025-02-${String(k + 1).padStart(2, '0')}`, count }));
  const on = (count: number): CanteenDayCount => ({ canteenId: 'c1', localDate: '2025-03-01', count });

  it('when a day is over 3× the median of the 28 days before, then it is found', () => {
    expect(scan({ canteenDailyCounts: [...history(28), on(121)] })).toEqual(['volume_spike|c1|2025-03-01']);
  });

  it('when a day is exactly 3× the median, then nothing is found', () => {
    expect(scan({ canteenDailyCounts: [...history(28), on(120)] })).toEqual([]);
  });

  it('when fewer than 7 days of history exist, then the day is skipped', () => {
    const six = history(6).map((c, k) => ({ ...c, localDate: `2025-02-${22 + k}` }));
    expect(scan({ canteenDailyCounts: [...six, on(1000)] })).toEqual([]);
  });

  it('when days older than 28 days are huge, then they do not lift the median', () => {
    const old = { canteenId: 'c1', localDate: '2025-01-31', count: 5000 };
    expect(volumeSpikeCheck.run({ meals: [], persons: [], policies: [], homeDeliveries: [], hospitalStays: [], canteenDailyCounts: [old, ...history(7), on(121)] })).toHaveLength(1);
  });
});

describe('missed_benefit', () => {
  it('when a 79-year-old was charged full price without a cap, then it is found', () => {
    expect(scan({ meals: [meal({ subsidy: 0, rule: 'no_eligibility' })] })).toEqual(['missed_benefit|a|2025-03-10|lunch']);
  });

  it('when full price was right (second meal in the slot, non-resident, no policy in force), then nothing is found', () => {
    expect(scan({ meals: [meal({ canteenId: 'c2' }), meal({ subsidy: 0 })] })).toEqual([]);
    expect(scan({ persons: [{ ...alice, resident: false }], meals: [meal({ subsidy: 0, rule: 'non_resident' })] })).toEqual([]);
    expect(scan({ meals: [meal({ localDate: '2024-12-31', subsidy: 0, rule: 'no_eligibility' })] })).toEqual([]);
  });

  it('when a meal was charged less than the policy allows, then it is not a missed benefit', () => {
    expect(scan({ meals: [meal({ subsidy: 250 })] })).toEqual([]);
  });
});

describe('pluggable checks', () => {
  it('when a nursing-domain check is added, then its findings join the built-in ones, sorted by key', () => {
    const nursing: AuditCheck = {
      kind: 'meal_during_icu',
      run: (input) => input.meals.map((m) => ({ kind: 'meal_during_icu', severity: 'low', personId: m.personId, mealIds: [m.id], evidence: {}, key: `meal_during_icu|${m.id}` })),
    };
    const m = meal({ subsidy: 0, rule: 'no_eligibility' });
    const keys = scanFindings({ meals: [m], persons: [alice], policies: [policy], homeDeliveries: [], hospitalStays: [], canteenDailyCounts: [] }, [...AUDIT_CHECKS, nursing]).map((f) => f.key);
    expect(keys).toEqual(['meal_during_icu|' + m.id, 'missed_benefit|a|2025-03-10|lunch']);
  });

  it('when policy versions overlap, then the scan refuses to run', () => {
    expect(() => scan({ policies: [policy, { ...policy, id: 'v2', effectiveFrom: '2025-03-01' }] })).toThrow(PolicyVersionError);
  });
});
