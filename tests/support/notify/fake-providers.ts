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

export interface Received { provider: string; to: string; body: Record<string, unknown> }

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
      return json(res, 200, { Code: 'OK', Message: 'OK', BizId: `biz-${received.length}`, RequestId: 'r3' });
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
      const status = (Code: string, Message: string) => json(res, 200, { Response: { SendStatusSet: [{ SerialNo: Code === 'Ok' ? `sn-${received.length}` : '', PhoneNumber: to, Fee: 1, Code, Message, IsoCode: 'CN' }], RequestId: 't1' } });
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
