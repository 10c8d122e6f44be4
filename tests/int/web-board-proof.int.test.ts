/// <reference lib="dom" />
// Proof of delivery, seen by the kitchen manager, in real Chromium: a driver on the phone records
// "delivered" with a photo; the manager's live board shows its thumbnail by itself (no reload),
// the image opens through the authenticated route; a manager of another tenant gets 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { deskContext, launchBrowser, phoneContext, serve, signIn, staff } from '../support/browser.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let stops: { id: string; name: string; stopNo: number }[];
const TZ = afternoonZone();
const DAY = today(TZ);
const SHOTS = process.env.SCREENSHOTS === '1';
const POLL = { timeout: 40_000, interval: 500 };

beforeAll(async () => {
  env = await createTestEnv('web-board-proof', { WELFARE_DELAY_SECONDS: '900' });
  env.startWorkers();
  w = await createWorld(env, { recipients: 4, vehicles: [{ capacity: 20 }], locale: 'zh-CN', timeZone: TZ });
  await generate(env, w, DAY);
  const plan = await planAndWait(env, w, DAY);
  expect((await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(bearer(w.manager.token))).status).toBe(
    200,
  );
  expect(
    (await env.request.patch('/delivery/settings').set(bearer(w.manager.token)).send({ proof: 'photo' })).status,
  ).toBe(200);
  stops = plan.routes[0].stops;
  server = await serve(env);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
});

async function driverPhone(): Promise<{ ctx: BrowserContext; page: Page }> {
  const issued = await env.request
    .post(`/users/${w.drivers[0].id}/sign-in-links`)
    .set(bearer(w.manager.token))
    .send({});
  expect(issued.status).toBe(201);
  const ctx = await phoneContext(browser, server.url);
  const page = await ctx.newPage();
  await page.goto(issued.body.path as string);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.pathname === '/app/driver');
  await page.locator('body[data-ready=true]').waitFor();
  return { ctx, page };
}

describe('proof of delivery on the manager’s board', () => {
  it('when a driver records delivered with a photo, then the board shows its thumbnail and the photo opens; another tenant’s manager gets 404', async () => {
    const manager = await staff(env, w.t, ['kitchen_manager'], '王经理');
    const desk = await deskContext(browser, server.url);
    const board = await desk.newPage();
    await signIn(board, manager.username);
    await board.goto(`/app/desk/board?kitchen=${w.kitchenId}&date=${DAY}&slot=lunch`);
    await board.locator('body[data-ready=true]').waitFor();
    expect(await board.locator('.board-proof').count()).toBe(0);

    // The driver, on the phone: delivered, then a photo (compressed to JPEG on the phone).
    const stop = stops[1];
    const phone = await driverPhone();
    const card = phone.page.locator(`[data-stop-id="${stop.id}"]`);
    await card.locator('.drv-btn-delivered').tap();
    await expect.poll(() => card.locator('.drv-status').innerText(), { timeout: 20_000 }).toMatch(/^已送达 · 已记录/);
    await card.locator('input[data-action=photo]').setInputFiles('src/delivery/web/assets/driver-icon-512.png');
    await expect.poll(() => card.innerText(), { timeout: 20_000 }).toContain('已留证 1 份');
    await phone.ctx.close();

    // The board, without a reload (it polls every 15 s): the stop, when, and the photo itself.
    const route = board.locator('.board-driver');
    await expect
      .poll(
        () =>
          route
            .locator('.board-proofs')
            .innerText()
            .catch(() => ''),
        POLL,
      )
      .toContain(`送达凭证 1 户`);
    const proofText = await route.locator('.board-proofs').innerText();
    expect(proofText).toContain(`${stop.stopNo}. ${stop.name}`);
    expect(proofText).toMatch(/\d{2}:\d{2} 送达/);
    const thumb = route.locator('a.board-proof-photo img');
    expect(await thumb.getAttribute('alt')).toBe(`照片 · ${stop.name}`);
    // Loaded through the session (an image the browser could not fetch would have no width).
    await expect
      .poll(
        () => thumb.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    if (SHOTS) await board.screenshot({ path: 'docs/img/board-proof.png', fullPage: true });

    const [opened] = await Promise.all([desk.waitForEvent('page'), route.locator('a.board-proof-photo').click()]);
    await opened.waitForLoadState();
    expect(await opened.evaluate(() => document.contentType)).toBe('image/jpeg');
    const url = new URL(opened.url()).pathname;
    expect(url).toMatch(new RegExp(`^/delivery/stops/${stop.id}/proofs/[0-9a-f-]{36}$`));

    // A kitchen manager of another tenant, signed in, opening the same address: not found.
    const other = await env.tenant({ locale: 'zh-CN' });
    const stranger = await staff(env, other, ['kitchen_manager'], '李经理');
    const otherDesk = await deskContext(browser, server.url);
    const otherPage = await otherDesk.newPage();
    await signIn(otherPage, stranger.username);
    const res = await otherPage.goto(url);
    expect(res?.status()).toBe(404);
    expect(res?.headers()['content-type']).not.toMatch(/^image\//);
    await otherDesk.close();
    await desk.close();
  });
});
