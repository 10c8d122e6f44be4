/// <reference lib="dom" />
// The kitchen manager's planning desk in real Chromium (zh-CN): plan a day end to end — plan, drag a
// stop, pin and re-plan (the pin is kept), publish — and the printable pages open by session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, today } from '../../src/time/index.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { createWorld, generate } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let ctx: BrowserContext;
let page: Page;
const TZ = 'Asia/Shanghai';
const D = addDays(today(TZ), 1);

interface Plan { id: string; status: string; routes: { id: string; vehicleId: string; stops: { orderId: string; name: string; pinnedVehicleId: string | null }[] }[]; unassigned: { orderId: string }[] }
const planOf = async (id: string) => (await env.request.get(`/delivery/route-plans/${id}`).set(bearer(w.manager.token))).body as Plan;
const planId = () => page.locator('#desk-plan').getAttribute('data-plan-id');
const column = (vehicleId: string) => page.locator(`#desk-routes .desk-route[data-vehicle-id="${vehicleId}"]`);

beforeAll(async () => {
  env = await createTestEnv('web-desk');
  env.startWorkers();
  // Two vans of 6 meals for 14 doors: two doors cannot be served, and the tray must say the vans are full.
  w = await createWorld(env, { recipients: 14, vehicles: [{ capacity: 6 }, { capacity: 6 }], locale: 'zh-CN', timeZone: TZ });
  await generate(env, w, D);
  server = await serve(env);
  browser = await launchBrowser();
  ctx = await deskContext(browser, server.url);
  page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('response', async (r) => { if (r.status() >= 400 && !r.url().endsWith('favicon.ico')) console.error('answer:', r.request().method(), r.url(), r.status()); });
  const manager = await staff(env, w.t, ['kitchen_manager'], '王经理');
  await signIn(page, manager.username, undefined, `/app/desk?date=${D}`);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await server?.close();
  await env?.close();
});

