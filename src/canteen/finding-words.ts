/**
 * Audit findings in words: the kind's name and its evidence as a sentence an auditor reads (the
 * desk and the CSV export), instead of a JSON blob. Money in yuan, times in the tenant's zone.
 */
import { DateTime } from 'luxon';
import { defineMessages, t, type Message } from '../i18n/index.js';
import { yuan } from '../subsidy/explain.js';
import { slotLabel, statusText } from './labels.js';

export const KINDS = defineMessages('canteen.findingKind', {
  double_subsidy: { zh: '重复补贴', en: 'Double subsidy' },
  subsidy_while_inpatient: { zh: '住院期间补贴', en: 'Subsidy while in hospital' },
  subsidy_with_home_delivery: { zh: '已送餐又堂食补贴', en: 'Subsidy beside a home-delivered meal' },
  subsidy_after_death: { zh: '身故后补贴', en: 'Subsidy after death' },
  status_outside_validity: { zh: '身份过期仍补贴', en: 'Status used outside its validity' },
  over_monthly_cap: { zh: '超月度上限', en: 'Over the monthly cap' },
  volume_spike: { zh: '就餐量异常', en: 'Volume spike' },
  missed_benefit: { zh: '错发漏发', en: 'Missed benefit' },
  back_dated: { zh: '事后补录', en: 'Back-dated meal' },
  slot_hopping: { zh: '串餐次', en: 'Slot hopping' },
});

export const SEVERITIES = defineMessages('canteen.severity', {
  high: { zh: '高', en: 'high' },
  medium: { zh: '中', en: 'medium' },
  low: { zh: '低', en: 'low' },
});

const E = defineMessages('canteen.evidence', {
  double_subsidy: { zh: '同一天{slot}享受补贴 {count} 次（上限 {cap} 次），补贴合计 {subsidy} 元，涉及 {canteens} 个食堂。', en: '{count} subsidised {slot} meals on one day (cap {cap}), {subsidy} yuan in all, at {canteens} canteen(s).' },
  subsidy_while_inpatient: { zh: '住院期间（{from} 入院，{to} 出院）在食堂享受补贴 {subsidy} 元。', en: 'Subsidised {subsidy} yuan while in hospital (admitted {from}, discharged {to}).' },
  subsidy_with_home_delivery: { zh: '当天{slot}已送餐上门，食堂又补贴 {subsidy} 元。', en: 'A home {slot} was delivered that day, and the canteen subsidised {subsidy} yuan.' },
  subsidy_after_death: { zh: '已于 {deathDate} 身故，此后仍享受补贴 {subsidy} 元。', en: 'Deceased on {deathDate}; still subsidised {subsidy} yuan.' },
  status_outside_validity: { zh: '按“{statuses}”补贴 {subsidy} 元，但当天该身份不在有效期内（{validity}）；按当天身份应补 {recomputed} 元。', en: 'Subsidised {subsidy} yuan as “{statuses}” outside its validity ({validity}); {recomputed} yuan was due.' },
  over_monthly_cap: { zh: '{month} 享受补贴 {meals} 次，超过上限 {cap} 次 {excess} 次，多补 {excessSubsidy} 元。', en: '{meals} subsidised meals in {month}, {excess} over the cap of {cap}: {excessSubsidy} yuan too much.' },
  volume_spike: { zh: '当天就餐 {count} 人次，是此前 {days} 天中位数 {median} 的 {factor} 倍以上。', en: '{count} meals that day, over {factor}× the median {median} of the {days} days before.' },
  missed_benefit: { zh: '实收 {charged} 元，按政策应收 {allowed} 元，多收 {difference} 元。', en: 'Charged {charged} yuan where the policy allows {allowed}: {difference} yuan too much.' },
  back_dated: { zh: '{servedAt} 就餐，{recordedAt} 才录入，晚了 {late}（允许 {tolerance} 分钟），补贴 {subsidy} 元。{override}', en: 'Served {servedAt}, recorded {recordedAt}: {late} late (allowed {tolerance} min), {subsidy} yuan subsidy. {override}' },
  backDatedOverride: { zh: '管理员特批理由：{reason}', en: 'Manager override: {reason}' },
  backDatedNoOverride: { zh: '没有管理员特批。', en: 'No manager override.' },
  slot_hopping: { zh: '{minutes} 分钟内记录了 {slots}（{times}），补贴合计 {subsidy} 元。', en: '{slots} recorded within {minutes} min ({times}), {subsidy} yuan subsidy.' },
  hoursMinutes: { zh: '{hours} 小时 {minutes} 分', en: '{hours} h {minutes} min' },
  daysHours: { zh: '{days} 天 {hours} 小时', en: '{days} d {hours} h' },
  still: { zh: '仍在院', en: 'still in' },
});

