/// <reference lib="dom" />
// The public rating page on a phone (real Chromium, 390×844) when the connection drops: the
// filled form is kept on the phone, the page says it will be sent when back online, and once the
// network returns it is sent — one rating, no false "once an hour" refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { launchBrowser, phoneContext, serve } from '../support/browser.js';
import { aide, at, dayFromToday, hospital, patient } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let ward: string;
let beds = 0;
// Admitted and consented yesterday: today's day shift (08:00–20:00) is then covered at any hour the test runs.
const SINCE_YESTERDAY = { admittedAt: at(dayFromToday(-1), '09:00'), signedAt: at(dayFromToday(-1), '09:30') };

async function stayCode(): Promise<{ bookingId: string; code: string }> {
  const b = await patient(h, { wardId: ward, bed: String(++beds).padStart(2, '0'), barthel: 50, ...SINCE_YESTERDAY });
  const a = await aide(h, { homeWardIds: [ward] });
  await h.ok('post', '/nursing/assignments', { date: dayFromToday(0), shiftCode: 'day', bookingId: b.id, aideId: a.id });
  const code = await h.ok('get', `/voice/codes?subjectKind=nursing_stay&subjectId=${b.id}`);
  return { bookingId: b.id, code: code.code };
}
const ratings = (bookingId: string) => env.deps.prisma.rating.findMany({ where: { tenantId: h.tenant.id, subjectId: bookingId } });
const audits = (ratingId: string) => env.deps.prisma.auditLog.findMany({ where: { tenantId: h.tenant.id, entity: 'Rating', entityId: ratingId } });

beforeAll(async () => {
  // An hour in production; long enough here that a second, different rating is refused.
  env = await createTestEnv('voice_offline', { VOICE_CODE_INTERVAL_SECONDS: '600' });
  h = await hospital(env);
  ward = (await h.ok('post', '/nursing/wards', { name: '老年病科', beds: ['01', '02', '03'] })).id;
  server = await serve(env);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
});

describe('the rating page when the connection drops', () => {
  it('when the phone is offline at submit, then the page keeps the form, says it will be sent, and sends it once when back online', async () => {
    const { bookingId, code } = await stayCode();
    const ctx = await phoneContext(browser, server.url);
    const page = await ctx.newPage();
    await page.goto(`/app/rate/${code}`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('请为这次服务打分');
    await page.locator('input[name="score_attitude"][value="5"]').check({ force: true });
    await page.locator('input[name="score_skill"][value="4"]').check({ force: true });
    await page.getByLabel('想说的话（可不填）').fill('护理员很耐心');

    await ctx.setOffline(true);
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.locator('#rate-waiting').innerText()).toBe('现在没有网络。您填写的内容已保存在手机上，联网后会自动发送。');
    expect(await page.locator('#rate-waiting').isVisible()).toBe(true);
    expect(await ratings(bookingId)).toHaveLength(0);
    // Kept on the phone: the outbox holds the form as it was filled in.
    const kept = await page.evaluate(() => new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open('outbox-voice-rate');
      open.onsuccess = () => {
        const get = open.result.transaction('items').objectStore('items').getAll();
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      };
      open.onerror = () => reject(open.error);
    }));
    expect(kept).toEqual([expect.objectContaining({ body: expect.objectContaining({ score_attitude: '5', score_skill: '4', comment: '护理员很耐心' }) })]);
    await page.screenshot({ path: 'docs/img/voice-rate-offline.png', fullPage: true });

    await ctx.setOffline(false);
    await expect.poll(() => page.locator('.notice').innerText(), { timeout: 20_000 }).toBe('谢谢您的评价！');
    await expect.poll(() => page.locator('#current-rating').innerText()).toContain('4.5');
    expect(await page.locator('#rate-waiting').isVisible()).toBe(false);
    const saved = await ratings(bookingId);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ meanTenths: 45, comment: '护理员很耐心', source: 'code' });
    expect((await audits(saved[0].id)).map((a) => a.action)).toEqual(['rating.create']);
    await ctx.close();
  }, 90_000);

  it('when a form reached the server but its answer was lost, then the identical replay is answered as the first time and saves nothing twice; another rating is still refused', async () => {
    const { bookingId, code } = await stayCode();
    const form = { requestKey: 'replay-key-0001', score_attitude: '3', score_skill: '4', comment: '', raterKind: 'family' };
    const first = await env.request.post(`/app/rate/${code}`).type('form').send(form);
    expect(first.status).toBe(303);
    expect(first.headers.location).toContain('done=rated');
    // The phone never saw that answer and sends the same form again (as the outbox does, JSON).
    const replay = await env.request.post(`/app/rate/${code}`).send(form);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toContain('done=rated');
    const saved = await ratings(bookingId);
    expect(saved).toHaveLength(1);
    expect((await audits(saved[0].id)).map((a) => a.action)).toEqual(['rating.create']);
    // A different rating within the interval (or the same key with other stars) is still once an hour.
    for (const other of [{ ...form, requestKey: 'replay-key-0002' }, { ...form, score_attitude: '1' }]) {
      const refused = await env.request.post(`/app/rate/${code}`).type('form').send(other);
      expect(refused.headers.location).toContain('done=tooSoon');
    }
    expect((await ratings(bookingId))[0].meanTenths).toBe(35);
  });

  it('when a complaint is sent again after a lost answer, then one ticket exists and the resident is told it was received', async () => {
    const { bookingId, code } = await stayCode();
    const form = { requestKey: 'ticket-key-0001', category: 'nursing_care', description: '夜里没人翻身' };
    for (let i = 0; i < 2; i++) {
      const res = await env.request.post(`/app/rate/${code}/tickets`).send(form);
      expect(res.status).toBe(303);
      expect(res.headers.location).toContain('done=reported');
    }
    expect(await env.deps.prisma.ticket.count({ where: { tenantId: h.tenant.id, subjectId: bookingId } })).toBe(1);
  });
});