describe('planning desk (issue 13 §2)', () => {
  it('when a manager opens the desk, then the orders of the day show with their diet labels in words', async () => {
    expect(new URL(page.url()).pathname).toBe('/app/desk');
    await expect.poll(() => page.locator('h1').innerText()).toBe('排线台');
    await expect.poll(() => page.locator('.desk-orders h2').innerText()).toBe('当日订单：14 户，共 14 份');
    await expect.poll(() => page.locator('.desk-counts').innerText()).toContain('糖尿病餐');
    await expect.poll(() => page.locator('#desk-status').innerText()).toBe('还没有排线方案。');
  });

  it('when the manager plans, then progress shows, the routes appear side by side and the tray says the vans are full and by how much', async () => {
    await page.getByRole('button', { name: '生成排线方案' }).click();
    await page.waitForURL((u) => u.searchParams.has('plan'));
    await expect.poll(() => page.locator('#desk-status').innerText(), { timeout: 60_000 }).toContain('草稿');
    await expect.poll(() => page.locator('#desk-routes .desk-route:not(.empty)').count()).toBe(2);
    await expect.poll(() => page.locator('#desk-routes').innerText()).toContain('预计');
    await expect.poll(() => page.locator('#desk-routes').innerText()).toMatch(/出发 · \d\d:\d\d 返回|\d\d:\d\d 出发 · \d\d:\d\d 返回/);
    await expect.poll(() => page.locator('#desk-tray h2').innerText()).toBe('未排上的订单（2）');
    await expect.poll(() => page.locator('.desk-advice').innerText()).toContain('需要大约再增加 1 辆车');
    await expect.poll(() => page.locator('#desk-unassigned').innerText()).not.toContain('太远');
    await expect.poll(() => page.locator('#desk-map-img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: 'docs/img/desk-plan.png', fullPage: true });
  });

  it('when a stop is dragged onto the other van, then the routes are re-timed at once and the overload it causes is shown', async () => {
    const plan = await planOf((await planId())!);
    const [a, b] = plan.routes;
    const moving = a.stops[0];
    const from = column(a.vehicleId).locator(`li[data-order-id="${moving.orderId}"]`);
    const target = column(b.vehicleId).locator('.desk-stop').nth(1);
    await from.scrollIntoViewIfNeeded();
    const f = (await from.boundingBox())!;
    const t = (await target.boundingBox())!;
    await page.mouse.move(f.x + 40, f.y + f.height / 2);
    await page.mouse.down();
    await page.mouse.move(f.x + 60, f.y + f.height / 2 + 10, { steps: 5 });
    for (let k = 1; k <= 20; k++) {
      await page.mouse.move(f.x + 60 + ((t.x - f.x) * k) / 20, f.y + f.height / 2 + 10 + ((t.y + t.height / 2 + 4 - f.y - f.height / 2 - 10) * k) / 20);
      await page.waitForTimeout(30);
    }
    await page.mouse.up();
    await expect.poll(() => column(b.vehicleId).innerText(), { timeout: 20_000 }).toContain(moving.name);
    await expect.poll(() => column(b.vehicleId).locator('.desk-warnings').innerText()).toContain('超载：车上 7 份，容量 6 份');
    const after = await planOf(plan.id);
    expect(after.routes.find((r) => r.vehicleId === b.vehicleId)!.stops.map((s) => s.orderId)).toContain(moving.orderId);
    await page.screenshot({ path: 'docs/img/desk-drag-warning.png', fullPage: true });
  });

  it('when a stop is pinned and the manager re-plans around pins, then the pinned stops stay on their vans and nobody more is dropped', async () => {
    const plan = await planOf((await planId())!);
    const first = plan.routes[0];
    const stop = first.stops.at(-1)!;
    await column(first.vehicleId).locator(`li[data-order-id="${stop.orderId}"] .desk-pin`).click();
    await expect.poll(() => column(first.vehicleId).locator(`li[data-order-id="${stop.orderId}"]`).innerText()).toContain('已固定');
    const moved = plan.routes[1].stops.find((s) => s.pinnedVehicleId === plan.routes[1].vehicleId)!;
    // The desk polls the re-plan job and reloads the page when it is finished.
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.getByRole('button', { name: '按固定重新排线' }).click()]);
    await expect.poll(() => page.locator('#desk-status').innerText(), { timeout: 60_000 }).toContain('草稿');
    await expect.poll(() => column(first.vehicleId).innerText()).toContain(stop.name);
    await expect.poll(() => column(plan.routes[1].vehicleId).innerText()).toContain(moved.name);
    const after = await planOf(plan.id);
    expect(after.status).toBe('done');
    expect((after as unknown as { params: { revision: number } }).params.revision).toBe(2);
    expect(after.routes.find((r) => r.vehicleId === first.vehicleId)!.stops.map((s) => s.orderId)).toContain(stop.orderId);
    expect(after.routes.find((r) => r.vehicleId === plan.routes[1].vehicleId)!.stops.map((s) => s.orderId)).toContain(moved.orderId);
    expect(after.unassigned).toHaveLength(2);
    await expect.poll(() => page.locator('#desk-routes .desk-warnings').count()).toBe(0);
    await page.screenshot({ path: 'docs/img/desk-replanned.png', fullPage: true });
  });

  it('when the manager publishes, then the plan is published for the drivers', async () => {
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '发布给司机' }).click();
    await expect.poll(() => page.locator('#desk-status').innerText(), { timeout: 20_000 }).toContain('已发布');
    expect((await planOf((await planId())!)).status).toBe('published');
    await page.screenshot({ path: 'docs/img/desk-published.png', fullPage: true });
  });

  it('when the manager opens the production sheet, a route sheet and the map, then each opens in the browser by session', async () => {
    const plan = await planOf((await planId())!);
    const [sheet] = await Promise.all([ctx.waitForEvent('page'), page.getByRole('link', { name: '生产单（可打印）' }).click()]);
    await sheet.waitForLoadState();
    await expect.poll(() => sheet.locator('body').innerText()).toContain('生产单');
    await sheet.close();
    const route = await page.goto(`/delivery/routes/${plan.routes[0].id}/sheet`);
    expect(route?.status()).toBe(200);
    await expect.poll(() => page.locator('body').innerText()).toContain('送餐路线单');
    const map = await page.goto(`/delivery/route-plans/${plan.id}/map.svg`);
    expect(map?.status()).toBe(200);
    expect(map?.headers()['content-type']).toContain('image/svg+xml');
  });
});
