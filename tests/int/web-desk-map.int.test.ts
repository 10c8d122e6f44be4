/// <reference lib="dom" />
// The desk's Leaflet map when TILE_URL is set (a local fake tile server here): numbered stops in one
// colour per van, a click opens a stop's details, doors sharing a spot stay apart; the CSP allows the
// tile origin only then.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays, today } from '../../src/time/index.js';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let tiles: Server;
let tileHits = 0;
let env: TestEnv;
let w: World;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
const TZ = 'Asia/Shanghai';
const D = addDays(today(TZ), 1);

beforeAll(async () => {
  tiles = createServer((_req, res) => { tileHits++; res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG); });
  await new Promise<void>((r) => tiles.listen(0, '127.0.0.1', () => r()));
  const port = (tiles.address() as { port: number }).port;
  env = await createTestEnv('web-desk-map', { TILE_URL: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`, TILE_ATTRIBUTION: '测试底图' });
  env.startWorkers();
  // 14 doors on a ring of 12 spots: doors 13 and 14 share the spots of doors 1 and 2.
  w = await createWorld(env, { recipients: 14, locale: 'zh-CN', timeZone: TZ });
  await generate(env, w, D);
  await planAndWait(env, w, D);
  server = await serve(env);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
  await new Promise((r) => tiles?.close(r));
});

describe('desk map over a tile server', () => {
  it('when TILE_URL is set, then the CSP allows its origin for images and the desk draws a Leaflet map with a numbered, clickable marker per stop', async () => {
    const ctx = await deskContext(browser, server.url);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const manager = await staff(env, w.t, ['kitchen_manager'], '王经理');
    await signIn(page, manager.username, undefined, `/app/desk?date=${D}`);
    const answer = await page.goto(`/app/desk?date=${D}`);
    expect(answer?.headers()['content-security-policy']).toMatch(/img-src 'self' data: http:\/\/127\.0\.0\.1:\d+/);
    await expect.poll(() => page.locator('#desk-map .desk-marker:not(.kitchen)').count(), { timeout: 20_000 }).toBe(14);
    expect(await page.locator('#desk-map .desk-marker.c0').count()).toBeGreaterThan(0);
    await expect.poll(() => tileHits).toBeGreaterThan(0);
    // No two markers on top of each other, though doors share spots.
    const boxes = await page.locator('#desk-map .desk-marker:not(.kitchen)').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return `${Math.round(r.x)}:${Math.round(r.y)}`; }));
    expect(new Set(boxes).size).toBe(14);
    await page.locator('#desk-map .desk-marker:not(.kitchen)').first().click();
    await expect.poll(() => page.locator('.leaflet-popup-content').innerText()).toMatch(/第 \d+-\d+ 站 · Resident/);
    await expect.poll(() => page.locator('.leaflet-control-attribution').innerText()).toContain('测试底图');
    await page.locator('#desk-map').screenshot({ path: 'docs/img/desk-map-leaflet.png' });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
