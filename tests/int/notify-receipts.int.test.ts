import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/notify/index.js';
import { recoverOutbox } from '../../src/notify/recovery.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { CREDS, pushReports, startFakeProviders } from '../support/notify/fake-providers.js';
import type { FakeProviders } from '../support/notify/fake-providers.js';

/**
 * SMS delivery reports: the fake providers push them in their own formats to the callback URL of
 * a tenant, from a source address that tenant allows (or not). Tenants A and B both use Aliyun,
 * C uses Tencent Cloud.
 */
let fake: FakeProviders;
let env: TestEnv;
let server: Server;
let base: string;
const tenants: Record<'A' | 'B' | 'C', TestTenant & { callback: string }> = {} as never;
const templates = { welfareContact: { id: 'SMS_0001', params: ['name', 'time'] } };
const ALLOWED = { A: ['203.0.113.0/24'], B: ['198.51.100.7'], C: ['2001:db8::/32', '203.0.113.10'] };
const row = (id: string) => env.deps.prisma.notifyMessage.findUniqueOrThrow({ where: { id } });

const smsSettings = (provider: 'aliyun' | 'tencent', allowFrom?: string[]) =>
  provider === 'aliyun'
    ? {
        provider,
        endpoint: `${fake.url}/aliyun/`,
        accessKeyIdRef: 'env:NOTIFY_R_ALIYUN_ID',
        accessKeySecretRef: 'env:NOTIFY_R_ALIYUN_SECRET',
        signName: '助餐服务',
        templates,
        receiptAllowFrom: allowFrom,
      }
    : {
        provider,
        endpoint: `${fake.url}/tencent/`,
        secretIdRef: 'env:NOTIFY_R_TENCENT_ID',
        secretKeyRef: 'env:NOTIFY_R_TENCENT_KEY',
        sdkAppId: '1400000001',
        signName: '助餐服务',
        templates,
        receiptAllowFrom: allowFrom,
      };

/** Sends one SMS through the tenant's outbox and waits until the provider accepted it. */
async function sentSms(t: TestTenant, key: string, to: string) {
  const m = await notify.enqueue(env.deps, t.id, {
    businessKey: key,
    channel: 'sms',
    recipient: to,
    template: 'welfareContact',
    payload: { name: '王秀英', time: '11:20' },
  });
  return eventually(async () => {
    const r = await row(m.id);
    return r.status === 'sent' ? r : undefined;
  }, 20_000);
}

beforeAll(async () => {
  fake = await startFakeProviders();
  Object.assign(process.env, {
    NOTIFY_R_ALIYUN_ID: CREDS.aliyunId,
    NOTIFY_R_ALIYUN_SECRET: CREDS.aliyunSecret,
    NOTIFY_R_TENCENT_ID: CREDS.tencentId,
    NOTIFY_R_TENCENT_KEY: CREDS.tencentKey,
  });
  env = await createTestEnv('notify_receipts', { RATE_LIMIT_AUTH_FAILURES: '5' });
  env.startWorkers();
  server = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [name, provider] of [
    ['A', 'aliyun'],
    ['B', 'aliyun'],
    ['C', 'tencent'],
  ] as const) {
    const t = await env.tenant();
    const admin = bearer(t.adminToken);
    const put = await env.request
      .put('/notify/settings')
      .set(admin)
      .send({ channels: { sms: smsSettings(provider, ALLOWED[name]) } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const cb = await env.request.post('/notify/settings/receipt-callback').set(admin);
    expect(cb.status, JSON.stringify(cb.body)).toBe(200);
    tenants[name] = { ...t, callback: `${base}${cb.body[provider]}` };
  }
}, 60_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await env?.close();
  await fake?.close();
});

