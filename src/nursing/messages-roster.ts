import { defineMessages } from '../i18n/index.js';

/** Refusals of aides, shifts, assignments, rosters and the hospital set-up (zh-CN first; en as the API always said). */
export const rosterMessages = defineMessages('nursing.roster', {
  homeWardMissing: { zh: '有一个所属病区在本院不存在。', en: 'A home ward does not exist in this hospital.' },
  wardMissing: { zh: '有一个病区在本院不存在。', en: 'A ward does not exist in this hospital.' },
  unknownWard: { zh: '病区不存在。', en: 'Unknown ward.' },
  linkUserMissing: { zh: '要关联的用户在本院不存在。', en: 'The user to link does not exist in this hospital.' },
  unknownUser: { zh: '用户不存在。', en: 'Unknown user.' },
  linkNeedsRole: { zh: '只有具有“护理员”角色的用户才能关联到护理员。', en: 'Only a user with the care_aide role can be linked to an aide.' },
  needsRole: { zh: '需要“护理员”角色。', en: 'Needs the care_aide role.' },
  userLinked: { zh: '该用户已关联到护理员 {name}。', en: 'This user is already linked to aide {name}.' },
  alreadyLinked: { zh: '已被关联。', en: 'Already linked.' },
  notLinked: {
    zh: '您的账号还没有关联到护理员，请联系协调员关联（PATCH /nursing/aides/{id}，填写 userId）。',
    en: 'Your user is not linked to an aide; ask the coordinator to link it (PATCH /nursing/aides/{id} with userId).',
  },
  rangeDays: { zh: '请选择 1–31 天的范围。', en: 'Give a range of 1–31 days.' },
  notYourShift: {
    zh: '您不是该患者在 {date} {shift} 的护理员，请在自己的班次下写交班记录。',
    en: "You are not this patient's aide in {shift} {date}; write the note for one of your own shifts.",
  },
  noShift: { zh: '没有设置班次“{code}”。', en: "No shift '{code}' is set up." },
  unknownShift: { zh: '班次不存在。', en: 'Unknown shift.' },
  bookingNotActive: { zh: '该照护预约{status}：只有照护中的预约才能安排护理员。', en: 'The booking is {status}: only an active booking can get an aide.' },
  status_pending: { zh: '待启用', en: 'pending' },
  status_active: { zh: '照护中', en: 'active' },
  status_ended: { zh: '已结束', en: 'ended' },
  consentNotCovering: {
    zh: '{date} {shift} 没有有效的家属知情同意（已撤回或签署较晚），不能安排护理员。',
    en: 'No family consent covers {shift} {date} (it was revoked or signed later): no aide can be assigned.',
  },
  noCareNeeded: {
    zh: '患者在 {date} {shift} 不需要照护（不在照护预约或住院期间）。',
    en: 'The patient does not need care in {shift} {date} (outside the booking or the stay).',
  },
  aideMissing: { zh: '该护理员不存在。', en: 'The aide does not exist.' },
  unknownAide: { zh: '护理员不存在。', en: 'Unknown aide.' },
  cannotTake: { zh: '{name} 不能接这个班次：{violations}', en: '{name} cannot take this shift: {violations}' },
  joined: { zh: '{first}{rest}', en: '{first} {rest}' },
  rosterTooLong: { zh: '一次排班最多 {days} 天。', en: 'A roster covers at most {days} days.' },
  noTemplates: {
    zh: '还没有设置班次：请先调用 POST /nursing/setup/defaults 或 PUT /nursing/shift-templates/{code}。',
    en: 'No shift templates are set up: POST /nursing/setup/defaults or PUT /nursing/shift-templates/{code} first.',
  },
  feeFromToday: {
    zh: '新的日费用只能从今天（{today}）或以后生效，以前的日子保持原来的费用。',
    en: 'A new fee applies from today ({today}) or a later date; past days keep the fee they had.',
  },
  beforeDate: { zh: '早于 {date}。', en: 'Before {date}.' },
  shiftOverlap: {
    zh: '班次“{code}” {start}–{end} 与班次“{other}” {otherStart}–{otherEnd} 时间重叠，请先删除或修改那个班次。',
    en: "Shift '{code}' {start}–{end} overlaps shift '{other}' {otherStart}–{otherEnd}; delete or change it first.",
  },
  overlapsShift: { zh: '与班次“{other}”重叠。', en: "Overlaps shift '{other}'." },
  bedCodesRepeat: { zh: '床位编号有重复。', en: 'Bed codes repeat.' },
  bedCodesUnique: { zh: '床位编号不能重复。', en: 'Bed codes must be unique.' },
  bedExists: { zh: '病区 {ward} 已有床位“{bed}”。', en: "Bed '{bed}' already exists in ward {ward}." },
  duplicateBed: { zh: '床位“{bed}”重复。', en: "Duplicate bed '{bed}'." },
  codeChars: { zh: '只能使用字母、数字、短横线和下划线。', en: 'Letters, digits, dash and underscore only.' },
  shiftKeyFormat: { zh: '格式应为 日期.班次代码.预约编号。', en: 'Expected date.shiftCode.bookingId.' },
});

