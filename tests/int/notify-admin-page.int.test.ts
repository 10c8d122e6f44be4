/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { CREDS, startFakeProviders } from '../support/notify/fake-providers.js';
import type { FakeProviders } from '../support/notify/fake-providers.js';

let env: TestEnv;
let tenant: TestTenant;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders();
  process.env.NOTIFY_P_HOOK_SECRET = CREDS.hookSecret;
  env = await createTestEnv('notify_admin_page');
  tenant = await env.tenant({ name: '安源区民政局' });
  env.startWorkers();
  server = await serve(env);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
  await fake?.close();
});

describe('the outbox page', () => {
  it('when an admin opens 消息通知, then they see what went to whom (masked) and can send a given-up message again', async () => {
    const put = await env.request.put('/notify/settings').set('Authorization', `Bearer ${tenant.adminToken}`)
      .send({ channels: { webhook: { url: `${fake.url}/hook/ok`, secretRef: 'env:NOTIFY_P_HOOK_SECRET' }, groups: { community_office: 'webhook' } } });
    expect(put.status).toBe(200);
    const base = { tenantId: tenant.id, locale: 'zh-CN', payload: { name: '王秀英', address: '竹垅村3组', time: '11:20' } };
    await env.deps.prisma.notifyMessage.create({ data: { ...base, businessKey: 'page.sent', channel: 'sms', recipient: '13812345678', recipientLabel: '儿子 王强', template: 'welfareContact', status: 'sent', attempts: 1, providerMessageId: 'biz-1', sentAt: new Date() } });
    const failed = await env.deps.prisma.notifyMessage.create({ data: { ...base, businessKey: 'page.failed', channel: 'webhook', recipient: 'group:community_office', template: 'welfareCommunity', status: 'given_up', attempts: 8, lastError: 'unavailable: webhook: HTTP 503' } });

    const admin = await staff(env, tenant, ['admin'], '王管理');
    const ctx = await deskContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, admin.username, undefined, '/app/admin/notifications');
    await page.goto('/app/admin/notifications');
    await expect.poll(() => page.locator('h1').innerText()).toBe('消息通知');
    const text = await page.locator('main').innerText();
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('无人应门（紧急联系人）');
    const row = page.locator(`tr[data-id="${failed.id}"]`);
    await expect.poll(() => row.locator('.status').innerText()).toBe('已放弃');
    expect(await row.innerText()).toContain('HTTP 503');
    expect(await row.locator('.failure').innerText()).toContain('服务商暂时不可用'); // the kind in words, the provider's own after it
    await page.screenshot({ path: 'docs/img/notify-outbox.png' });

    await row.getByRole('button', { name: '重新发送' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toBe('已重新排队发送。');
    await eventually(async () => (await env.deps.prisma.notifyMessage.findUniqueOrThrow({ where: { id: failed.id } })).status === 'sent', 20_000);
    await page.goto('/app/admin/notifications?status=sent');
    await expect.poll(() => page.locator(`tr[data-id="${failed.id}"] .status`).innerText()).toBe('已发送');
    expect(fake.count('webhook', 'ok')).toBe(1);
    // Sending a sent message again is refused, in Chinese for a zh-CN reader (no Accept-Language).
    const again = await env.request.post(`/notify/messages/${failed.id}/retry`).set({ Authorization: `Bearer ${tenant.adminToken}`, 'Idempotency-Key': 'page-again' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('只有发送失败或已放弃的消息才能重新发送；这条消息的状态是“已发送”。');
    await ctx.close();
  }, 90_000);

  it('when a kitchen manager asks for the page, then it is refused', async () => {
    const km = await staff(env, tenant, ['kitchen_manager']);
    const ctx = await deskContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, km.username);
    const res = await page.goto('/app/admin/notifications');
    expect(res?.status()).toBe(403);
    await ctx.close();
  }, 60_000);

  it('when the ladder tells the kitchen office in-app, then a kitchen manager reads it in their inbox in Chinese', async () => {
    await env.deps.prisma.notifyMessage.create({ data: { tenantId: tenant.id, businessKey: 'page.inbox', channel: 'in_app', recipient: 'role:kitchen_manager', template: 'welfareOffice',
      locale: 'zh-CN', payload: { name: '王秀英', address: '竹垅村3组', time: '11:20' }, status: 'delivered' } });
    const km = await tenant.user(['kitchen_manager']);
    const res = await env.request.get('/notify/inbox').set('Authorization', `Bearer ${km.token}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { text: string }) => i.text)).toEqual(['送餐无人应门：王秀英（竹垅村3组），11:20 司机敲门无人回应。请尽快联系。']);
    const driver = await tenant.user(['driver']);
    expect((await env.request.get('/notify/inbox').set('Authorization', `Bearer ${driver.token}`)).body.items).toEqual([]);
  });
});
