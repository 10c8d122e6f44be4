/**
 * Rule codes and the bilingual sentences shown at checkout and on receipts ("age 90+: free").
 * Kept apart from the engine so wording can change without touching money logic.
 */
import type { AgeTier, MealSlot, SlotAdjustment, StatusCode } from './policy-schema.js';

/** A sentence in both languages the tenants use (SPEC §0 locale `zh-CN` | `en`). */
export interface Explanation {
  en: string;
  zh: string;
}

/** Outcomes that grant nothing (or that combine several benefits); stable machine codes. */
export type OutcomeCode = 'sum' | 'cap_slot_day' | 'cap_month' | 'non_resident' | 'no_eligibility' | 'deceased';

const STATUS_LABELS: Record<StatusCode, Explanation> = {
  extreme_poverty: { en: 'extreme poverty', zh: '特困' },
  minimum_living: { en: 'minimum living allowance', zh: '低保' },
  low_income_edge: { en: 'low-income edge', zh: '低保边缘' },
  severe_disability: { en: 'severe disability', zh: '重度残疾' },
  disabled_elderly: { en: 'disabled elderly', zh: '失能老人' },
  semi_disabled_elderly: { en: 'semi-disabled elderly', zh: '半失能老人' },
  special_family: { en: 'special family (family planning)', zh: '计划生育特殊家庭' },
  veteran_family: { en: 'veteran family', zh: '优抚对象' },
  empty_nest: { en: 'empty nest / living alone', zh: '空巢/独居' },
};

const SLOT_LABELS: Record<MealSlot, Explanation> = {
  breakfast: { en: 'breakfast', zh: '早餐' },
  lunch: { en: 'lunch', zh: '午餐' },
  dinner: { en: 'dinner', zh: '晚餐' },
};

/** Fen as a yuan string with two decimals: 250 → "2.50". */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** Rule code of an age tier: `age_90_plus_free`, `age_tier_80_89`, `age_tier_100_plus`, … */
export function ageTierCode(tier: AgeTier): string {
  const range = tier.maxAge === undefined ? `${tier.minAge}_plus` : `${tier.minAge}_${tier.maxAge}`;
  return tier.free ? `age_${range}_free` : `age_tier_${range}`;
}

/** Rule code of a status benefit: `status_extreme_poverty_free`, `status_minimum_living`. */
export function statusCode(code: StatusCode, free: boolean): string {
  return free ? `status_${code}_free` : `status_${code}`;
}

/** The status a rule code relied on, or null: `status_minimum_living` → `minimum_living`. */
export function statusOfRule(rule: string): string | null {
  const m = /^status_(.+?)(_free)?$/.exec(rule);
  return m ? m[1] : null;
}

/** Label of an age tier: "age 80–89" / "80–89岁", "age 90+" / "90岁以上". */
export function ageTierLabel(tier: AgeTier): Explanation {
  return tier.maxAge === undefined
    ? { en: `age ${tier.minAge}+`, zh: `${tier.minAge}岁以上` }
    : { en: `age ${tier.minAge}–${tier.maxAge}`, zh: `${tier.minAge}–${tier.maxAge}岁` };
}

/** Label of a status: "minimum living allowance" / "低保". */
export function statusLabel(code: StatusCode): Explanation {
  return STATUS_LABELS[code];
}

/** Sentence for one benefit: "age 90+: free", "低保：补贴3.00元（早餐按50%）". */
export function benefitSentence(
  label: Explanation,
  benefit: { free: boolean; amount: number },
  slot: MealSlot,
  adjustment: SlotAdjustment | undefined,
): Explanation {
  if (benefit.free) return { en: `${label.en}: free`, zh: `${label.zh}：免费` };
  const s = SLOT_LABELS[slot];
  let en = '';
  let zh = '';
  if (adjustment?.percent !== undefined) {
    en = ` (${s.en} rate ${adjustment.percent} %)`;
    zh = `（${s.zh}按${adjustment.percent}%）`;
  } else if (adjustment?.amount !== undefined) {
    en = ` (${s.en} flat rate)`;
    zh = `（${s.zh}统一标准）`;
  }
  return {
    en: `${label.en}: ${yuan(benefit.amount)} yuan off${en}`,
    zh: `${label.zh}：补贴${yuan(benefit.amount)}元${zh}`,
  };
}

