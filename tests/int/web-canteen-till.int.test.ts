/// <reference lib="dom" />
// The canteen till in real Chromium at a counter desk: a lunch rush through a simulated
// keyboard-wedge reader (it types the card number and Enter), checkouts made while the network is
// down (queued with their time and key, kept across a reload, synced once), a void, the day's and
// the shift's totals, and the receipt's print layout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { today } from '../../src/time/index.js';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { bindOperator, bornAged, createCanteen, createPerson, zoneNearNoon } from '../support/canteen/api-support.js';

let env: TestEnv;
let t: TestTenant;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let ctx: BrowserContext;
let page: Page;
let canteen: string;
let cashier: Awaited<ReturnType<typeof staff>>;
const zone = zoneNearNoon();
const day = today(zone);
const SHOTS = process.env.SCREENSHOTS === '1';
const ADDRESS = '幸福路 88 号 3 栋';

/** name, card, age, statuses → what lunch (10 yuan) costs them under the default policy. */
const DINERS: { name: string; card: string; age: number; payable: string; rule: string; status?: string }[] = [
  { name: '王秀兰', card: 'PX2001', age: 91, payable: '0.00', rule: '90岁以上：免费' },
  { name: '李建国', card: 'PX2002', age: 84, payable: '7.00', rule: '80–89岁：补贴3.00元' },
  { name: '张桂英', card: 'PX2003', age: 76, payable: '8.00', rule: '70–79岁：补贴2.00元' },
  { name: '刘德明', card: 'PX2004', age: 65, payable: '9.00', rule: '60–69岁：补贴1.00元' },
  { name: '陈玉珍', card: 'PX2005', age: 68, payable: '0.00', rule: '特困：免费', status: 'extreme_poverty' },
  { name: '杨树林', card: 'PX2006', age: 55, payable: '10.00', rule: '无符合条件的年龄段或身份：全价' },
];
const LATE: { name: string; card: string; age: number; status?: string }[] = [
  { name: '赵淑芬', card: 'PX2101', age: 82 },
  { name: '黄志强', card: 'PX2102', age: 73 },
];

beforeAll(async () => {
  env = await createTestEnv('web_canteen_till');
  t = await env.tenant({ timeZone: zone, locale: 'zh-CN' });
  canteen = await createCanteen(env, t, '芦溪镇社区长者食堂', { breakfast: 300, lunch: 1000, dinner: 800 });
  cashier = await staff(env, t, ['canteen_operator'], '收银员小周');
  await bindOperator(env, t, canteen, cashier.id);
  for (const d of [...DINERS, ...LATE]) {
    const p = await createPerson(env, t, {
      name: d.name, birthDate: bornAged(day, d.age), cardNumber: d.card,
      ...(d.status ? { statuses: [{ code: d.status, validFrom: '2024-01-01' }] } : {}),
    });
    await env.request.patch(`/people/${p.id}`).set('Authorization', `Bearer ${t.adminToken}`).send({ address: ADDRESS });
  }
  server = await serve(env);
  browser = await launchBrowser();
  ctx = await deskContext(browser, server.url);
  // Printing is the browser's dialog; the test counts calls and checks the print layout itself.
  await ctx.addInitScript(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed += 1; }; });
  page = await ctx.newPage();
  await signIn(page, cashier.username);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
});

async function openTill() {
  await page.goto('/app/canteen/till');
  await page.locator('body[data-till-ready="1"]').waitFor();
}
/** The reader: types the number into the focused field and presses Enter, like a keyboard wedge. */
async function swipe(card: string) {
  await page.locator('#till-number').focus();
  await page.keyboard.type(card, { delay: 5 });
  await page.keyboard.press('Enter');
}
const result = () => page.locator('#till-result').innerText();
const meals = (where: Record<string, unknown> = {}) => env.deps.prisma.canteenMeal.findMany({ where: { tenantId: t.id, ...where }, include: { person: true } });

