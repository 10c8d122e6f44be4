import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { callProvider, failIfServerError } from './http.js';
import { ChannelError } from './types.js';
import type { Channel } from './types.js';
import type { SmsTemplates } from './sms-templates.js';
import { smsTemplateOf } from './sms-templates.js';

export interface AliyunSmsOptions {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  regionId: string;
  templates: SmsTemplates;
  timeoutMs: number;
}

/** RFC 3986 percent-encoding as the RPC signature wants it (space → %20, * → %2A, ~ kept). */
export function aliyunEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The RPC signature (SignatureVersion 1.0): HMAC-SHA1 with key `secret&` over
 * `METHOD&%2F&encode(sorted, encoded query string)`, base64.
 */
export function aliyunSignature(method: string, params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params).sort().map((k) => `${aliyunEncode(k)}=${aliyunEncode(params[k])}`).join('&');
  const stringToSign = `${method}&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

const answer = z.object({ Code: z.string(), Message: z.string().optional(), BizId: z.string().optional(), RequestId: z.string().optional() });

/** Codes of dysmsapi SendSms that mean "slow down" and "this number/template will never work". */
const RATE_LIMITED = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'Throttling.User', 'isv.DAY_LIMIT_CONTROL', 'Throttling']);
const REJECTED = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.MOBILE_COUNT_OVER_LIMIT', 'isv.BLACK_KEY_CONTROL_LIMIT', 'isv.DENY_IP_RANGE']);

/**
 * 阿里云短信 dysmsapi 2017-05-25 SendSms: a form POST of the RPC parameters (Action, PhoneNumbers,
 * SignName, TemplateCode, TemplateParam JSON, Timestamp, SignatureNonce…) plus Signature →
 * `{Code: "OK", BizId, RequestId}` or `{Code: "isv.…", Message}`.
 */
export function aliyunSms(o: AliyunSmsOptions): Channel {
  return {
    kind: 'sms',
    async send(m) {
      const tpl = smsTemplateOf(o.templates, m.template);
      const params: Record<string, string> = {
        AccessKeyId: o.accessKeyId, Action: 'SendSms', Format: 'JSON', RegionId: o.regionId,
        SignatureMethod: 'HMAC-SHA1', SignatureNonce: randomUUID(), SignatureVersion: '1.0',
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Version: '2017-05-25',
        PhoneNumbers: m.recipient.replace(/^\+86/, ''), SignName: o.signName, TemplateCode: tpl.id,
        TemplateParam: JSON.stringify(Object.fromEntries(tpl.params.map((p) => [p, m.params[p] ?? '']))),
      };
      const body = new URLSearchParams({ ...params, Signature: aliyunSignature('POST', params, o.accessKeySecret) }).toString();
      const a = await callProvider(o.endpoint, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, o.timeoutMs);
      const parsed = answer.safeParse(a.json);
      if (parsed.success && parsed.data.Code === 'OK') return { providerMessageId: parsed.data.BizId ?? null };
      if (parsed.success) {
        const { Code, Message } = parsed.data;
        if (RATE_LIMITED.has(Code)) throw new ChannelError('rate_limited', `aliyun: ${Code}`, Code);
        if (REJECTED.has(Code)) throw new ChannelError('rejected', `aliyun: ${Code} ${Message ?? ''}`.trim(), Code);
        failIfServerError(a, 'aliyun');
        // isv.* (template, sign name, balance) and a 4xx (signature, key) will not heal by retrying.
        const fatal = Code.startsWith('isv.') || (a.status >= 400 && a.status < 500);
        throw new ChannelError(fatal ? 'misconfigured' : 'unavailable', `aliyun: ${Code} ${Message ?? ''}`.trim(), Code);
      }
      failIfServerError(a, 'aliyun');
      throw new ChannelError('unavailable', `aliyun: unexpected answer (HTTP ${a.status})`);
    },
  };
}
