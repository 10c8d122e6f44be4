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
