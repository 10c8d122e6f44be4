import { randomUUID } from 'node:crypto';
/// <reference lib="dom" />
// Care notes in real Chromium: the coordinator types what the family asks on the ward board, sees
// it on the roster board cell, and the assigned aide reads it on the phone page (390×844); the
// aide of another patient does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { deskContext, launchBrowser, phoneContext, serve, signIn, staff } from '../support/browser.js';
import { ZONE, at, dayFromToday } from '../support/nursing/api.js';

const NOTE = '左侧偏瘫，喂饭需慢';
const T = dayFromToday(0);
let env: TestEnv;
let tenant: TestTenant;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let desk: BrowserContext;
let page: Page;
const phones: BrowserContext[] = [];
const u: Record<string, { id: string; token: string }> = {};
const a: Record<string, { id: string }> = {};
const b: Record<string, { id: string }> = {};

async function api(method: 'get' | 'post' | 'patch', url: string, body?: object) {
  const res = await env.request[method](url)
    .set(bearer(tenant.adminToken))
    .set('Idempotency-Key', randomUUID())
    .send(body);
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
async function booking(wardId: string, name: string, bed: string) {
  const p = await api('post', '/people', { name, gender: 'female', birthDate: '1940-02-03' });
  const adm = await api('post', '/nursing/admissions', {
    personId: p.id,
    wardId,
    bedCode: bed,
    admittedAt: at(dayFromToday(-1), '09:00'),
  });
  return api('post', '/nursing/bookings', {
    admissionId: adm.id,
    barthelScore: 50,
    consent: { signerName: '王小明', relation: '儿子', method: 'paper', signedAt: at(dayFromToday(-1), '09:30') }, // yesterday: today's day shift is covered at any hour
    activate: true,
  });
}
/** The aide's phone, signed in by a one-time link as the coordinator hands it out. */
async function aidePhone(userId: string): Promise<Page> {
  const ctx = await phoneContext(browser, server.url);
  phones.push(ctx);
  const p = await ctx.newPage();
  const link = await api('post', `/users/${userId}/sign-in-links`, {});
  await p.goto(link.path);
  await p.getByRole('button', { name: '登录' }).click();
  await p.waitForURL((x) => x.pathname === '/app/nursing/me');
  await p.locator('body[data-ready=true]').waitFor();
  return p;
}
const poll = <V>(fn: () => Promise<V> | V) => expect.poll(fn, { timeout: 20_000, interval: 100 });

beforeAll(async () => {
  env = await createTestEnv('web_nursing_care_notes');
  tenant = await env.tenant({ name: '萍乡市人民医院', timeZone: ZONE, locale: 'zh-CN' });
  await api('post', '/nursing/setup/defaults');
  const ward = await api('post', '/nursing/wards', { name: '神经内科', beds: ['01', '02', '03'] });
  await api('post', '/people', { name: '赵玉兰', gender: 'female', birthDate: '1939-07-01' });
  for (const [k, name] of [
    ['zhou', '周秀英'],
    ['wu', '吴桂兰'],
  ] as const) {
    u[k] = await tenant.user(['care_aide'], k);
    await api('patch', `/users/${u[k].id}`, { displayName: name });
    a[k] = await api('post', '/nursing/aides', {
      name,
      gender: 'female',
      certificateNo: `C-${k}`,
      certificateExpiry: '2099-12-31',
      skills: [],
      homeWardIds: [ward.id],
      userId: u[k].id,
    });
  }
  b.li = await booking(ward.id, '李秀英', '01');
  b.wang = await booking(ward.id, '王桂芳', '02');
  await api('post', '/nursing/assignments', { date: T, shiftCode: 'day', bookingId: b.li.id, aideId: a.zhou.id });
  await api('post', '/nursing/assignments', { date: T, shiftCode: 'day', bookingId: b.wang.id, aideId: a.wu.id });
  server = await serve(env);
  browser = await launchBrowser();
  const coordinator = await staff(env, tenant, ['hospital_coordinator'], '李协调');
  desk = await deskContext(browser, server.url);
  page = await desk.newPage();
  await signIn(page, coordinator.username);
}, 120_000);
afterAll(async () => {
  for (const p of phones) await p.close();
  await desk?.close();
  await browser?.close();
  await server?.close();
  await env?.close();
});

describe('care notes from the ward board to the aide’s phone', () => {
  it('when the coordinator types the family’s request on the ward board, then it is saved and shown in the patient’s row only', async () => {
    await page.goto('/app/nursing/ward');
    const row = page.locator('tr[data-bed="01"]');
    await row.getByText('添加护理要点').click();
    await row.getByLabel('家属要求的护理要点（只给负责的护理员看）').fill(NOTE);
    await row.getByRole('button', { name: '保存护理要点' }).click();
    await poll(() => page.locator('.notice[role=status]').innerText()).toBe('已保存李秀英的护理要点。');
    await poll(() => page.locator('tr[data-bed="01"] .care-notes-text').innerText()).toBe(`护理要点： ${NOTE}`);
    expect(await page.locator('tr[data-bed="02"]').innerText()).not.toContain(NOTE);
    expect((await env.deps.prisma.careBooking.findUniqueOrThrow({ where: { id: b.li.id } })).careNotes).toBe(NOTE);
    await page.locator('.ward-board').screenshot({ path: 'docs/img/nursing-care-notes-ward.png' });
  }, 60_000);

  it('when a patient is admitted on the board with care notes, then the booking keeps them and the row shows them', async () => {
    await page.goto('/app/nursing/ward');
    await page.getByLabel('查找患者（姓名）').fill('赵玉兰');
    await page.getByRole('button', { name: '查找' }).click();
    const admit = page.locator('.admit form[method=post]');
    await poll(() => admit.getByLabel('患者').locator('option').count()).toBe(1);
    await admit.getByLabel('空床').selectOption({ label: '03' });
    await admit.getByLabel(/Barthel/).fill('50');
    await admit.getByLabel('家属要求的护理要点（只给负责的护理员看）').fill('  对青霉素过敏  ');
    await admit.getByRole('button', { name: '办理入院' }).click();
    await page.waitForURL(/\/app\/nursing\/bookings\/[0-9a-f-]+\/consent\?done=admitted$/);
    const bookingId = new URL(page.url()).pathname.split('/')[4];
    expect((await env.deps.prisma.careBooking.findUniqueOrThrow({ where: { id: bookingId } })).careNotes).toBe(
      '对青霉素过敏',
    );
    await page.goto('/app/nursing/ward');
    await poll(() => page.locator('tr[data-bed="03"] .care-notes-text').innerText()).toBe('护理要点： 对青霉素过敏');
  }, 60_000);

  it('when the coordinator opens the roster board, then the cell of the patient’s aide folds the care notes open on a tap', async () => {
    await page.goto(`/app/nursing/roster?from=${T}&to=${T}`);
    const zhouRow = page.locator(`tr[data-aide-id="${a.zhou.id}"]`);
    const notes = zhouRow.locator('.rb-care-notes');
    await poll(() => notes.count()).toBe(1);
    expect(await notes.locator('p').isVisible()).toBe(false);
    await notes.locator('summary').click();
    await poll(() => notes.locator('p').innerText()).toBe(NOTE);
    expect(await page.locator(`tr[data-aide-id="${a.wu.id}"] .rb-care-notes`).count()).toBe(0);
  }, 60_000);

  it('when the assigned aide opens the phone page, then the care notes stand under the patient; the other aide does not see them', async () => {
    const zhou = await aidePhone(u.zhou.id);
    const card = zhou.locator(`.am-shift[data-shift="${T}.day"] .am-patient[data-booking="${b.li.id}"]`);
    await poll(() => card.locator('.am-care-notes').innerText()).toBe(`护理要点： ${NOTE}`);
    expect(await card.locator('.am-care-notes').isVisible()).toBe(true);
    // Readable on a phone: the note fits the screen width.
    const box = await card.locator('.am-care-notes').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await zhou.screenshot({ path: 'docs/img/nursing-care-notes-aide.png', fullPage: true });
    const wu = await aidePhone(u.wu.id);
    await poll(() => wu.locator('.am-patient').count()).toBe(1);
    expect(await wu.locator('body').innerText()).not.toContain(NOTE);
    expect(await wu.locator('.am-care-notes').count()).toBe(0);
  }, 60_000);
});