describe('SMS delivery reports (回执) from each provider', () => {
  it('when Aliyun reports a sent message delivered, then its outbox row is delivered; the same push again changes nothing', async () => {
    const { A } = tenants;
    const m = await sentSms(A, 'receipt.a.1', '13800007701');
    expect(m.providerMessageId).toMatch(/^biz-/);
    const push = await pushReports(A.callback, 'aliyun', [
      { id: m.providerMessageId!, to: '13800007701', delivered: true },
    ]);
    expect(push).toEqual({ status: 200, body: { code: 0, msg: '接收成功' } });
    const after = await row(m.id);
    expect(after).toMatchObject({ status: 'delivered', lastError: null });
    expect(after.deliveredAt).not.toBeNull();
    expect(
      (await pushReports(A.callback, 'aliyun', [{ id: m.providerMessageId!, to: '13800007701', delivered: true }]))
        .status,
    ).toBe(200);
    expect((await row(m.id)).deliveredAt).toEqual(after.deliveredAt);
    // A failure report after the delivery (out of order) does not undo it.
    await pushReports(A.callback, 'aliyun', [{ id: m.providerMessageId!, to: '13800007701', delivered: false }]);
    expect((await row(m.id)).status).toBe('delivered');
    // The admin API shows it.
    const list = await env.request.get('/notify/messages').set(bearer(A.adminToken));
    expect(list.body.items.find((x: { id: string }) => x.id === m.id)).toMatchObject({
      status: 'delivered',
      recipient: '138****7701',
    });
  }, 30_000);

  it('when Aliyun reports a failure, then the row is failed with the provider’s error and housekeeping does not send it again', async () => {
    const { A } = tenants;
    const m = await sentSms(A, 'receipt.a.2', '13800007721');
    await pushReports(A.callback, 'aliyun', [{ id: m.providerMessageId!, to: '13800007721', delivered: false }]);
    const failed = await row(m.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toBe('receipt: UNDELIV 用户接收失败');
    expect(failed.reportedAt).not.toBeNull();
    await env.deps.prisma
      .$executeRaw`UPDATE "NotifyMessage" SET "updatedAt" = now() - interval '1 minute' WHERE id = ${m.id}::uuid`;
    await recoverOutbox(env.deps);
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.count('aliyun', '13800007721')).toBe(1);
    expect((await row(m.id)).status).toBe('failed');
    // An admin may send it again: a fresh send, then a fresh report.
    const retry = await env.request.post(`/notify/messages/${m.id}/retry`).set(bearer(A.adminToken));
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    const again = await eventually(async () => {
      const r = await row(m.id);
      return r.status === 'sent' ? r : undefined;
    }, 20_000);
    expect(again.reportedAt).toBeNull();
    expect(fake.count('aliyun', '13800007721')).toBe(2);
  }, 40_000);

  it('when Tencent Cloud reports SUCCESS and FAIL in one push, then one row is delivered and the other failed with errmsg and description', async () => {
    const { C } = tenants;
    const ok = await sentSms(C, 'receipt.c.1', '13900007701');
    const bad = await sentSms(C, 'receipt.c.2', '13900007721');
    expect(ok.providerMessageId).toMatch(/^sn-/);
    const push = await pushReports(
      C.callback,
      'tencent',
      [
        { id: ok.providerMessageId!, to: '+8613900007701', delivered: true },
        { id: bad.providerMessageId!, to: '+8613900007721', delivered: false },
      ],
      '2001:db8::5',
    );
    expect(push).toEqual({ status: 200, body: { result: 0, errmsg: 'OK' } });
    expect((await row(ok.id)).status).toBe('delivered');
    expect(await row(bad.id)).toMatchObject({ status: 'failed', lastError: 'receipt: UNDELIV 用户短信未送达' });
  }, 30_000);

  it('when a report names an unknown id or another number than the message’s, then it is answered and ignored', async () => {
    const { A } = tenants;
    const m = await sentSms(A, 'receipt.a.3', '13800007731');
    const push = await pushReports(A.callback, 'aliyun', [
      { id: 'biz-does-not-exist', to: '13800007731', delivered: true },
      { id: m.providerMessageId!, to: '13800009999', delivered: true },
    ]);
    expect(push.status).toBe(200);
    expect((await row(m.id)).status).toBe('sent');
  }, 30_000);

  it('when a report carries another tenant’s message id, then that message is not touched through this tenant’s callback or from another tenant’s address', async () => {
    const { A, B } = tenants;
    const theirs = await sentSms(B, 'receipt.b.1', '13800007741');
    // Through A's callback (from A's provider address): B's id is not A's message.
    const viaA = await pushReports(A.callback, 'aliyun', [
      { id: theirs.providerMessageId!, to: '13800007741', delivered: false },
    ]);
    expect(viaA.status, JSON.stringify(viaA.body)).toBe(200);
    expect((await row(theirs.id)).status).toBe('sent');
    // Through B's callback from A's address: refused like an unknown URL.
    const refused = await pushReports(
      B.callback,
      'aliyun',
      [{ id: theirs.providerMessageId!, to: '13800007741', delivered: false }],
      '203.0.113.10',
    );
    expect(refused.status).toBe(404);
    expect((await row(theirs.id)).status).toBe('sent');
    // From B's own provider address it counts.
    expect(
      (
        await pushReports(
          B.callback,
          'aliyun',
          [{ id: theirs.providerMessageId!, to: '13800007741', delivered: true }],
          '198.51.100.7',
        )
      ).status,
    ).toBe(200);
    expect((await row(theirs.id)).status).toBe('delivered');
  }, 30_000);

  it('when the callback id is unknown, replaced, on the other provider’s path or the tenant allows no address, then 404 alike; refused too often → 429', async () => {
    const { A, C } = tenants;
    const report = [{ id: 'biz-1', to: '13800007701', delivered: true }];
    const path = new URL(A.callback).pathname;
    const id = path.split('/').pop()!;
    expect(
      (await pushReports(`${base}/notify/receipts/aliyun/${'x'.repeat(32)}`, 'aliyun', report, '192.0.2.1')).status,
    ).toBe(404);
    expect((await pushReports(`${base}/notify/receipts/tencent/${id}`, 'tencent', report, '203.0.113.20')).status).toBe(
      404,
    );
    // C without an allow-list: receipts are refused even from its old address.
    await env.request
      .put('/notify/settings')
      .set(bearer(C.adminToken))
      .send({ channels: { sms: smsSettings('tencent') } });
    expect((await pushReports(C.callback, 'tencent', report, '203.0.113.10')).status).toBe(404);
    // A replaces its URL: the old one is refused, the new one works; GET /notify/settings shows the new path.
    const rotated = await env.request.post('/notify/settings/receipt-callback').set(bearer(A.adminToken));
    expect((await pushReports(A.callback, 'aliyun', report, '203.0.113.21')).status).toBe(404);
    expect((await pushReports(`${base}${rotated.body.aliyun}`, 'aliyun', report, '203.0.113.21')).status).toBe(200);
    expect((await env.request.get('/notify/settings').set(bearer(A.adminToken))).body.receiptCallbackPath).toBe(
      rotated.body.aliyun,
    );
    // Wrong bodies are the provider's format or nothing.
    const bad = await fetch(`${base}${rotated.body.aliyun}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.21' },
      body: JSON.stringify([{ biz_id: 'x' }]),
    });
    expect(bad.status).toBe(400);
    // Five refusals from one address (the test limit), then 429 even for a right URL.
    for (let i = 0; i < 5; i++)
      expect(
        (await pushReports(`${base}/notify/receipts/aliyun/${'y'.repeat(32)}`, 'aliyun', report, '192.0.2.50')).status,
      ).toBe(404);
    expect(
      (await pushReports(`${base}/notify/receipts/aliyun/${'y'.repeat(32)}`, 'aliyun', report, '192.0.2.50')).status,
    ).toBe(429);
  }, 30_000);

  it('when an allow-list entry is not an address or trusts everyone, then the settings are refused naming it', async () => {
    const res = await env.request
      .put('/notify/settings')
      .set(bearer(tenants.B.adminToken))
      .send({ channels: { sms: smsSettings('aliyun', ['0.0.0.0/0']) } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.channels.sms.receiptAllowFrom.0');
  });
});