type Ev = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const list = (v: unknown) => (Array.isArray(v) ? v : []);

export function kindLabel(locale: string, kind: string): string {
  const m = (KINDS as Record<string, Message>)[kind];
  return m ? t(locale, m) : kind;
}

export function severityLabel(locale: string, severity: string): string {
  const m = (SEVERITIES as Record<string, Message>)[severity];
  return m ? t(locale, m) : severity;
}

function duration(locale: string, minutes: number): string {
  if (minutes >= 1440) return t(locale, E.daysHours, { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60) });
  return t(locale, E.hoursMinutes, { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** The evidence of a finding as one sentence in the reader's locale. */
export function evidenceText(locale: string, zone: string, kind: string, ev: Ev): string {
  const local = (iso: unknown) => (typeof iso === 'string' ? DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM-dd HH:mm') : '');
  const slot = slotLabel(locale, String(ev.slot ?? ''));
  const subsidy = yuan(num(ev.subsidy));
  switch (kind) {
    case 'double_subsidy':
      return t(locale, E.double_subsidy, { slot, count: num(ev.count), cap: num(ev.cap), subsidy, canteens: list(ev.canteenIds).length });
    case 'subsidy_while_inpatient':
      return t(locale, E.subsidy_while_inpatient, { from: String(ev.stayFrom ?? ''), to: ev.stayTo ? String(ev.stayTo) : t(locale, E.still), subsidy });
    case 'subsidy_with_home_delivery':
      return t(locale, E.subsidy_with_home_delivery, { slot, subsidy });
    case 'subsidy_after_death':
      return t(locale, E.subsidy_after_death, { deathDate: String(ev.deathDate ?? ''), subsidy });
    case 'status_outside_validity':
      return t(locale, E.status_outside_validity, {
        statuses: list(ev.statuses).map((s) => statusText(locale, String(s))).join('、'),
        validity: list(ev.validity).map((v: Ev) => `${statusText(locale, String(v.code))} ${v.validFrom}–${v.validTo ?? '…'}`).join('；'),
        subsidy, recomputed: yuan(num(ev.recomputedSubsidy)),
      });
    case 'over_monthly_cap':
      return t(locale, E.over_monthly_cap, { month: String(ev.month ?? ''), meals: num(ev.subsidisedMeals), cap: num(ev.cap), excess: num(ev.excess), excessSubsidy: yuan(num(ev.excessSubsidy)) });
    case 'volume_spike':
      return t(locale, E.volume_spike, { count: num(ev.count), median: num(ev.median), factor: num(ev.factor), days: num(ev.historyDays) });
    case 'missed_benefit':
      return t(locale, E.missed_benefit, { charged: yuan(num(ev.charged)), allowed: yuan(num(ev.allowed)), difference: yuan(num(ev.difference)) });
    case 'back_dated':
      return t(locale, E.back_dated, {
        servedAt: list(ev.servedAt).map(local).join('、'), recordedAt: list(ev.recordedAt).map(local).join('、'),
        late: duration(locale, num(ev.minutesLate)), tolerance: num(ev.toleranceMinutes), subsidy,
        override: ev.overrideReason ? t(locale, E.backDatedOverride, { reason: String(ev.overrideReason) }) : t(locale, E.backDatedNoOverride),
      }).trim();
    case 'slot_hopping':
      return t(locale, E.slot_hopping, {
        minutes: num(ev.minutesApart), slots: list(ev.slots).map((s) => slotLabel(locale, String(s))).join('、'),
        times: list(ev.servedAt).map((s) => local(s).slice(11)).join('、'), subsidy,
      });
    default:
      return JSON.stringify(ev);
  }
}
