import { defineMessages } from '../../i18n/index.js';

/** The hard rules of one assignment in words (assignment-rules.ts), zh-CN first; the API's detail is the en text. */
export const ruleMessages = defineMessages('nursing.rules', {
  inactive: { zh: '{name} 已停用。', en: '{name} is not active.' },
  onLeave: { zh: '{name} 在 {date} 休假。', en: '{name} is on leave on {date}.' },
  skill: { zh: '{name} 不具备这个护理级别所需的技能“{skill}”。', en: "{name} lacks the skill '{skill}' this care level requires." },
  gender: { zh: '患者要求{gender}护理员。', en: 'The patient requires a {gender} aide.' },
  male: { zh: '男性', en: 'male' },
  female: { zh: '女性', en: 'female' },
  otherWard: { zh: '{name} 在这个班次已在另一个病区上班。', en: '{name} already works in another ward in this shift.' },
  load: { zh: '{name} 在这个班次的负荷将达到 {load}（超过一名护理员的工作量）。', en: "{name}'s load in this shift would be {load} (more than one aide's work)." },
  overlap: { zh: '{name} 已有一个时间重叠的班次（{start}）。', en: '{name} already works an overlapping shift ({start}).' },
  restAfter: { zh: '{name} 与上一个班次之间休息将少于 {hours} 小时。', en: '{name} would rest less than {hours} h after the previous shift.' },
  restBefore: { zh: '{name} 与下一个班次之间休息将少于 {hours} 小时。', en: '{name} would rest less than {hours} h before the next shift.' },
  weekHours: { zh: '{name} 在 {week} 起的一周将工作 {hours} 小时（上限 {limit} 小时）。', en: '{name} would work {hours} h in the week of {week} (limit {limit} h).' },
  daysInRow: { zh: '{name} 将连续上班 {run} 天（上限 {limit} 天）。', en: '{name} would work {run} days in a row (limit {limit}).' },
});
