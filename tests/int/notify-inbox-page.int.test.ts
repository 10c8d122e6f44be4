/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

/**
 * The in-app inbox in a real Chromium: a driver's not-home tells the kitchen office in-app (the
 * ladder's first step); a kitchen manager sees it in 消息 with the unread count in the header and
 * marks it read — for themselves only.
 */
let env: TestEnv;
let w: World;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
const TZ = afternoonZone();

beforeAll(async () => {
  env = await createTestEnv('notify_inbox_page');
  env.startWorkers();
  w = await createWorld(env, { recipients: 2, vehicles: [{ capacity: 10 }], timeZone: TZ });
  expect((await env.request.patch('/tenant').set(bearer(w.t.adminToken)).send({ locale: 'zh-CN' })).status).toBe(200);
  await generate(env, w, today(TZ));
  const plan = await planAndWait(env, w, today(TZ));
  expect((await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(bearer(w.manager.token))).status).toBe(
    200,
  );
  const stop = plan.routes[0].stops[0];
  expect(
    (
      await env.request
        .post(`/delivery/stops/${stop.id}/outcome`)
        .set(bearer(w.drivers[0].token))
        .send({ status: 'not_home' })
    ).status,
  ).toBe(200);
  await eventually(
    () => env.deps.prisma.notifyMessage.findFirst({ where: { template: 'welfareOffice', status: 'delivered' } }),
    30_000,
  );
  server = await serve(env);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
});

describe('the in-app inbox screen', () => {
  it('when a not-home told the kitchen office, then a manager sees it unread with a count in the header, and marking it read clears both', async () => {
    const km = await staff(env, w.t, ['kitchen_manager'], '李厨房');
    const ctx = await deskContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, km.username);
    const badge = page.locator('header .badge[data-badge="/app/inbox"]');
    await expect.poll(() => badge.innerText()).toBe('1');
    await page.locator('header a[href="/app/inbox"]').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('消息');
    const item = page.locator('li.msg').first();
    await expect
      .poll(() => item.locator('.text').innerText())
      .toMatch(/^送餐无人应门：.+司机敲门无人回应。请尽快联系。$/);
    expect(await item.locator('.state').innerText()).toBe('未读');
    expect(await item.getAttribute('class')).toContain('unread');
    await expect.poll(() => page.locator('.unread-summary').innerText()).toBe('1 条未读');
    await page.screenshot({ path: 'docs/img/notify-inbox.png' });

    await item.getByRole('button', { name: '标为已读' }).click();
    await expect.poll(() => page.locator('li.msg').first().locator('.state').innerText()).toBe('已读');
    await expect.poll(() => page.locator('.unread-summary').innerText()).toBe('没有未读消息。');
    expect(await page.locator('header .badge').count()).toBe(0);
    expect(await page.locator('li.msg button').count()).toBe(0);
    await ctx.close();

    // Read for this person only: the other manager still has it unread; a driver's inbox does not have it.
    const other = await env.request.get('/notify/inbox').set(bearer(w.manager.token));
    expect(other.body.items.map((i: { template: string; readAt: string | null }) => [i.template, i.readAt])).toEqual([
      ['welfareOffice', null],
    ]);
    expect((await env.request.get('/notify/inbox/unread').set(bearer(w.manager.token))).body).toEqual({ unread: 1 });
    const driver = await env.request.get('/notify/inbox').set(bearer(w.drivers[0].token));
    expect(driver.body.items.map((i: { template: string }) => i.template)).toEqual(['routePublished']);
  }, 90_000);

  it('when someone marks a message that is not addressed to them, then it is not found, and nothing is marked', async () => {
    const msg = await env.deps.prisma.notifyMessage.findFirstOrThrow({ where: { template: 'welfareOffice' } });
    const res = await env.request.post(`/notify/inbox/${msg.id}/read`).set(bearer(w.drivers[0].token));
    expect(res.status).toBe(404);
    const other = await env.tenant();
    const theirs = await other.user(['kitchen_manager']);
    expect((await env.request.post(`/notify/inbox/${msg.id}/read`).set(bearer(theirs.token))).status).toBe(404);
    expect(
      await env.deps.prisma.notifyInboxRead.count({
        where: { messageId: msg.id, userId: { in: [w.drivers[0].id, theirs.id] } },
      }),
    ).toBe(0);
    // Mark all read through the API: the second manager's count drops to 0, twice is the same.
    expect((await env.request.post('/notify/inbox/read-all').set(bearer(w.manager.token))).body).toEqual({
      marked: 1,
      unread: 0,
    });
    expect((await env.request.post('/notify/inbox/read-all').set(bearer(w.manager.token))).body).toEqual({
      marked: 0,
      unread: 0,
    });
  });
});
