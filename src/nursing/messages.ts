import { defineMessages } from '../i18n/index.js';

/** Sentences of the nursing module (zh-CN first). */
export const nursingMessages = defineMessages('nursing', {
  certificateEndsBeforeShift: {
    zh: '{name} 的护理员证书有效期至 {expiry}，不能覆盖 {end} 才结束的班次。',
    en: "{name}'s certificate is valid through {expiry} and does not cover this shift, which ends {end}.",
  },
});
