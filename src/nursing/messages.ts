import { defineMessages } from '../i18n/index.js';

/** Sentences of the nursing module (zh-CN first). */
export const nursingMessages = defineMessages('nursing', {
  certificateEndsBeforeShift: {
    zh: '{name} 的护理员证书有效期至 {expiry}，不能覆盖 {end} 才结束的班次。',
    en: "{name}'s certificate is valid through {expiry} and does not cover this shift, which ends {end}.",
  },
});

/** The pieces of the "your shifts changed" message to a care aide (the sentence itself is notify's rosterChanged). */
export const rosterNoticeMessages = defineMessages('nursing.rosterNotice', {
  date: { zh: '{month}月{day}日', en: '{month}/{day}' },
  line: { zh: '{date}{shift}（{start}–{end}）{ward} {beds}', en: '{date} {shift} ({start}–{end}) {ward} {beds}' },
  bed: { zh: '{bed}床', en: 'bed {bed}' },
  noBed: { zh: '未分床', en: 'no bed' },
  bedSeparator: { zh: '、', en: ', ' },
  lineSeparator: { zh: '；', en: '; ' },
  none: { zh: '无', en: 'none' },
  more: { zh: '等共{count}个班次', en: 'and {more} more' },
});

/** What a nursing 404 names ("No such {what}." / "未找到该{what}。"). */
export const nursingNouns = defineMessages('nursing.noun', {
  aide: { zh: '护理员', en: 'aide' },
  booking: { zh: '照护预约', en: 'booking' },
  invoice: { zh: '结算单', en: 'invoice' },
  ward: { zh: '病区', en: 'ward' },
  admission: { zh: '住院记录', en: 'admission' },
  consent: { zh: '知情同意', en: 'consent' },
  signature: { zh: '签名', en: 'signature' },
  person: { zh: '人员', en: 'person' },
  rosterRun: { zh: '排班记录', en: 'roster run' },
  assignment: { zh: '班次安排', en: 'assignment' },
  shiftTemplate: { zh: '班次', en: 'shift template' },
});
