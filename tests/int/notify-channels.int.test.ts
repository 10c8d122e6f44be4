import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliyunSms } from '../../src/notify/channels/aliyun-sms.js';
import { dingtalkRobot, wecomRobot } from '../../src/notify/channels/robots.js';
import { signedWebhook } from '../../src/notify/channels/signed-webhook.js';
import { tencentSms } from '../../src/notify/channels/tencent-sms.js';
import { ChannelError } from '../../src/notify/channels/types.js';
import type { Channel, OutboundMessage } from '../../src/notify/channels/types.js';
import { notify } from '../../src/notify/index.js';
import { recoverOutbox } from '../../src/notify/recovery.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { CREDS, startFakeProviders } from '../support/notify/fake-providers.js';
import type { FakeProviders } from '../support/notify/fake-providers.js';

let fake: FakeProviders;
let env: TestEnv;
let t: TestTenant;
const templates = { welfareContact: { id: 'SMS_0001', params: ['name', 'time'] } };
const msg = (recipient: string): OutboundMessage => ({ id: 'm1', recipient, template: 'welfareContact', text: '您的家人王秀英今天无人应门', params: { name: '王秀英', time: '11:20' }, urgent: false });

const adapters = (timeoutMs: number): Record<string, { channel: (key?: string) => Channel; to: (b: string) => string }> => ({
  aliyun: { channel: () => aliyunSms({ endpoint: `${fake.url}/aliyun/`, accessKeyId: CREDS.aliyunId, accessKeySecret: CREDS.aliyunSecret, signName: '助餐服务', regionId: 'cn-hangzhou', templates, timeoutMs }), to: (b) => `138000000${b}` },
  tencent: { channel: () => tencentSms({ endpoint: `${fake.url}/tencent/`, secretId: CREDS.tencentId, secretKey: CREDS.tencentKey, sdkAppId: '1400000001', signName: '助餐服务', region: 'ap-guangzhou', templates, timeoutMs }), to: (b) => `139000000${b}` },
  wecom: { channel: (key) => wecomRobot({ endpoint: `${fake.url}/wecom/send`, key: key!, timeoutMs }), to: () => 'group:office' },
  dingtalk: { channel: (key) => dingtalkRobot({ endpoint: `${fake.url}/dingtalk/robot/send`, accessToken: key!, secret: CREDS.dingSecret, timeoutMs }), to: () => 'group:office' },
  webhook: { channel: (key) => signedWebhook({ url: `${fake.url}/hook/${key}`, secret: CREDS.hookSecret, timeoutMs }), to: () => 'group:office' },
});
// What each adapter is given to get each answer from its fake: a phone ending, a robot key, a webhook path.
const CASES: Record<string, Record<'ok' | 'limit' | 'bad' | 'slow', string>> = {
  aliyun: { ok: '01', limit: '02', bad: '03', slow: '04' }, tencent: { ok: '01', limit: '02', bad: '03', slow: '04' },
  wecom: { ok: 'ok', limit: 'limit', bad: 'bad', slow: 'slow' }, dingtalk: { ok: 'ok', limit: 'limit', bad: 'bad', slow: 'slow' },
  webhook: { ok: 'ok', limit: '429', bad: '400', slow: 'slow' },
};

async function failure(p: Promise<unknown>): Promise<ChannelError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ChannelError) return err;
    throw err;
  }
  throw new Error('expected a ChannelError');
}

beforeAll(async () => {
  fake = await startFakeProviders();
  Object.assign(process.env, {
    NOTIFY_T_ALIYUN_ID: CREDS.aliyunId, NOTIFY_T_ALIYUN_SECRET: CREDS.aliyunSecret, NOTIFY_T_HOOK_SECRET: CREDS.hookSecret,
    NOTIFY_T_TENCENT_ID: CREDS.tencentId, NOTIFY_T_TENCENT_KEY: CREDS.tencentKey,
  });
  env = await createTestEnv('notify_channels', { NOTIFY_TIMEOUT_MS: '1000' });
  t = await env.tenant();
  env.startWorkers();
});
afterAll(async () => {
  await env?.close();
  await fake?.close();
});

