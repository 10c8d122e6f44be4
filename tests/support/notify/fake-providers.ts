import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aliyunSignature } from '../../../src/notify/channels/aliyun-sms.js';
import { dingtalkSign } from '../../../src/notify/channels/robots.js';
import { webhookSignature } from '../../../src/notify/channels/signed-webhook.js';
import { tc3Authorization } from '../../../src/notify/channels/tencent-sms.js';

/**
 * One local HTTP server speaking each provider's format, with the credentials below, and
 * behaving by recipient/key so that tests can ask for every answer:
 *   phone ...01 / key "ok": success · ...02 / "limit": rate-limited · ...03 / "bad": rejected
 *   ...04 / "slow": no answer for 3 s (timeout) · ...05: rate-limited once, then success.
 * Signatures are verified as the provider does; a wrong one gets the provider's auth error.
 */
export const CREDS = {
  aliyunId: 'LTAItestid', aliyunSecret: 'aliyun-test-secret', tencentId: 'AKIDtestid', tencentKey: 'tencent-test-key',
  wecomKey: 'ok', dingToken: 'ok', dingSecret: 'SECding-test', hookSecret: 'hook-test-secret',
};

export interface Received { provider: string; to: string; body: Record<string, unknown>; /** The message id the fake answered with (BizId / SerialNo). */ id?: string }

/** What a test asks the fake to report: the provider's message id, the number, delivered or not. */
export interface ReportSpec { id: string; to: string; delivered: boolean }

/**
 * The body each provider pushes to its status-report URL (its documented field names):
 * Aliyun SmsReport and Tencent Cloud 短信下发状态回调.
 */
export function reportBody(provider: 'aliyun' | 'tencent', reports: ReportSpec[]): unknown[] {
  const at = '2026-12-03 11:20:05';
  if (provider === 'aliyun') {
    return reports.map((r) => ({
      phone_number: r.to, send_time: '2026-12-03 11:20:00', report_time: at, success: r.delivered,
      err_code: r.delivered ? 'DELIVERED' : 'UNDELIV', err_msg: r.delivered ? '用户接收成功' : '用户接收失败', sms_size: '1', biz_id: r.id, out_id: '',
    }));
  }
  return reports.map((r) => ({
    user_receive_time: at, nationcode: '86', mobile: r.to.replace(/^\+86/, ''), report_status: r.delivered ? 'SUCCESS' : 'FAIL',
    errmsg: r.delivered ? 'DELIVRD' : 'UNDELIV', description: r.delivered ? '用户短信送达成功' : '用户短信未送达', sid: r.id,
  }));
}

/**
 * Pushes delivery reports to our callback URL as the provider does (POST, JSON array). The test
 * server listens on 127.0.0.1, a trusted proxy hop, so `from` plays the provider's source address
 * through X-Forwarded-For, as a reverse proxy in front of the app would pass it on.
 */
export async function pushReports(url: string, provider: 'aliyun' | 'tencent', reports: ReportSpec[], from = '203.0.113.10') {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify(reportBody(provider, reports)) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let s = '';
  req.on('data', (c) => (s += c));
  req.on('end', () => resolve(s));
});
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const behaviour = (to: string) => to.slice(-2);