/** Sentence for several benefits added up (combine "sum"), noting when the price capped it. */
export function sumSentence(parts: { label: Explanation; amount: number }[], subsidy: number, cappedAtPrice: boolean): Explanation {
  const en = parts.map((p) => `${p.label.en} ${yuan(p.amount)}`).join(' + ');
  const zh = parts.map((p) => `${p.label.zh}${yuan(p.amount)}`).join(' + ');
  return {
    en: `sum of benefits: ${en} = ${yuan(subsidy)} yuan off${cappedAtPrice ? ' (capped at the price)' : ''}`,
    zh: `叠加补贴：${zh} = 补贴${yuan(subsidy)}元${cappedAtPrice ? '（以餐价为限）' : ''}`,
  };
}

/** Sentence for an outcome that grants no subsidy. */
export function noSubsidySentence(
  code: Exclude<OutcomeCode, 'sum'>,
  detail: { deathDate?: string; perMonth?: number; perSlotPerDay?: number; slot: MealSlot },
): Explanation {
  const s = SLOT_LABELS[detail.slot];
  switch (code) {
    case 'deceased':
      return { en: `person deceased on ${detail.deathDate}: no subsidy`, zh: `该人员已于${detail.deathDate}身故：不予补贴` };
    case 'non_resident':
      return { en: 'not registered with this programme: full price', zh: '非本辖区登记人员：全价' };
    case 'no_eligibility':
      return { en: 'no valid age tier or status: full price', zh: '无符合条件的年龄段或身份：全价' };
    case 'cap_slot_day':
      return {
        en: `already subsidised ${detail.perSlotPerDay}× for ${s.en} today: full price`,
        zh: `今日${s.zh}已享受补贴${detail.perSlotPerDay}次：全价`,
      };
    case 'cap_month':
      return {
        en: `monthly cap of ${detail.perMonth} subsidised meals reached: full price`,
        zh: `本月补贴餐次已达上限${detail.perMonth}次：全价`,
      };
  }
}

const OUTCOME_LABELS: Record<string, Explanation> = {
  sum: { en: 'sum of benefits', zh: '叠加补贴' },
  cap_slot_day: { en: 'already subsidised in this slot today (full price)', zh: '当日该餐次已补贴（全价）' },
  cap_month: { en: 'monthly cap reached (full price)', zh: '本月补贴次数已满（全价）' },
  non_resident: { en: 'not registered here (full price)', zh: '非本辖区登记人员（全价）' },
  no_eligibility: { en: 'no age tier or status (full price)', zh: '无补贴资格（全价）' },
  deceased: { en: 'deceased (no subsidy)', zh: '已身故（不予补贴）' },
  no_policy: { en: 'no policy in force (full price)', zh: '无有效补贴政策（全价）' },
};

/** A rule code in words, for breakdowns and statements: `age_tier_80_89` → "80–89岁". */
export function ruleLabel(code: string): Explanation {
  const age = /^age_(?:tier_)?(\d+)_(\d+|plus)(_free)?$/.exec(code);
  if (age) {
    const label = ageTierLabel({ minAge: Number(age[1]), maxAge: age[2] === 'plus' ? undefined : Number(age[2]) } as AgeTier);
    return age[3] ? { en: `${label.en}: free`, zh: `${label.zh}：免费` } : label;
  }
  const status = /^status_(.+?)(_free)?$/.exec(code);
  if (status && status[1] in STATUS_LABELS) {
    const label = STATUS_LABELS[status[1] as StatusCode];
    return status[2] ? { en: `${label.en}: free`, zh: `${label.zh}：免费` } : label;
  }
  return OUTCOME_LABELS[code] ?? { en: code, zh: code };
}
