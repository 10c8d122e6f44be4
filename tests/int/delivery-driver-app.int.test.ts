/// <reference lib="dom" />
// The driver's phone app in real Chromium at 390×844 with touch: offline taps, lost answers,
// double taps, reloads in a dead zone (service worker), undo, a manager's correction, clocks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { CHROMIUM, launchBrowser, phoneContext, serve } from '../support/browser.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let stops: { id: string; name: string; stopNo: number }[];
const TZ = afternoonZone();
const SHOTS = process.env.SCREENSHOTS === '1';

beforeAll(async () => {
  env = await createTestEnv('delivery-driver-app', { WELFARE_DELAY_SECONDS: '900' });
  env.startWorkers();
  // One van for 8 recipients: driver 0 has every stop.
  w = await createWorld(env, { recipients: 8, vehicles: [{ capacity: 20 }], locale: 'zh-CN', timeZone: TZ });
  await generate(env, w, today(TZ));
  const plan = await planAndWait(env, w, today(TZ));
  expect((await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(bearer(w.manager.token))).status).toBe(200);
  stops = plan.routes[0].stops;
  server = await serve(env);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
});

const manager = () => bearer(w.manager.token);
async function signInLink(userId = w.drivers[0].id): Promise<string> {
  const issued = await env.request.post(`/users/${userId}/sign-in-links`).set(manager()).send({});
  expect(issued.status).toBe(201);
  return issued.body.path as string;
}
/** Opens a one-time link like a driver scanning the QR code; lands on the app. */
async function signInDriver(page: Page): Promise<void> {
  await page.goto(await signInLink());
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => u.pathname === '/app/driver');
  await page.locator('body[data-ready=true]').waitFor();
}
const card = (page: Page, stopId: string) => page.locator(`[data-stop-id="${stopId}"]`);
const statusOf = (page: Page, stopId: string) => card(page, stopId).locator('.drv-status').innerText();
const serverStop = async (stopId: string) => {
  const routes = (await env.request.get('/me/routes').query({ date: today(TZ) }).set(bearer(w.drivers[0].token))).body.routes;
  return routes[0].stops.find((s: { id: string }) => s.id === stopId) as { outcome: string; outcomeAt: string | null; undoUntil: string | null };
};
const auditRows = (stopId: string, action = 'stop.outcome') =>
  env.deps.prisma.auditLog.findMany({ where: { entity: 'RouteStop', entityId: stopId, action }, orderBy: { at: 'asc' } });
async function swReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 10_000 }).toBe(true);
}

