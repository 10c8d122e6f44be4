import { ChannelError } from './types.js';

/**
 * SMS providers in China send only pre-approved templates: each of our template keys maps to the
 * provider's template id and the order/names of its parameters (Aliyun names them, Tencent numbers
 * them in order).
 */
export type SmsTemplates = Record<string, { id: string; params: string[] }>;

export function smsTemplateOf(templates: SmsTemplates, key: string): { id: string; params: string[] } {
  const tpl = templates[key];
  if (!tpl) throw new ChannelError('misconfigured', `no SMS template id configured for ${key}`);
  return tpl;
}
