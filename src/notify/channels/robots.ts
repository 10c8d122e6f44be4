import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { callProvider, failIfServerError } from './http.js';
import { ChannelError } from './types.js';
import type { Channel } from './types.js';

const robotAnswer = z.object({ errcode: z.number(), errmsg: z.string().optional() });

function robotResult(json: unknown, status: number, provider: string, rateLimitCodes: number[]) {
  const parsed = robotAnswer.safeParse(json);
  if (!parsed.success) throw new ChannelError('unavailable', `${provider}: unexpected answer (HTTP ${status})`);
  const { errcode, errmsg } = parsed.data;
  if (errcode === 0) return { providerMessageId: null };
  if (rateLimitCodes.includes(errcode)) throw new ChannelError('rate_limited', `${provider}: ${errcode} ${errmsg ?? ''}`.trim(), String(errcode));
  throw new ChannelError('misconfigured', `${provider}: ${errcode} ${errmsg ?? ''}`.trim(), String(errcode));
}

const mobiles = (recipient: string) => (/^\+?\d{6,15}$/.test(recipient) ? [recipient] : []);

/**
 * 企业微信 group robot: POST {endpoint}?key=KEY {msgtype: "text", text: {content, mentioned_mobile_list}}
 * → {errcode: 0, errmsg: "ok"}; 45009 is the frequency limit (20 messages a minute per robot).
 */
export function wecomRobot(o: { endpoint: string; key: string; timeoutMs: number }): Channel {
  return {
    kind: 'wecom',
    async send(m) {
      const url = new URL(o.endpoint);
      url.searchParams.set('key', o.key);
      const body = JSON.stringify({ msgtype: 'text', text: { content: m.text, mentioned_mobile_list: mobiles(m.recipient) } });
      const a = await callProvider(url.toString(), { headers: { 'content-type': 'application/json' }, body }, o.timeoutMs);
      failIfServerError(a, 'wecom');
      return robotResult(a.json, a.status, 'wecom', [45009]);
    },
  };
}

/** 钉钉 robot signature: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)). */
export function dingtalkSign(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/**
 * 钉钉 group robot: POST {endpoint}?access_token=T&timestamp=ms&sign=S {msgtype: "text", text: {content},
 * at: {atMobiles}} → {errcode: 0}; 130101 means "sending too fast" (20 a minute).
 */
export function dingtalkRobot(o: { endpoint: string; accessToken: string; secret?: string; timeoutMs: number }): Channel {
  return {
    kind: 'dingtalk',
    async send(m) {
      const url = new URL(o.endpoint);
      url.searchParams.set('access_token', o.accessToken);
      if (o.secret) {
        const ts = Date.now();
        url.searchParams.set('timestamp', String(ts));
        url.searchParams.set('sign', dingtalkSign(ts, o.secret));
      }
      const body = JSON.stringify({ msgtype: 'text', text: { content: m.text }, at: { atMobiles: mobiles(m.recipient), isAtAll: false } });
      const a = await callProvider(url.toString(), { headers: { 'content-type': 'application/json' }, body }, o.timeoutMs);
      failIfServerError(a, 'dingtalk');
      return robotResult(a.json, a.status, 'dingtalk', [130101]);
    },
  };
}
