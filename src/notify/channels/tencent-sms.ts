import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { callProvider, failIfServerError } from './http.js';
import { ChannelError } from './types.js';
import type { Channel } from './types.js';
import type { SmsTemplates } from './sms-templates.js';
import { smsTemplateOf } from './sms-templates.js';

export interface TencentSmsOptions {
  endpoint: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  templates: SmsTemplates;
  timeoutMs: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

/**
 * TC3-HMAC-SHA256 (API 3.0): canonical request over content-type and host, string to sign with
 * the UTC date scope `date/sms/tc3_request`, key derived TC3+secret → date → service → tc3_request.
 */
export function tc3Authorization(o: { secretId: string; secretKey: string; host: string; body: string; timestamp: number; contentType: string }): string {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = ['POST', '/', '', `content-type:${o.contentType}`, `host:${o.host}`, '', 'content-type;host', sha256(o.body)].join('\n');
  const scope = `${date}/sms/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256(canonical)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${o.secretKey}`, date), 'sms'), 'tc3_request');
  const signature = createHmac('sha256', signing).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

const answer = z.object({
  Response: z.object({
    RequestId: z.string().optional(),
    Error: z.object({ Code: z.string(), Message: z.string().optional() }).optional(),
    SendStatusSet: z.array(z.object({ SerialNo: z.string().optional(), PhoneNumber: z.string().optional(), Code: z.string(), Message: z.string().optional() })).optional(),
  }),
});

const isRateLimit = (code: string) => code.startsWith('LimitExceeded') || code === 'RequestLimitExceeded';
const isRejectedNumber = (code: string) => /PhoneNumber|IncorrectPhoneNumber|MobileNumber|Unsubscribe/i.test(code);

/**
 * 腾讯云短信 sms 2021-01-11 SendSms: JSON POST {PhoneNumberSet, SmsSdkAppId, SignName, TemplateId,
 * TemplateParamSet} with X-TC-Action/Version/Timestamp/Region and the TC3 Authorization header →
 * `{Response: {SendStatusSet: [{Code: "Ok", SerialNo}]}}`, or `{Response: {Error: {Code}}}`.
 */
export function tencentSms(o: TencentSmsOptions): Channel {
  return {
    kind: 'sms',
    async send(m) {
      const tpl = smsTemplateOf(o.templates, m.template);
      const phone = m.recipient.startsWith('+') ? m.recipient : `+86${m.recipient}`;
      const body = JSON.stringify({
        PhoneNumberSet: [phone], SmsSdkAppId: o.sdkAppId, SignName: o.signName, TemplateId: tpl.id,
        TemplateParamSet: tpl.params.map((p) => m.params[p] ?? ''), SessionContext: m.id,
      });
      const host = new URL(o.endpoint).host;
      const timestamp = Math.floor(Date.now() / 1000);
      const contentType = 'application/json; charset=utf-8';
      const a = await callProvider(o.endpoint, {
        headers: {
          'content-type': contentType, 'X-TC-Action': 'SendSms', 'X-TC-Version': '2021-01-11', 'X-TC-Region': o.region,
          'X-TC-Timestamp': String(timestamp), Authorization: tc3Authorization({ secretId: o.secretId, secretKey: o.secretKey, host, body, timestamp, contentType }),
        },
        body,
      }, o.timeoutMs);
      failIfServerError(a, 'tencent');
      const parsed = answer.safeParse(a.json);
      if (!parsed.success) throw new ChannelError('unavailable', `tencent: unexpected answer (HTTP ${a.status})`);
      const { Error: error, SendStatusSet } = parsed.data.Response;
      const code = error?.Code ?? SendStatusSet?.[0]?.Code ?? 'Missing';
      if (code === 'Ok') return { providerMessageId: SendStatusSet?.[0]?.SerialNo ?? null };
      if (isRateLimit(code)) throw new ChannelError('rate_limited', `tencent: ${code}`, code);
      if (isRejectedNumber(code)) throw new ChannelError('rejected', `tencent: ${code}`, code);
      if (code.startsWith('InternalError')) throw new ChannelError('unavailable', `tencent: ${code}`, code);
      throw new ChannelError('misconfigured', `tencent: ${code}`, code);
    },
  };
}
