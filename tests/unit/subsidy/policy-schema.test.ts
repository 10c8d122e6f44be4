import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_RULES, RULE_ISSUES, subsidyPolicyRulesSchema } from '../../../src/subsidy/policy-schema.js';

/** Issues of a rule set derived from the defaults, as `path → message` pairs. */
function issuesOf(patch: (rules: Record<string, any>) => void): { path: (string | number)[]; message: string; code: string; params?: Record<string, unknown> }[] {
  const rules = structuredClone(DEFAULT_POLICY_RULES) as Record<string, any>;
  patch(rules);
  const result = subsidyPolicyRulesSchema.safeParse(rules);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message, code: i.code, ...((i as { params?: Record<string, unknown> }).params ? { params: (i as { params?: Record<string, unknown> }).params } : {}) }));
}

describe('subsidyPolicyRulesSchema', () => {
  it('when given the SPEC defaults, then it accepts them unchanged', () => {
    expect(subsidyPolicyRulesSchema.parse(structuredClone(DEFAULT_POLICY_RULES))).toEqual(DEFAULT_POLICY_RULES);
  });

  it('when slotAmounts is omitted, then it defaults to no per-slot adjustment', () => {
    const { slotAmounts: _omit, ...rest } = structuredClone(DEFAULT_POLICY_RULES);
    expect(subsidyPolicyRulesSchema.parse(rest).slotAmounts).toEqual({});
  });

  it('when the defaults are mutated, then it throws because they are shared and frozen', () => {
    expect(() => {
      (DEFAULT_POLICY_RULES.caps as { perMonth: number }).perMonth = 1;
    }).toThrow(TypeError);
    expect(() => {
      DEFAULT_POLICY_RULES.ageTiers.push({ minAge: 100, free: true });
    }).toThrow(TypeError);
  });

  it('when two age tiers overlap, then the issue points at the later tier minAge', () => {
    const issues = issuesOf((r) => {
      r.ageTiers[1] = { minAge: 65, maxAge: 79, amount: 200 };
    });
    expect(issues).toEqual([expect.objectContaining({ path: ['ageTiers', 1, 'minAge'] })]);
    // The solver keeps codes with params; the canteen catalogue words them (subsidy.rules.*).
    expect(issues[0]).toMatchObject({ message: RULE_ISSUES.tierOverlap, params: { tier: '65–79', other: '60–69' } });
  });

  it('when an open-ended tier is followed by a higher one, then it is an overlap', () => {
    const issues = issuesOf((r) => {
      r.ageTiers.push({ minAge: 100, amount: 500 });
    });
    expect(issues.map((i) => i.path)).toEqual([['ageTiers', 4, 'minAge']]);
  });

  it('when tiers are listed out of order but do not overlap, then they are accepted', () => {
    const rules = structuredClone(DEFAULT_POLICY_RULES);
    rules.ageTiers.reverse();
    expect(subsidyPolicyRulesSchema.safeParse(rules).success).toBe(true);
  });

  it('when a tier has maxAge below minAge, then the issue points at maxAge', () => {
    const issues = issuesOf((r) => {
      r.ageTiers[0] = { minAge: 60, maxAge: 50, amount: 100 };
    });
    expect(issues.map((i) => i.path)).toContainEqual(['ageTiers', 0, 'maxAge']);
  });

  it('when a tier has both amount and free, or neither, then the issue points at amount', () => {
    expect(issuesOf((r) => (r.ageTiers[0] = { minAge: 60, maxAge: 69, amount: 100, free: true })).map((i) => i.path)).toEqual([
      ['ageTiers', 0, 'amount'],
    ]);
    expect(issuesOf((r) => (r.ageTiers[0] = { minAge: 60, maxAge: 69 })).map((i) => i.path)).toEqual([['ageTiers', 0, 'amount']]);
  });

  it('when an amount is negative or fractional, then the issue points at that amount', () => {
    expect(issuesOf((r) => (r.ageTiers[2].amount = -1)).map((i) => i.path)).toEqual([['ageTiers', 2, 'amount']]);
    expect(issuesOf((r) => (r.statuses.minimum_living.amount = 2.5)).map((i) => i.path)).toEqual([['statuses', 'minimum_living', 'amount']]);
  });

  it('when a status is not in the SPEC list, then the issue points at that status key', () => {
    const issues = issuesOf((r) => (r.statuses.orphan = { amount: 100 }));
    expect(issues).toEqual([expect.objectContaining({ path: ['statuses', 'orphan'], code: 'invalid_key' })]);
  });

  it('when a status benefit has "free": false, then it is rejected (free is only ever true)', () => {
    expect(issuesOf((r) => (r.statuses.extreme_poverty = { free: false })).map((i) => i.path)).toContainEqual([
      'statuses',
      'extreme_poverty',
      'free',
    ]);
  });

  it('when funding percents do not sum to 100, then the issue points at funding', () => {
    const issues = issuesOf((r) => (r.funding[1].percent = 40));
    expect(issues).toEqual([expect.objectContaining({ path: ['funding'], message: RULE_ISSUES.fundTotal, params: { total: 90 } })]);
  });

  it('when funding uses 0–1 shares instead of percent, then the unknown key is reported on the fund entry', () => {
    const issues = issuesOf((r) => (r.funding = [{ fund: 'district', share: 0.5 }, { fund: 'city', share: 0.5 }]));
    expect(issues.map((i) => i.path)).toContainEqual(['funding', 0]);
    expect(issues.map((i) => i.code)).toContain('unrecognized_keys');
  });

  it('when a fund is listed twice, then the issue points at the second one', () => {
    const issues = issuesOf((r) => (r.funding = [{ fund: 'city', percent: 50 }, { fund: 'city', percent: 50 }]));
    expect(issues.map((i) => i.path)).toEqual([['funding', 1, 'fund']]);
  });

  it('when an unknown top-level key is present, then it is rejected at the root', () => {
    const issues = issuesOf((r) => (r.combien = 'best'));
    expect(issues).toEqual([expect.objectContaining({ path: [], code: 'unrecognized_keys' })]);
  });

  it('when combine is neither best nor sum, then the issue points at combine', () => {
    expect(issuesOf((r) => (r.combine = 'max')).map((i) => i.path)).toEqual([['combine']]);
  });

  it('when a slot adjustment names an unknown slot or gives both percent and amount, then the path says where', () => {
    expect(issuesOf((r) => (r.slotAmounts = { supper: { percent: 50 } })).map((i) => i.path)).toEqual([['slotAmounts', 'supper']]);
    expect(issuesOf((r) => (r.slotAmounts = { breakfast: { percent: 50, amount: 100 } })).map((i) => i.path)).toEqual([
      ['slotAmounts', 'breakfast', 'percent'],
    ]);
  });

  it('when a cap is zero, then the issue points at that cap', () => {
    expect(issuesOf((r) => (r.caps.perSlotPerDay = 0)).map((i) => i.path)).toEqual([['caps', 'perSlotPerDay']]);
  });
});

describe('rule-set issue codes', () => {
  it('when the solver reports an issue code, then the canteen catalogue words it in zh-CN and en', async () => {
    const { SR } = await import('../../../src/canteen/messages.js');
    const { messageByKey } = await import('../../../src/i18n/index.js');
    for (const [name, key] of Object.entries(RULE_ISSUES)) {
      expect(SR[name as keyof typeof SR].key).toBe(key);
      expect(messageByKey(key)?.['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