describe('each channel adapter against a local server speaking its provider format', () => {
  for (const provider of Object.keys(CASES)) {
    it(`when ${provider} accepts, rate-limits, rejects or does not answer, then the adapter says sent, retry, give up or retry`, async () => {
      const a = adapters(2000)[provider];
      const c = CASES[provider];
      const send = (b: string) => (provider === 'aliyun' || provider === 'tencent' ? a.channel().send(msg(a.to(b))) : a.channel(b).send(msg(a.to(b))));
      const ok = await send(c.ok);
      if (provider === 'aliyun' || provider === 'tencent' || provider === 'webhook') expect(ok.providerMessageId).toBeTruthy();
      const limited = await failure(send(c.limit));
      expect([limited.kind, limited.retryable]).toEqual(['rate_limited', true]);
      const rejected = await failure(send(c.bad));
      expect(rejected.retryable).toBe(false);
      const slow = await failure(send(c.slow));
      expect([slow.kind, slow.retryable]).toEqual(['timeout', true]);
    }, 20_000);
  }

  it('when an SMS is sent, then the provider receives its own request format with the sign name, template id and parameters', () => {
    const ali = fake.received.find((r) => r.provider === 'aliyun')!.body;
    expect(ali).toMatchObject({ Action: 'SendSms', Version: '2017-05-25', SignName: '助餐服务', TemplateCode: 'SMS_0001', PhoneNumbers: '13800000001', SignatureMethod: 'HMAC-SHA1' });
    expect(JSON.parse(String(ali.TemplateParam))).toEqual({ name: '王秀英', time: '11:20' });
    const tc = fake.received.find((r) => r.provider === 'tencent')!.body;
    expect(tc).toMatchObject({ PhoneNumberSet: ['+8613900000001'], SmsSdkAppId: '1400000001', TemplateId: 'SMS_0001', TemplateParamSet: ['王秀英', '11:20'] });
    const robot = fake.received.find((r) => r.provider === 'wecom')!.body;
    expect(robot).toMatchObject({ msgtype: 'text', text: { content: '您的家人王秀英今天无人应门' } });
  });

  it('when a secret is wrong, then the provider refuses the signature and nothing is retried', async () => {
    const wrong = aliyunSms({ endpoint: `${fake.url}/aliyun/`, accessKeyId: CREDS.aliyunId, accessKeySecret: 'wrong', signName: 'x', regionId: 'cn-hangzhou', templates, timeoutMs: 800 });
    expect((await failure(wrong.send(msg('13800000001')))).retryable).toBe(false);
    const wrongTc = tencentSms({ endpoint: `${fake.url}/tencent/`, secretId: CREDS.tencentId, secretKey: 'wrong', sdkAppId: '1', signName: 'x', region: 'ap-guangzhou', templates, timeoutMs: 800 });
    expect((await failure(wrongTc.send(msg('13900000001')))).providerCode).toBe('AuthFailure.SignatureFailure');
  });
});