describe('the till', { timeout: 90_000 }, () => {
  it('when a cashier works the lunch rush with the reader, then each diner sees their name, the rule in words and what to pay — and nothing of the registry', async () => {
    await openTill();
    await expect.poll(() => page.locator('#till-slot').innerText()).toContain('午餐');
    for (const d of DINERS) {
      await swipe(d.card);
      await expect.poll(result, { timeout: 15_000 }).toContain(d.name);
      await expect.poll(() => page.locator('#till-payable').innerText()).toBe(d.payable);
      expect(await result()).toContain(d.rule);
    }
    if (SHOTS) await page.screenshot({ path: 'docs/img/canteen-till.png' });
    const stored = await meals();
    expect(stored).toHaveLength(DINERS.length);
    expect(new Set(stored.map((m) => m.slotCode))).toEqual(new Set(['lunch']));
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(ADDRESS);
    for (const m of stored) expect(await page.content()).not.toContain(m.person!.idNumber!);
    await expect.poll(() => page.locator('#till-meals').innerText()).toContain('杨树林');
    await expect.poll(() => page.locator('#till-summary [data-figure="meals"] b').innerText()).toBe(String(DINERS.length));
    expect(await page.locator('#till-summary [data-figure="collected"] b').innerText()).toBe('34.00');
    expect(await page.locator('#till-summary').innerText()).toContain('90岁以上：免费');
  });

  it('when an unknown card is swiped, then the till says so and records nothing', async () => {
    await swipe('PX9999');
    await expect.poll(result).toContain('没有找到这张卡');
    expect(await meals()).toHaveLength(DINERS.length);
    // The refused swipe stays listed (with the reason) until the cashier removes it.
    const refused = page.locator('#till-pending .till-queued.failed');
    expect(await refused.innerText()).toContain('未成功');
    await refused.getByRole('button', { name: '移除' }).click();
    await expect.poll(() => refused.count()).toBe(0);
  });

  it('when the receipt is printed, then only the receipt shows, 58 mm wide, with the rule and the amount to pay', async () => {
    await swipe(DINERS[1].card); // a second lunch the same day: full price
    await expect.poll(() => page.locator('#till-payable').innerText()).toBe('10.00');
    await page.getByRole('button', { name: '打印小票' }).click();
    // Printing waits for the rating QR code (residents' voice) to load.
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(await page.locator('#receipt .rc-qr img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('#receipt .rc-qr').innerText()).toContain('扫码评价');
    await page.emulateMedia({ media: 'print' });
    const receipt = page.locator('#receipt');
    expect(await receipt.isVisible()).toBe(true);
    expect(await page.locator('#till-scan').isVisible()).toBe(false);
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    const box = (await receipt.boundingBox())!;
    expect(Math.round(box.width)).toBe(Math.round((48 / 25.4) * 96)); // 48 mm printable on 58 mm paper
    const text = await receipt.innerText();
    for (const words of ['芦溪镇社区长者食堂', '李建国', '应付', '10.00', '今日午餐已享受补贴1次：全价', '收银员小周']) expect(text).toContain(words);
    if (SHOTS) await page.screenshot({ path: 'docs/img/canteen-receipt.png', clip: { x: 0, y: 0, width: Math.ceil(box.x + box.width + 12), height: Math.ceil(box.y + box.height + 12) } });
    await page.emulateMedia({ media: 'screen' });
    await page.locator('#till-paper').selectOption('r80');
    await page.getByRole('button', { name: '打印小票' }).click();
    await page.emulateMedia({ media: 'print' });
    expect(Math.round((await receipt.boundingBox())!.width)).toBe(Math.round((72 / 25.4) * 96)); // 72 mm on 80 mm paper
    await page.emulateMedia({ media: 'screen' });
  });

  it('when the network drops, then checkouts queue with their time and key, survive a reload, and sync exactly once with the final figure', async () => {
    // The API's checkouts fail as on a dead line; the page itself still loads (a reload in the middle).
    const dead = async (route: import('playwright-core').Route) => {
      if (route.request().method() === 'POST') return route.abort('internetdisconnected');
      return route.continue();
    };
    await page.route('**/canteens/*/meals', dead);
    const before = Date.now();
    for (const d of LATE) {
      await swipe(d.card);
      await expect.poll(result).toContain('待上传');
    }
    await expect.poll(() => page.locator('#till-pending-count').innerText()).toBe('待上传 2 笔');
    await expect.poll(() => page.locator('#till-net').innerText()).toContain('离线');
    if (SHOTS) await page.screenshot({ path: 'docs/img/canteen-till-offline.png' });
    await openTill();
    await expect.poll(() => page.locator('#till-pending').innerText()).toContain('…2101');
    expect(await page.locator('#till-pending .till-queued').count()).toBe(2);
    expect(await meals({ person: { cardNumber: { in: LATE.map((d) => d.card) } } })).toHaveLength(0);

    await page.unroute('**/canteens/*/meals', dead);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.locator('#till-pending .till-queued').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.locator('#till-meals').innerText()).toContain('黄志强');
    // A second "online" and the outbox timer find nothing left to send: one meal per swipe.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(500);
    const synced = await meals({ person: { cardNumber: { in: LATE.map((d) => d.card) } } });
    expect(synced).toHaveLength(2);
    for (const m of synced) {
      expect(m.servedAt.getTime()).toBeGreaterThanOrEqual(before - 1000); // the till's time of the swipe…
      expect(m.recordedAt.getTime()).toBeGreaterThanOrEqual(m.servedAt.getTime()); // …recorded when it reached the server
    }
    expect(await page.locator('#till-meals').innerText()).toContain('7.00'); // 赵淑芬, 82: the server's final figure
  });

  it('when the cashier voids a meal of today, then it shows as voided, the totals drop it, and the shift hand-over adds up what was collected', async () => {
    page.once('dialog', (d) => d.accept('刷错卡'));
    const row = page.locator('#till-meals tr', { hasText: '刘德明' });
    await row.getByRole('button', { name: '作废' }).click();
    await expect.poll(() => row.innerText()).toContain('已作废');
    const voided = await meals({ status: 'voided' });
    expect(voided.map((m) => m.person?.name)).toEqual(['刘德明']);
    expect(voided[0].voidReason).toBe('刷错卡');
    await expect.poll(() => page.locator('#till-summary [data-figure="voidedMeals"] b').innerText()).toBe('1');
    // Collected: 34.00 − 9.00 (voided) + 10.00 (second lunch) + 7.00 + 8.00 (synced) = 50.00
    await expect.poll(() => page.locator('#till-summary [data-figure="collected"] b').innerText()).toBe('50.00');
    await expect.poll(() => page.locator('#till-shift [data-figure="collected"] b').innerText()).toBe('50.00');
    await page.getByRole('button', { name: '交班并开始新班次' }).click();
    await expect.poll(() => page.locator('#toast').innerText()).toContain('已交班：实收 50.00 元');
    await expect.poll(() => page.locator('#till-shift [data-figure="collected"] b').innerText()).toBe('0.00');
  });

  it('when a diner forgot the card, then the cashier finds them by name among this canteen’s diners only, and checks them out', async () => {
    await createPerson(env, t, { name: '王从未来过', birthDate: bornAged(day, 80), cardNumber: 'PX2999' });
    await page.locator('#till-number').fill('王');
    await page.keyboard.press('Enter');
    const hits = page.locator('.till-hits button');
    await expect.poll(() => hits.count()).toBe(1); // 王秀兰 has eaten here; 王从未来过 never has
    expect(await hits.first().innerText()).toMatch(/^王秀兰 …\d{3}[\dX]$/);
    await hits.first().click();
    await expect.poll(() => page.locator('#till-payable').innerText(), { timeout: 15_000 }).toBe('10.00'); // a second lunch today
    expect(await result()).toContain('今日午餐已享受补贴1次：全价');
    const other = await env.request.get(`/canteens/${canteen}/diners`).query({ q: '王' }).set('Authorization', `Bearer ${t.adminToken}`);
    expect(other.body.items.map((d: { name: string }) => d.name)).toEqual(['王秀兰']);
    expect(Object.keys(other.body.items[0]).sort()).toEqual(['idTail', 'name', 'personId']);
  });
});