describe('driver app offline (issue point 1)', () => {
  let ctx: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ctx = await phoneContext(browser, server.url);
    page = await ctx.newPage();
    await signInDriver(page);
  });
  afterAll(() => ctx?.close());

  it('when the driver opens the app, then today’s stops show with door labels in Chinese and an installable manifest', async () => {
    await expect.poll(() => page.locator('.drv-stop').count()).toBe(8);
    const first = card(page, stops[0].id);
    await expect.poll(() => first.innerText()).toContain(stops[0].name);
    const text = await page.locator('#drv-routes').innerText();
    expect(text).toContain('糖尿病餐');
    expect(text).not.toMatch(/\bdiabetic\b|\bregular\b/);
    expect(text).toContain('独居');
    expect(text).toContain('deaf — knock loudly');
    expect(await first.locator('a.drv-call').first().getAttribute('href')).toMatch(/^tel:1380000\d{4}$/);
    expect(await first.locator('a.drv-nav').getAttribute('href')).toMatch(/^geo:27\.\d+,114\.\d+\?q=/);
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]')!.getAttribute('href')!)).json());
    expect(manifest).toMatchObject({ start_url: '/app/driver', scope: '/app/driver', display: 'standalone' });
    // Header: refresh alone and big; sign-out is not next to it.
    const refresh = (await page.locator('#drv-refresh').boundingBox())!;
    expect(refresh.height).toBeGreaterThanOrEqual(44);
    const signOut = (await page.locator('#drv-sign-out button').boundingBox({ timeout: 100 }).catch(() => null));
    expect(signOut === null || signOut.y - refresh.y > 200).toBe(true);
    if (SHOTS) await page.screenshot({ path: 'docs/img/driver-list.png' });
  });

  it('when a tap is made offline and the page reloaded offline, then the list still shows (service worker), the tap waits and is recorded once on reconnect', async () => {
    await swReady(page);
    const stop = stops[0];
    await ctx.setOffline(true);
    await card(page, stop.id).locator('.drv-btn-delivered').tap();
    await expect.poll(() => statusOf(page, stop.id)).toBe('已送达 · 等待发送');
    await page.reload();
    await page.locator('body[data-ready=true]').waitFor();
    await expect.poll(() => page.locator('.drv-stop').count()).toBe(8);
    await expect.poll(() => statusOf(page, stop.id)).toBe('已送达 · 等待发送');
    await expect.poll(() => page.locator('#drv-banner').innerText()).toContain('离线');
    if (SHOTS) await page.screenshot({ path: 'docs/img/driver-offline.png' });
    expect((await serverStop(stop.id)).outcome).toBe('pending');
    await ctx.setOffline(false);
    await expect.poll(() => statusOf(page, stop.id), { timeout: 20_000 }).toMatch(/^已送达 · 已记录 \d\d:\d\d$/);
    expect((await serverStop(stop.id)).outcome).toBe('delivered');
    expect(await auditRows(stop.id)).toHaveLength(1);
  });

  it('when the answer is lost after the server wrote the outcome, then the retry shows success with no 422', async () => {
    const stop = stops[1];
    let dropped = 0;
    const statuses: number[] = [];
    await page.route('**/delivery/stops/*/outcome', async (route) => {
      if (dropped++ === 0) {
        const res = await route.fetch(); // the server stores the outcome …
        statuses.push(res.status());
        return route.abort('connectionreset'); // … and the phone never hears back
      }
      const res = await route.fetch();
      statuses.push(res.status());
      return route.fulfill({ response: res });
    });
    await card(page, stop.id).locator('.drv-btn-not_home').tap();
    await expect.poll(() => statusOf(page, stop.id), { timeout: 20_000 }).toMatch(/^不在家 · 已记录/);
    await page.unroute('**/delivery/stops/*/outcome');
    expect(statuses).toEqual([200, 200]);
    expect(await card(page, stop.id).locator('.drv-error').count()).toBe(0);
    expect(await auditRows(stop.id)).toHaveLength(1);
    // At the door: whom to call, and when the welfare check falls due.
    const text = await card(page, stop.id).innerText();
    expect(text).toContain('无人应答，请联系：');
    expect(text).toContain('网格员 Grid Li');
    expect(text).toMatch(/已安排关怀回访：\d\d:\d\d 前/);
    expect(await card(page, stop.id).locator('.drv-contacts a').first().getAttribute('href')).toBe('tel:13911112222');
    if (SHOTS) await card(page, stop.id).screenshot({ path: 'docs/img/driver-not-home.png' });
  });

  it('when the driver double-taps, then one outcome is recorded and no error shows', async () => {
    const stop = stops[2];
    await card(page, stop.id).locator('.drv-btn-delivered').evaluate((b: HTMLElement) => { b.click(); b.click(); });
    await expect.poll(() => statusOf(page, stop.id), { timeout: 20_000 }).toMatch(/^已送达 · 已记录/);
    expect(await page.locator('.drv-error').count()).toBe(0);
    expect(await auditRows(stop.id)).toHaveLength(1);
    expect((await serverStop(stop.id)).outcome).toBe('delivered');
  });

  it('when the driver taps 拒收 by mistake, then undo within the grace period puts the stop back', async () => {
    const stop = stops[3];
    await card(page, stop.id).locator('.drv-btn-refused').tap();
    await expect.poll(() => statusOf(page, stop.id), { timeout: 20_000 }).toMatch(/^拒收 · 已记录/);
    await card(page, stop.id).locator('.drv-undo').tap();
    await expect.poll(() => statusOf(page, stop.id), { timeout: 20_000 }).toBe('待送');
    expect((await serverStop(stop.id)).outcome).toBe('pending');
    const [undo] = await auditRows(stop.id, 'stop.outcome.undo');
    expect(undo).toMatchObject({ actorUserId: w.drivers[0].id, before: { outcome: 'refused' }, after: { outcome: 'pending' } });
    expect(await card(page, stop.id).locator('.drv-btn-delivered').count()).toBe(1);
  });

  it('when a kitchen manager corrects a not-home to delivered, then the welfare check is cancelled, the audit has before/after, and the phone shows it', async () => {
    const stop = stops[1]; // not home since the lost-answer test
    const queue = env.deps.queues.get('welfare.escalate');
    expect(await queue.getJob(`welfare.${stop.id}`)).toBeTruthy();
    const corrected = await env.request.post(`/delivery/stops/${stop.id}/correction`).set(manager()).set('Idempotency-Key', 'fix-1')
      .send({ status: 'delivered', reason: '女儿来电：饭已收到' });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ outcome: 'delivered', welfareCheck: null, changed: true });
    expect(await queue.getJob(`welfare.${stop.id}`)).toBeUndefined();
    const [row] = await auditRows(stop.id, 'stop.outcome.correct');
    expect(row).toMatchObject({ actorUserId: w.manager.id, before: { outcome: 'not_home' }, after: { outcome: 'delivered', reason: '女儿来电：饭已收到' } });
    await page.locator('#drv-refresh').tap();
    await expect.poll(() => statusOf(page, stop.id)).toMatch(/^已送达/);
    // And back: a correction to not-home schedules a check again.
    const back = await env.request.post(`/delivery/stops/${stop.id}/correction`).set(manager()).set('Idempotency-Key', 'fix-2')
      .send({ status: 'not_home', reason: '核实：实际无人在家' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.welfareCheckAt).toEqual(expect.any(String));
    expect(await (await queue.getJob(`welfare.${stop.id}`))?.isDelayed()).toBe(true);
  });

  it('when the phone’s clock is three hours ahead, then the tap is refused with a sentence naming the clock', async () => {
    const stop = stops[4];
    const skewed = await ctx.newPage();
    await skewed.clock.install({ time: new Date(Date.now() + 3 * 3_600_000) });
    await skewed.goto('/app/driver');
    await skewed.locator('body[data-ready=true]').waitFor();
    await card(skewed, stop.id).locator('.drv-btn-delivered').tap();
    await expect.poll(() => card(skewed, stop.id).locator('.drv-error').innerText(), { timeout: 20_000 }).toContain('手机时间比服务器快太多');
    expect((await serverStop(stop.id)).outcome).toBe('pending');
    await card(skewed, stop.id).locator('.drv-error button').tap();
    await skewed.close();
  });
});