describe('the outbox sends through the tenant’s channels with retries and never twice', () => {
  const configure = (sms: object) => env.request.put('/notify/settings').set(bearer(t.adminToken)).send({
    channels: { sms, webhook: { url: `${fake.url}/hook/flaky`, secretRef: 'env:NOTIFY_T_HOOK_SECRET' }, groups: { community_office: 'webhook' } },
  });
  const row = (id: string) => env.deps.prisma.notifyMessage.findUniqueOrThrow({ where: { id } });

  it('when settings carry a key instead of a secret reference, then 400 names the field', async () => {
    const res = await configure({ provider: 'aliyun', endpoint: `${fake.url}/aliyun/`, accessKeyIdRef: 'LTAIsomething', accessKeySecretRef: 'env:X', signName: '助餐', templates });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.channels.sms.accessKeyIdRef');
  });

  it('when the provider rate-limits once, then the message is retried with back-off and sent once; a rejected number is given up', async () => {
    const res = await configure({ provider: 'aliyun', endpoint: `${fake.url}/aliyun/`, accessKeyIdRef: 'env:NOTIFY_T_ALIYUN_ID', accessKeySecretRef: 'env:NOTIFY_T_ALIYUN_SECRET', signName: '助餐服务', templates });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(CREDS.aliyunSecret);
    const input = { businessKey: 'test.retry.1', channel: 'sms' as const, recipient: '138 0000 1105', template: 'welfareContact' as const, payload: { name: '王秀英', time: '11:20' } };
    const m = await notify.enqueue(env.deps, t.id, input);
    expect(m.recipient).toBe('138****1105');
    expect((await notify.enqueue(env.deps, t.id, input)).created).toBe(false); // same business key: one row
    const sent = await eventually(async () => { const r = await row(m.id); return r.status === 'sent' ? r : undefined; }, 30_000);
    expect(sent).toMatchObject({ attempts: 2, lastError: null });
    expect(sent.providerMessageId).toMatch(/^biz-/);
    expect(fake.count('aliyun', '13800001105')).toBe(2); // one rate-limited, one sent

    // A duplicate job for the sent row (a replayed job) sends nothing.
    const dup = await env.deps.queues.add('notify.send', { tenantId: t.id, messageId: m.id }, { jobId: `dup-${m.id}` });
    await eventually(async () => (await dup.getState()) === 'completed');
    expect(fake.count('aliyun', '13800001105')).toBe(2);

    const bad = await notify.enqueue(env.deps, t.id, { ...input, businessKey: 'test.bad.1', recipient: '13800001103' });
    const given = await eventually(async () => { const r = await row(bad.id); return r.status === 'given_up' ? r : undefined; }, 20_000);
    expect(given.attempts).toBe(1);
    expect(given.lastError).toContain('isv.MOBILE_NUMBER_ILLEGAL');
  }, 60_000);

  it('when the county webhook answers 503 first, then it is retried and accepted; Tencent sends through the same outbox', async () => {
    const hook = await notify.toGroup(env.deps, t.id, 'community_office', { businessKey: 'test.hook.1', template: 'welfareCommunity', payload: { name: '王秀英', address: '竹垅村3组', time: '11:20' } });
    const sent = await eventually(async () => { const r = await row(hook!.id); return r.status === 'sent' ? r : undefined; }, 30_000);
    expect(sent.attempts).toBe(2);
    expect(sent.providerMessageId).toBe(`hook-${hook!.id}`);
    await configure({ provider: 'tencent', endpoint: `${fake.url}/tencent/`, secretIdRef: 'env:NOTIFY_T_TENCENT_ID', secretKeyRef: 'env:NOTIFY_T_TENCENT_KEY', sdkAppId: '1400000001', signName: '助餐服务', templates });
    const tc = await notify.enqueue(env.deps, t.id, { businessKey: 'test.tc.1', channel: 'sms', recipient: '13900002201', template: 'welfareContact', payload: { name: '王秀英', time: '11:20' } });
    const tcSent = await eventually(async () => { const r = await row(tc.id); return r.status === 'sent' ? r : undefined; }, 20_000);
    expect(tcSent.providerMessageId).toMatch(/^sn-/);
  }, 60_000);

  it('when a worker died while sending, then housekeeping gives the message up as "outcome unknown" instead of sending it twice; a lost job is queued again', async () => {
    const stuck = await notify.enqueue(env.deps, t.id, { businessKey: 'test.stuck.1', channel: 'sms', recipient: '13900003301', template: 'welfareContact', payload: { name: '王秀英', time: '11:20' } });
    await eventually(async () => (await row(stuck.id)).status === 'sent', 20_000);
    const before = fake.count('tencent', '+8613900003301');
    await env.deps.prisma.notifyMessage.update({ where: { id: stuck.id }, data: { status: 'sending', claimedAt: new Date(Date.now() - 3_600_000) } });
    const lost = await env.deps.prisma.notifyMessage.create({ data: { tenantId: t.id, businessKey: 'test.lost.1', channel: 'sms', recipient: '13900003401', template: 'welfareContact', locale: 'zh-CN', payload: { name: '王秀英', time: '11:20' }, updatedAt: new Date(Date.now() - 60_000) } });
    await env.deps.prisma.$executeRaw`UPDATE "NotifyMessage" SET "updatedAt" = now() - interval '1 minute' WHERE id = ${lost.id}::uuid`;
    const result = await recoverOutbox(env.deps);
    expect(result.abandoned).toBe(1);
    expect(result.requeued).toBeGreaterThanOrEqual(1);
    expect((await row(stuck.id))).toMatchObject({ status: 'given_up' });
    expect((await row(stuck.id)).lastError).toContain('outcome unknown');
    await eventually(async () => (await row(lost.id)).status === 'sent', 20_000);
    expect(fake.count('tencent', '+8613900003301')).toBe(before);
  }, 60_000);
});
