/**
 * Words for the canteen's codes (funds, rules, slots, age tiers, statuses) in the reader's locale:
 * breakdowns, statements and CSV exports show these instead of machine codes.
 */
import { defineMessages, t, type Message } from '../i18n/index.js';
import { ruleLabel, statusLabel } from '../subsidy/explain.js';
import type { StatusCode } from '../subsidy/index.js';

export const FUNDS = defineMessages('canteen.fund', {
  district: { zh: '区级财政', en: 'district fund' },
  county: { zh: '县级财政', en: 'county fund' },
  city: { zh: '市级财政', en: 'city fund' },
  province: { zh: '省级财政', en: 'province fund' },
  lottery: { zh: '福彩公益金', en: 'welfare lottery fund' },
});

export const SLOTS = defineMessages('canteen.slot', {
  breakfast: { zh: '早餐', en: 'breakfast' },
  lunch: { zh: '午餐', en: 'lunch' },
  dinner: { zh: '晚餐', en: 'dinner' },
});

const TIERS = defineMessages('canteen.ageTier', {
  under_60: { zh: '60岁以下', en: 'under 60' },
  unknown: { zh: '年龄不详', en: 'age unknown' },
  none: { zh: '无身份补贴', en: 'no status' },
});

const zhOrEn = (locale: string, e: { en: string; zh: string }) => (locale === 'en' ? e.en : e.zh);

export function fundLabel(locale: string, fund: string): string {
  const m = (FUNDS as Record<string, Message>)[fund];
  return m ? t(locale, m) : fund;
}

export function slotLabel(locale: string, slot: string): string {
  const m = (SLOTS as Record<string, Message>)[slot];
  return m ? t(locale, m) : slot;
}

export function ruleText(locale: string, rule: string): string {
  return zhOrEn(locale, ruleLabel(rule));
}

/** `60-69` → "60–69岁", `90+` → "90岁以上", `under_60`, `unknown`. */
export function ageTierText(locale: string, tier: string): string {
  const m = (TIERS as Record<string, Message>)[tier];
  if (m) return t(locale, m);
  const range = /^(\d+)-(\d+)$/.exec(tier);
  if (range) return locale === 'en' ? `age ${range[1]}–${range[2]}` : `${range[1]}–${range[2]}岁`;
  const plus = /^(\d+)\+$/.exec(tier);
  return plus ? (locale === 'en' ? `age ${plus[1]}+` : `${plus[1]}岁以上`) : tier;
}

/** A status code of the breakdowns (`none` = no status benefit). */
export function statusText(locale: string, code: string): string {
  if (code === 'none') return t(locale, TIERS.none);
  try {
    return zhOrEn(locale, statusLabel(code as StatusCode)) ?? code;
  } catch {
    return code;
  }
}

/** Labels of every code in a totals object, for a screen that renders it. */
export function labelsOf(locale: string, totals: { byRule: object; subsidyByFund: object }) {
  return {
    ruleLabels: Object.fromEntries(Object.keys(totals.byRule).map((k) => [k, ruleText(locale, k)])),
    fundLabels: Object.fromEntries(Object.keys(totals.subsidyByFund).map((k) => [k, fundLabel(locale, k)])),
  };
}
