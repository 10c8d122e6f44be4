/// <reference lib="dom" />
// The care aide's phone page in real Chromium (390×844, touch, a phone set to another time zone):
// one-time link sign-in, shifts in the hospital's local time, "changes since you last looked",
// handover notes written online and offline (outbox), and the API rules behind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { launchBrowser, serve } from '../support/browser.js';
import { aide, at, dayFromToday, hospital } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let ctx: BrowserContext;
let page: Page;
let zhou: { id: string; token: string };
let ward: { id: string };
const b: Record<string, { id: string }> = {};
const a: Record<string, { id: string }> = {};
const T = dayFromToday(0);
let removable: string;

async function patient(name: string, bed: string, barthel: number) {
  const p = await h.ok('post', '/people', { name, gender: 'female', birthDate: '1941-03-02' });
  const adm = await h.ok('post', '/nursing/admissions', { personId: p.id, wardId: ward.id, bedCode: bed, admittedAt: at(dayFromToday(-1), '09:00') });
  // Admitted and consented yesterday: today's day shift (08:00–20:00) is then covered at any hour the test runs.
  return h.ok('post', '/nursing/bookings', { admissionId: adm.id, barthelScore: barthel, consent: { signerName: '家属', relation: '女儿', method: 'paper', signedAt: at(dayFromToday(-1), '09:30') }, activate: true });
}
const assign = (date: string, shiftCode: string, bookingId: string, aideId: string) => h.ok('post', '/nursing/assignments', { date, shiftCode, bookingId, aideId });
const notesOf = (bookingId: string) => env.deps.prisma.handoverNote.findMany({ where: { bookingId }, orderBy: { createdAt: 'asc' } });

beforeAll(async () => {
  env = await createTestEnv('web_nursing_aide');
  h = await hospital(env);
  ward = await h.ok('post', '/nursing/wards', { name: '老年科', beds: ['01', '02', '03'] });
  zhou = await h.tenant.user(['care_aide'], 'zhouxiuying');
  expect((await env.request.patch(`/users/${zhou.id}`).set(bearer(h.tenant.adminToken)).send({ displayName: '周秀英' })).status).toBe(200);
  a.zhou = await aide(h, { name: '周秀英', userId: zhou.id, homeWardIds: [ward.id] });
  a.wu = await aide(h, { name: '吴桂兰', homeWardIds: [ward.id] });
  b.zhang = await patient('张秀兰', '01', 70);
  b.chen = await patient('陈桂英', '02', 75);
  b.zhao = await patient('赵玉珍', '03', 65);
  await assign(T, 'day', b.zhang.id, a.zhou.id);
  await assign(T, 'day', b.chen.id, a.zhou.id);
  await assign(T, 'day', b.zhao.id, a.wu.id);
  await assign(dayFromToday(1), 'night', b.zhang.id, a.zhou.id);
  removable = (await assign(dayFromToday(3), 'day', b.zhao.id, a.zhou.id)).id;
  server = await serve(env);
  browser = await launchBrowser();
  // The phone's own clock is in London: the page must still show the hospital's times.
  ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'zh-CN', timezoneId: 'Europe/London' });
  page = await ctx.newPage();
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await server?.close();
  await env?.close();
});

/** What a person sees, polled generously: the machine running the tests may be busy. */
const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });
const ready = () => page.locator('body[data-ready=true]').waitFor();
const shiftCard = (date: string, code: string) => page.locator(`.am-shift[data-shift="${date}.${code}"]`);
const patientIn = (date: string, code: string, bookingId: string) => shiftCard(date, code).locator(`.am-patient[data-booking="${bookingId}"]`);