export async function startFakeProviders() {
  const received: Received[] = [];
  const seen = new Map<string, number>();
  const once = (key: string) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1;
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await read(req);
    if (url.pathname === '/aliyun/') {
      const p = Object.fromEntries(new URLSearchParams(raw));
      const { Signature, ...rest } = p;
      if (Signature !== aliyunSignature('POST', rest, CREDS.aliyunSecret)) return json(res, 400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched.' });
      const to = p.PhoneNumbers;
      received.push({ provider: 'aliyun', to, body: p });
      const b = behaviour(to);
      if (b === '04') return setTimeout(() => json(res, 200, { Code: 'OK' }), 3000);
      if (b === '02' || (b === '05' && once(`aliyun${to}`))) return json(res, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'r1' });
      if (b === '03') return json(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'r2' });
      const bizId = `biz-${received.length}`;
      received[received.length - 1].id = bizId;
      return json(res, 200, { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: 'r3' });
    }
    if (url.pathname === '/tencent/') {
      const expected = tc3Authorization({ secretId: CREDS.tencentId, secretKey: CREDS.tencentKey, host: req.headers.host!, body: raw,
        timestamp: Number(req.headers['x-tc-timestamp']), contentType: String(req.headers['content-type']) });
      if (req.headers.authorization !== expected || req.headers['x-tc-action'] !== 'SendSms') {
        return json(res, 200, { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature mismatch' }, RequestId: 't0' } });
      }
      const body = JSON.parse(raw) as { PhoneNumberSet: string[] };
      const to = body.PhoneNumberSet[0];
      received.push({ provider: 'tencent', to, body });
      const b = behaviour(to);
      const entry = received[received.length - 1];
      const status = (Code: string, Message: string) => {
        if (Code === 'Ok') entry.id = `sn-${received.length}`;
        json(res, 200, { Response: { SendStatusSet: [{ SerialNo: Code === 'Ok' ? `sn-${received.length}` : '', PhoneNumber: to, Fee: 1, Code, Message, IsoCode: 'CN' }], RequestId: 't1' } });
      };
      if (b === '04') return setTimeout(() => status('Ok', 'send success'), 3000);
      if (b === '02' || (b === '05' && once(`tencent${to}`))) return status('LimitExceeded.PhoneNumberThirtySecondLimit', 'the number of sms messages sent from a single mobile number within 30 seconds exceeds the upper limit');
      if (b === '03') return status('InvalidParameterValue.IncorrectPhoneNumber', 'incorrect phone number');
      return status('Ok', 'send success');
    }
    if (url.pathname === '/wecom/send') {
      const key = url.searchParams.get('key') ?? '';
      received.push({ provider: 'wecom', to: key, body: JSON.parse(raw) });
      if (key === 'slow') return setTimeout(() => json(res, 200, { errcode: 0, errmsg: 'ok' }), 3000);
      if (key === 'limit') return json(res, 200, { errcode: 45009, errmsg: 'api freq out of limit' });
      if (key === 'bad') return json(res, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
      return json(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/dingtalk/robot/send') {
      const token = url.searchParams.get('access_token') ?? '';
      const ts = Number(url.searchParams.get('timestamp'));
      if (url.searchParams.get('sign') !== dingtalkSign(ts, CREDS.dingSecret)) return json(res, 200, { errcode: 310000, errmsg: 'sign not match' });
      received.push({ provider: 'dingtalk', to: token, body: JSON.parse(raw) });
      if (token === 'slow') return setTimeout(() => json(res, 200, { errcode: 0, errmsg: 'ok' }), 3000);
      if (token === 'limit') return json(res, 200, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
      if (token === 'bad') return json(res, 200, { errcode: 300001, errmsg: 'token is not exist' });
      return json(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname.startsWith('/hook/')) {
      const ts = String(req.headers['x-eldercare-timestamp']);
      if (req.headers['x-eldercare-signature'] !== `sha256=${webhookSignature(CREDS.hookSecret, ts, raw)}`) return json(res, 401, { error: 'bad signature' });
      const mode = url.pathname.slice('/hook/'.length);
      const body = JSON.parse(raw) as { id: string };
      received.push({ provider: 'webhook', to: mode, body });
      if (mode === 'slow') return setTimeout(() => json(res, 200, {}), 3000);
      if (mode === '503' || (mode === 'flaky' && once(`hook${body.id}`))) return json(res, 503, { error: 'down' });
      if (mode === '429') return json(res, 429, { error: 'slow down' });
      if (mode === '400') return json(res, 400, { error: 'unknown recipient' });
      return json(res, 200, { id: `hook-${body.id}` });
    }
    json(res, 404, { error: 'no such fake' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, received,
    count: (provider: string, to?: string) => received.filter((r) => r.provider === provider && (to === undefined || r.to === to)).length,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
export type FakeProviders = Awaited<ReturnType<typeof startFakeProviders>>;
