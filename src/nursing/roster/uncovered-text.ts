import { CAUSE_TEXT, type UncoveredCause, type UncoveredGroup } from '../../roster/index.js';

/**
 * The coordinator's sentence for needs a roster could not cover, in the hospital's locale, with
 * ward, shift and care-level names (the solver only knows ids and codes).
 */
const CAUSE: Record<'en' | 'zh-CN', Record<UncoveredCause, string>> = {
  en: CAUSE_TEXT,
  'zh-CN': {
    no_eligible_aide: '没有符合条件的护理员',
    gender: '没有符合性别要求的空闲护理员',
    certificate: '合适的护理员证书已过期',
    skill: '没有具备所需技能的空闲护理员',
    leave: '合适的护理员在休假',
    rest: '合适的护理员两班之间休息不足',
    weekly_hours: '合适的护理员本周工时已满',
    consecutive_days: '合适的护理员连续上班天数已达上限',
    capacity: '合适的护理员都已满负荷',
  },
};

export interface Names { ward: string; shift: string; level: string }

export function uncoveredReason(u: UncoveredGroup, names: Names, locale: string): string {
  if (locale === 'en') {
    const patients = `${u.patients} ${names.level} patient${u.patients === 1 ? '' : 's'}`;
    return `${names.shift} ${u.date}, ward ${names.ward}: ${patients} need${u.patients === 1 ? 's' : ''} ${u.aidesShort} more aide${u.aidesShort === 1 ? '' : 's'} (${CAUSE.en[u.cause]})`;
  }
  return `${u.date} ${names.shift}，${names.ward}：${u.patients} 名${names.level}患者还需 ${u.aidesShort} 名护理员（${CAUSE['zh-CN'][u.cause]}）`;
}
