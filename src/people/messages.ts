import { defineMessages } from '../i18n/index.js';

/**
 * Sentences of the people registry (ID-number checks, uniqueness, statuses) in the reader's locale.
 * The en side is the English the API has always answered (integrators' tests read it).
 */
export const PM = defineMessages('people', {
  idFormat: { zh: '身份证号应为17位数字加1位校验码（数字或X）。', en: 'An ID-card number has 17 digits and a final digit or X.' },
  idBirthDate: { zh: '身份证号中的出生日期（{birthDate}）不是有效日期。', en: 'The birth date inside ({birthDate}) is not a real date.' },
  idChecksum: { zh: '身份证号校验码不符（是否有数字输错？）。', en: 'The check character does not match (mistyped digit?).' },
  idEncodesOther: { zh: '身份证号中的出生日期是{encoded}，不是{birthDate}。', en: 'The ID number encodes birth date {encoded}, not {birthDate}.' },
  phone: { zh: '请填写有效的电话号码。', en: 'Expected a phone number.' },
  validToBeforeFrom: { zh: '结束日期（validTo）不能早于开始日期（validFrom）。', en: 'validTo must not be before validFrom.' },
  deathBeforeBirth: { zh: '身故日期（deathDate）不能早于出生日期（birthDate）。', en: 'deathDate must not be before birthDate.' },
  idTaken: { zh: '已有人员使用该身份证号登记。', en: 'A person with this ID number is already registered.' },
  idTakenField: { zh: '本机构已登记过该身份证号。', en: 'Already registered in this tenant.' },
  cardTaken: { zh: '该卡号已属于其他人员。', en: 'This card number belongs to another person.' },
  cardTakenField: { zh: '该卡号已被使用。', en: 'Already in use.' },
  idBirthDisagree: { zh: '身份证号与出生日期不一致。', en: 'The ID number and the birth date disagree.' },
  idNotBirth: { zh: '与出生日期{birthDate}不符。', en: 'Does not encode birth date {birthDate}.' },
  numberSearchAdmins: {
    zh: '仅管理员可按身份证号或电话查询，请按姓名查询。',
    en: 'Searching by ID number or phone is for admins; search by name.',
  },
  numberSearchAdminsField: { zh: '只有管理员可以按号码（身份证号、电话）查询。', en: 'Numbers (ID, phone) may be searched by admins only.' },
  statusEndsBeforeStart: { zh: '身份的结束日期不能早于开始日期。', en: 'A status cannot end before it starts.' },
  beforeValidFrom: { zh: '早于开始日期{validFrom}。', en: 'Before validFrom {validFrom}.' },
  sameIdAsRow: { zh: '与第{row}行的身份证号相同。', en: 'Same ID number as row {row}.' },
  cardOfAnother: { zh: '该卡号属于其他人员。', en: 'Card number belongs to another person.' },
});

/** What a 404 of the people registry names ("未找到该{what}。"). */
export const PN = defineMessages('people.noun', {
  person: { zh: '人员', en: 'person' },
  status: { zh: '身份记录', en: 'status' },
});