describe('proof of delivery on the phone (issue point 3)', () => {
  it('when the tenant asks for proof, then a photo is compressed to JPEG and a signature drawn on the screen, both stored for the manager', async () => {
    expect((await env.request.patch('/delivery/settings').set(manager()).send({ proof: 'both' })).status).toBe(200);
    const ctx = await phoneContext(browser, server.url);
    const page = await ctx.newPage();
    await signInDriver(page);
    const stop = stops[6];
    await card(page, stop.id).locator('.drv-btn-delivered').tap();
    await expect.poll(() => statusOf(page, stop.id), { timeout: 20_000 }).toMatch(/^已送达 · 已记录/);
    await card(page, stop.id).locator('input[data-action=photo]').setInputFiles('src/delivery/web/assets/driver-icon-512.png');
    const proofs = async () => (await env.request.get(`/delivery/stops/${stop.id}/proofs`).set(manager())).body.items as { kind: string; contentType: string; url: string }[];
    await expect.poll(async () => (await proofs()).map((p) => `${p.kind}:${p.contentType}`), { timeout: 20_000 }).toEqual(['photo:image/jpeg']);
    await card(page, stop.id).getByRole('button', { name: '请收餐人签名' }).tap();
    const box = (await page.locator('.drv-sign-canvas').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 60);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 40 + i * 25, box.y + 60 + (i % 2) * 40);
    await page.mouse.up();
    if (SHOTS) await page.screenshot({ path: 'docs/img/driver-signature.png' });
    await page.getByRole('button', { name: '确定' }).tap();
    await expect.poll(async () => (await proofs()).map((p) => p.kind), { timeout: 20_000 }).toEqual(['photo', 'signature']);
    await expect.poll(() => card(page, stop.id).innerText(), { timeout: 20_000 }).toContain('已留证 2 份');
    const [photo] = await proofs();
    const image = await env.request.get(photo.url).set(manager());
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\/jpeg/);
    await ctx.close();
  });
});

describe('nothing tapped is lost (issue point 1)', () => {
  it('when the browser is closed with a tap still waiting (crash, phone restart), then it is sent after the next start', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'driver-phone-'));
    const launch = () => chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM, headless: true, baseURL: server.url, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'zh-CN',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const first = await launch();
      const page = first.pages()[0] ?? await first.newPage();
      await signInDriver(page);
      await swReady(page);
      const stop = stops[5];
      await first.setOffline(true);
      await card(page, stop.id).locator('.drv-btn-not_home').tap();
      await expect.poll(() => statusOf(page, stop.id)).toBe('不在家 · 等待发送');
      await first.close();
      expect((await serverStop(stop.id)).outcome).toBe('pending');

      const second = await launch();
      const again = second.pages()[0] ?? await second.newPage();
      await again.goto('/app/driver');
      await expect.poll(() => statusOf(again, stop.id), { timeout: 20_000 }).toMatch(/^不在家 · 已记录/);
      expect((await serverStop(stop.id)).outcome).toBe('not_home');
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('signed out and old bookmarks (issue point 6)', () => {
  it('when the sign-in was revoked, then the app says so in a sentence; /driver leads to the app', async () => {
    const ctx = await phoneContext(browser, server.url);
    const page = await ctx.newPage();
    await signInDriver(page);
    expect((await env.request.post(`/users/${w.drivers[0].id}/sessions/revoke`).set(bearer(w.t.adminToken)).send({})).status).toBeLessThan(300);
    await page.locator('#drv-refresh').tap();
    await expect.poll(() => page.locator('#drv-banner').innerText()).toContain('登录已失效');
    const res = await page.goto('/driver');
    expect(new URL(page.url()).pathname).toBe('/app/driver');
    expect(res?.status()).toBe(401);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('请向厨房管理员要一个新的登录链接');
    expect(await page.content()).not.toContain('>401<');
    await ctx.close();
  });

  it('when the driver switches the language at the bottom of the page, then the app comes back in English', async () => {
    const ctx = await phoneContext(browser, server.url);
    const page = await ctx.newPage();
    await signInDriver(page);
    await page.locator('.drv-account summary').tap();
    await page.getByRole('button', { name: 'English' }).tap();
    await page.waitForURL((u) => u.pathname === '/app/driver');
    await expect.poll(() => page.locator('h1').innerText()).toContain('Today’s deliveries');
    await expect.poll(() => page.locator('#drv-routes').innerText()).toContain('Diabetic');
    await ctx.close();
  });
});