describe('care aide phone page', () => {
  it('when the aide opens a one-time link, then today’s and the week’s shifts show in the hospital’s local time with beds and patients', async () => {
    const link = await h.ok('post', `/users/${zhou.id}/sign-in-links`, {});
    await page.goto(link.path);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => u.pathname === '/app/nursing/me');
    await ready();
    await poll(() => page.locator('h1').innerText()).toContain('周秀英');
    const today = await shiftCard(T, 'day').innerText();
    expect(today).toContain('今天');
    expect(today).toContain('白班 08:00–20:00');
    expect(today).toContain('老年科');
    expect(await patientIn(T, 'day', b.zhang.id).innerText()).toMatch(/张秀兰 · 01 床 · 女 · \d+ 岁/);
    expect(await patientIn(T, 'day', b.zhang.id).innerText()).toContain('二级护理（1 人护理 3 位）');
    expect(await shiftCard(dayFromToday(1), 'night').innerText()).toContain('夜班 20:00–08:00 (次日)');
    expect(await page.locator('.am-shift').count()).toBe(3);
    // Another aide's patient in the same shift is not on this page.
    expect(await shiftCard(T, 'day').innerText()).not.toContain('赵玉珍');
    await poll(() => page.locator('#am-changes').innerText()).toContain('以后您的班次有变化');
    // The first look is the starting point of the changes list.
    await eventually(async () => (await h.ok('get', '/me/shift-changes', undefined, zhou.token)).seenAt);
    await page.screenshot({ path: 'docs/img/nursing-aide-shifts.png', fullPage: true });
  }, 60_000);

  it('when the coordinator adds one shift and takes another off, then the aide sees both by patient, and “got it” clears the list', async () => {
    await assign(dayFromToday(4), 'day', b.chen.id, a.zhou.id);
    expect((await h.call('delete', `/nursing/assignments/${removable}`)).status).toBe(204);
    await page.reload();
    await ready();
    const list = page.locator('#am-changes .am-changes');
    await poll(() => list.locator('li').count()).toBe(2);
    expect(await list.locator('li.am-gained').innerText()).toMatch(/新增.*白班 08:00–20:00 · 老年科 · 陈桂英（02 床）/);
    expect(await list.locator('li.am-lost').innerText()).toMatch(/取消.*白班 08:00–20:00 · 老年科 · 赵玉珍（03 床）/);
    await page.locator('#am-changes').screenshot({ path: 'docs/img/nursing-aide-changes.png' });
    await page.getByRole('button', { name: '知道了' }).click();
    await poll(() => list.count()).toBe(0);
    await page.reload();
    await ready();
    await poll(() => page.locator('#am-changes').innerText()).toMatch(/以来，您的班次没有变化/);
  }, 60_000);

  it('when the aide writes a handover note, then it is saved once and shown under the patient', async () => {
    const form = patientIn(T, 'day', b.zhang.id).locator('form');
    await form.locator('textarea').fill('午餐进食半份，已告知护士');
    await form.getByRole('button', { name: '保存' }).click();
    await poll(() => patientIn(T, 'day', b.zhang.id).locator('.am-note-list').innerText()).toContain('午餐进食半份，已告知护士');
    const notes = await notesOf(b.zhang.id);
    expect(notes.map((n) => [n.text, n.date, n.shiftCode, n.authorName])).toEqual([['午餐进食半份，已告知护士', T, 'day', '周秀英']]);
  });

  it('when the phone is offline, then the note waits on the phone and is sent once when the network returns', async () => {
    await ctx.setOffline(true);
    const form = patientIn(T, 'day', b.chen.id).locator('form');
    await form.locator('textarea').fill('夜间翻身两次');
    await form.getByRole('button', { name: '保存' }).click();
    await poll(() => form.locator('.am-note-state').innerText()).toContain('等待发送');
    await poll(() => page.locator('#am-banner').innerText()).toContain('1 条交班记录等待发送');
    expect(await notesOf(b.chen.id)).toHaveLength(0);
    await ctx.setOffline(false);
    await poll(() => patientIn(T, 'day', b.chen.id).locator('.am-note-list').innerText(), 30_000).toContain('夜间翻身两次');
    await page.reload();
    await ready();
    expect(await patientIn(T, 'day', b.chen.id).locator('.am-note-list').innerText()).toContain('夜间翻身两次');
    expect((await notesOf(b.chen.id)).map((n) => n.text)).toEqual(['夜间翻身两次']);
  }, 60_000);
});

describe('handover note rules (API)', () => {
  it('when the same note is sent twice with one Idempotency-Key, then it is stored once', async () => {
    const send = () => env.request.post(`/nursing/bookings/${b.zhang.id}/notes`).set(bearer(zhou.token)).set('Idempotency-Key', 'note-retry-1')
      .send({ date: T, shiftCode: 'day', text: '血压 135/85' });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect((await notesOf(b.zhang.id)).filter((n) => n.text === '血压 135/85')).toHaveLength(1);
  });

  it('when the aide writes for a patient outside their own shift, then it is refused and nothing is stored', async () => {
    const notMine = await env.request.post(`/nursing/bookings/${b.zhang.id}/notes`).set(bearer(zhou.token)).send({ date: dayFromToday(2), shiftCode: 'day', text: 'x' });
    expect(notMine.status).toBe(409);
    expect(notMine.body.detail).toMatch(/not this patient's aide/);
    const stranger = await env.request.post(`/nursing/bookings/${b.zhao.id}/notes`).set(bearer(zhou.token)).send({ date: T, shiftCode: 'day', text: 'x' });
    expect(stranger.status).toBe(404);
    expect((await notesOf(b.zhao.id))).toHaveLength(0);
  });

  it('when the seen marker gets a malformed key or a coordinator calls it, then 400 / 403', async () => {
    const bad = await env.request.post('/me/shift-changes/seen').set(bearer(zhou.token)).send({ keys: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.keys.0');
    expect((await h.call('get', '/me/shift-changes')).status).toBe(403);
  });

  it('when the page is opened without a session, then it says so in a sentence (401)', async () => {
    const res = await env.request.get('/app/nursing/me');
    expect(res.status).toBe(401);
    expect(res.text).toContain('这部手机上的登录已失效');
  });
});