/** Why a roster left needs uncovered (the solver's cause codes), and the coordinator's sentence. */
export const uncoveredMessages = defineMessages('nursing.uncovered', {
  no_eligible_aide: { zh: '没有符合条件的护理员', en: 'no aide is eligible' },
  gender: { zh: '没有符合性别要求的空闲护理员', en: 'no available aide of the required gender' },
  certificate: { zh: '合适的护理员证书已过期', en: 'the suitable aides\u2019 certificates have expired' },
  skill: { zh: '没有具备所需技能的空闲护理员', en: 'no available aide has the required skill' },
  leave: { zh: '合适的护理员在休假', en: 'the suitable aides are on leave' },
  rest: { zh: '合适的护理员两班之间休息不足', en: 'the suitable aides would not get their minimum rest' },
  weekly_hours: { zh: '合适的护理员本周工时已满', en: 'the suitable aides would exceed their weekly hours' },
  consecutive_days: { zh: '合适的护理员连续上班天数已达上限', en: 'the suitable aides would work too many days in a row' },
  capacity: { zh: '合适的护理员都已满负荷', en: 'all eligible aides are already busy' },
  // en says "patient(s)" and "need(s)/aide(s)" by number: one sentence per case, zh the same in all four.
  oneOne: { zh: '{date} {shift}，{ward}：{patients} 名{level}患者还需 {short} 名护理员（{cause}）', en: '{shift} {date}, ward {ward}: {patients} {level} patient needs {short} more aide ({cause})' },
  oneMany: { zh: '{date} {shift}，{ward}：{patients} 名{level}患者还需 {short} 名护理员（{cause}）', en: '{shift} {date}, ward {ward}: {patients} {level} patient needs {short} more aides ({cause})' },
  manyOne: { zh: '{date} {shift}，{ward}：{patients} 名{level}患者还需 {short} 名护理员（{cause}）', en: '{shift} {date}, ward {ward}: {patients} {level} patients need {short} more aide ({cause})' },
  manyMany: { zh: '{date} {shift}，{ward}：{patients} 名{level}患者还需 {short} 名护理员（{cause}）', en: '{shift} {date}, ward {ward}: {patients} {level} patients need {short} more aides ({cause})' },
});

/** Names of the default care levels and shifts a hospital gets (stored in the hospital's language). */
export const defaultNameMessages = defineMessages('nursing.defaults', {
  special: { zh: '特级护理', en: 'Special care (1:1)' },
  level1: { zh: '一级护理', en: 'Level 1 (1:2)' },
  level2: { zh: '二级护理', en: 'Level 2 (1:3)' },
  level3: { zh: '三级护理', en: 'Level 3 (1:6)' },
  day: { zh: '白班', en: 'Day' },
  night: { zh: '夜班', en: 'Night' },
});
