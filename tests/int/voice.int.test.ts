/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { formatLocalDateTime, today } from '../../src/time/index.js';
import { signFor } from '../../src/voice/code-service.js';
import { voiceSettings } from '../../src/voice/settings.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { launchBrowser, phoneContext, serve } from '../support/browser.js';
import { CREDS, startFakeProviders } from '../support/notify/fake-providers.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
const TZ = afternoonZone();
const D0 = today(TZ);
interface Stop { id: string; orderId: string }
let stops: Stop[] = [];
let fake: Awaited<ReturnType<typeof startFakeProviders>>;
const ADMIN_PHONE = '13800000001'; // …01: the fake provider accepts it

beforeAll(async () => {
  fake = await startFakeProviders();
  Object.assign(process.env, { VOICE_T_ALIYUN_ID: CREDS.aliyunId, VOICE_T_ALIYUN_SECRET: CREDS.aliyunSecret });
  // One code, one submission per second here (an hour in production), so a re-rating can be tested.
  env = await createTestEnv('voice', { VOICE_CODE_INTERVAL_SECONDS: '3' });
  env.startWorkers();
  w = await createWorld(env, { recipients: 4, vehicles: [{ capacity: 4 }], timeZone: TZ, locale: 'zh-CN' });
  await generate(env, w, D0);
  const plan = await planAndWait(env, w, D0);
  expect((await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(bearer(w.manager.token))).status).toBe(200);
  stops = plan.routes[0].stops;
  for (const s of stops.slice(0, 3)) {
    const res = await env.request.post(`/delivery/stops/${s.id}/outcome`).set(bearer(w.drivers[0].token)).send({ status: 'delivered' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  server = await serve(env);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
  await fake?.close();
});

const m = () => bearer(w.manager.token);
const codeFor = async (orderId: string) => {
  const res = await env.request.get('/voice/codes').query({ subjectKind: 'meal', subjectId: orderId }).set(m());
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.qrSvg).toMatch(/^<svg/);
  return res.body as { code: string; url: string };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rating through a printed code on a phone', () => {
  it('when a family member opens the code and gives stars, then the rating is saved; a second rating edits it; the page names only the date and the kitchen', async () => {
    const { code } = await codeFor(stops[0].orderId);
    const ctx = await phoneContext(browser, server.url);
    const page = await ctx.newPage();
    await page.goto(`/app/rate/${code}`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('请为这次服务打分');
    const intro = await page.locator('.big-text').innerText();
    expect(intro).toContain(D0);
    expect(intro).toContain('Central kitchen');
    for (const r of w.recipients) expect(await page.content()).not.toContain(r.name);
    await page.getByText('4 星').first().click(); // taste
    await page.locator('input[name="score_temperature"][value="2"]').check({ force: true });
    await page.locator('input[name="score_punctuality"][value="5"]').check({ force: true });
    await page.getByLabel('填写人').selectOption('family');
    await page.getByLabel('想说的话（可不填）').fill('饭有点凉');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toBe('谢谢您的评价！');
    await expect.poll(() => page.locator('#current-rating').innerText()).toContain('3.7');
    await page.screenshot({ path: 'docs/img/voice-rate.png', fullPage: true });

    await sleep(3100); // past the code's interval (3 s here, an hour in production)
    await page.locator('input[name="score_temperature"][value="5"]').check({ force: true });
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.locator('#current-rating').innerText()).toContain('4.7');
    const rows = await env.deps.prisma.rating.findMany({ where: { tenantId: w.t.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subjectId: stops[0].orderId, raterKind: 'family', comment: '饭有点凉', meanTenths: 47, unitKind: 'kitchen', staffId: w.drivers[0].id });
    const audit = await env.deps.prisma.auditLog.findMany({ where: { tenantId: w.t.id, entity: 'Rating' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(audit.map((a) => a.action)).toEqual(['rating.create', 'rating.edit']);

    // Straight away again: the edit just used the code's interval.
    const again = await env.request.post(`/app/rate/${code}`).type('form').send({ score_taste: '1', score_temperature: '1', score_punctuality: '1' });
    expect(again.status).toBe(303);
    expect(again.headers.location).toContain('done=tooSoon');
    expect((await env.deps.prisma.rating.findFirstOrThrow({ where: { tenantId: w.t.id } })).meanTenths).toBe(47);
    await ctx.close();
  });

  it('when a code is altered, expired or for a meal not delivered, then the page says so and nothing is saved', async () => {
    const { code } = await codeFor(stops[1].orderId);
    const forged = code.slice(0, 40) + (code[40] === 'A' ? 'B' : 'A') + code.slice(41);
    const bad = await env.request.get(`/app/rate/${forged}`);
    expect(bad.status).toBe(404);
    expect(bad.text).toContain('这个评价码无效');
    const post = await env.request.post(`/app/rate/${forged}`).type('form').send({ score_taste: '5', score_temperature: '5', score_punctuality: '5' });
    expect(post.status).toBe(404);

    const { codeSecret } = await voiceSettings(env.deps.prisma, w.t.id);
    const old = signFor(codeSecret, { tenantId: w.t.id, timeZone: TZ }, 'meal', stops[1].orderId, '2026-01-01').code;
    const expired = await env.request.get(`/app/rate/${old}`);
    expect(expired.status).toBe(404);
    expect(expired.text).toContain('这个评价码已过期');

    const pending = signFor(codeSecret, { tenantId: w.t.id, timeZone: TZ }, 'meal', stops[3].orderId, D0).code;
    const notYet = await env.request.get(`/app/rate/${pending}`);
    expect(notYet.status).toBe(422);
    expect(notYet.text).toContain('还不能评价');
    expect(await env.deps.prisma.rating.count({ where: { tenantId: w.t.id, subjectId: { in: [stops[1].orderId, stops[3].orderId] } } })).toBe(0);
  });
});

describe('complaints become tickets routed to the unit', () => {
  it('when a resident reports a late meal, then the kitchen manager accepts and resolves it, and the resident reopens it from the same code', async () => {
    const { code } = await codeFor(stops[1].orderId);
    const ctx = await phoneContext(browser, server.url);
    const page = await ctx.newPage();
    await page.goto(`/app/rate/${code}`);
    await page.getByLabel('问题类别').selectOption('lateness');
    await page.getByLabel('问题描述').fill('饭晚到了一个小时');
    await page.getByRole('button', { name: '提交反映' }).click();
    await expect.poll(() => page.locator('.notice').innerText()).toContain('Central kitchen 会在 24 小时内受理');
    // A resent form (same one-time key) makes no second ticket.
    const list = await env.request.get('/voice/tickets').set(m());
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const ticket = list.body.items[0];
    expect(ticket).toMatchObject({ category: 'lateness', unitKind: 'kitchen', unitId: w.kitchenId, unitName: 'Central kitchen', status: 'new', source: 'code' });

    // A driver is not the kitchen's office.
    expect((await env.request.post(`/voice/tickets/${ticket.id}/accept`).set(bearer(w.drivers[0].token))).status).toBe(403);
    expect((await env.request.post(`/voice/tickets/${ticket.id}/resolve`).set(m()).send({ resolution: '已处理' })).status).toBe(409);
    expect((await env.request.post(`/voice/tickets/${ticket.id}/accept`).set(m())).body.status).toBe('accepted');
    const resolved = await env.request.post(`/voice/tickets/${ticket.id}/resolve`).set(m()).send({ resolution: '已调整路线，先送这一户' });
    expect(resolved.body.status).toBe('resolved');

    await page.goto(`/app/rate/${code}`);
    await expect.poll(() => page.locator('.ticket .status').innerText()).toBe('已处理，待确认');
    await expect.poll(() => page.locator('.ticket').innerText()).toContain('已调整路线，先送这一户');
    await page.getByRole('button', { name: '没有解决，重新反映' }).click();
    await expect.poll(() => page.locator('.ticket .status').innerText()).toBe('重新打开');
    const after = (await env.request.get('/voice/tickets').set(m())).body.items[0];
    expect(after).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null });
    const steps = await env.deps.prisma.auditLog.findMany({ where: { tenantId: w.t.id, entity: 'Ticket', entityId: ticket.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(steps.map((s) => s.action)).toEqual(['ticket.open', 'ticket.accept', 'ticket.resolve', 'ticket.reopen']);
    await ctx.close();
  });

  it('when a ticket passes its deadline, then the job (run twice) escalates it once and the admin gets one in-app message and one SMS', async () => {
    const admin = bearer(w.t.adminToken);
    const sms = await env.request.put('/notify/settings').set(admin).send({ channels: { sms: {
      provider: 'aliyun', endpoint: `${fake.url}/aliyun/`, accessKeyIdRef: 'env:VOICE_T_ALIYUN_ID', accessKeySecretRef: 'env:VOICE_T_ALIYUN_SECRET', signName: '助餐服务',
      templates: { ticketNotAccepted: { id: 'SMS_900001', params: ['unit', 'category', 'due'] } },
    } } });
    expect(sms.status, JSON.stringify(sms.body)).toBe(200);
    await env.deps.prisma.user.updateMany({ where: { tenantId: w.t.id, roles: { has: 'admin' } }, data: { phone: ADMIN_PHONE } });
    const open = await env.request.post('/voice/tickets').set(m()).send({ category: 'food_quality', description: '菜太咸', subjectKind: 'meal', subjectId: stops[2].orderId });
    expect(open.status, JSON.stringify(open.body)).toBe(201);
    const due = new Date(Date.now() - 60_000);
    await env.deps.prisma.ticket.update({ where: { id: open.body.id }, data: { acceptDueAt: due } });
    const queue = env.deps.queues.get('tickets.escalate');
    const jobs = await Promise.all([0, 1].map(() => queue.add('tickets.escalate', { tenantId: w.t.id })));
    for (const job of jobs) await expect.poll(async () => (await queue.getJob(job.id!))?.finishedOn, { timeout: 20_000 }).toBeTruthy();
    expect(await env.deps.prisma.ticket.findUniqueOrThrow({ where: { id: open.body.id } })).toMatchObject({ acceptEscalatedAt: expect.any(Date), resolveEscalatedAt: null });
    expect(await env.deps.prisma.auditLog.count({ where: { entityId: open.body.id, action: 'ticket.escalate' } })).toBe(1);
    const messages = await env.deps.prisma.notifyMessage.findMany({ where: { tenantId: w.t.id, refType: 'ticket', refId: open.body.id }, orderBy: { channel: 'asc' } });
    expect(messages.map((x) => [x.channel, x.recipient, x.template])).toEqual([['in_app', 'role:admin', 'ticketNotAccepted'], ['sms', ADMIN_PHONE, 'ticketNotAccepted']]);
    await expect.poll(() => fake.count('aliyun', ADMIN_PHONE), { timeout: 20_000 }).toBe(1);
    const sent = fake.received.find((r) => r.to === ADMIN_PHONE)!;
    expect(sent.body.TemplateCode).toBe('SMS_900001');
    expect(JSON.parse(String(sent.body.TemplateParam))).toMatchObject({ unit: 'Central kitchen', category: '饭菜质量' });

    // A third run (the next quarter hour) changes nothing; the admin reads the sentence in the inbox.
    const third = await queue.add('tickets.escalate', { tenantId: w.t.id });
    await expect.poll(async () => (await queue.getJob(third.id!))?.returnvalue, { timeout: 20_000 }).toEqual({ escalated: 0 });
    expect(await env.deps.prisma.notifyMessage.count({ where: { tenantId: w.t.id, refType: 'ticket', refId: open.body.id } })).toBe(2);
    const inbox = await env.request.get('/notify/inbox').set(admin);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: { text: string }) => i.text)).toContain(
      `【群众评单】Central kitchen的一件群众反映（饭菜质量）超过受理期限（${formatLocalDateTime(due, TZ)}）仍未受理，请督办。`);
    expect(fake.count('aliyun', ADMIN_PHONE)).toBe(1);
    const view = (await env.request.get('/voice/tickets').set(m())).body.items.find((x: { id: string }) => x.id === open.body.id);
    expect(view).toMatchObject({ overdue: true, escalatedAt: expect.any(String) });
  });
});

describe('monthly figures', () => {
  it('when ratings and tickets are planted, then the report and its CSV give their counts, means and rates per kitchen and driver', async () => {
    const phone = await env.request.post('/voice/ratings').set(m())
      .send({ subjectKind: 'meal', subjectId: stops[2].orderId, scores: { taste: 2, temperature: 2, punctuality: 3 }, raterKind: 'grid_worker' });
    expect(phone.status, JSON.stringify(phone.body)).toBe(200);
    expect((await env.request.post('/voice/ratings').set(m()).send({ subjectKind: 'meal', subjectId: stops[3].orderId, scores: { taste: 5, temperature: 5, punctuality: 5 } })).status).toBe(422);
    expect((await env.request.post('/voice/ratings').set(m()).send({ subjectKind: 'meal', subjectId: stops[2].orderId, scores: { taste: 5 } })).status).toBe(400);
    // A zh-CN reader (no Accept-Language) reads the refusals in Chinese.
    const zh = { Authorization: `Bearer ${w.manager.token}` };
    const notReady = await env.request.post('/voice/ratings').set(zh).send({ subjectKind: 'meal', subjectId: stops[3].orderId, scores: { taste: 5, temperature: 5, punctuality: 5 } });
    expect(notReady.body.detail).toBe('这次服务还不能评价（尚未送达或尚未开始）。');
    const badScores = await env.request.post('/voice/ratings').set(zh).send({ subjectKind: 'meal', subjectId: stops[2].orderId, scores: { taste: 5, skill: 3 } });
    expect(badScores.body.detail).toBe('评分项与评价对象不符。');
    expect(badScores.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'body.scores.temperature', message: '必填。' }),
      expect.objectContaining({ path: 'body.scores.skill', message: '“送餐上门”不评这一项。' }),
    ]));
    expect((await env.request.get('/voice/report').query({ month: '2026-13' }).set(zh)).body.errors[0].message).toBe('月份格式应为 YYYY-MM。');
    const month = D0.slice(0, 7);
    const report = await env.request.get('/voice/report').query({ month }).set(m());
    expect(report.status).toBe(200);
    const kitchen = report.body.rows.find((r: { kind: string }) => r.kind === 'kitchen');
    // Ratings 4.7 (first stop, edited) and 2.3 (phone-in): mean 3.5, one of two satisfied.
    expect(kitchen).toMatchObject({ id: w.kitchenId, name: 'Central kitchen', ratings: 2, meanTenths: 35, satisfied: 1, satisfactionPct: 50 });
    // Two tickets, one accepted in time, none resolved in time (the first was reopened).
    expect(kitchen).toMatchObject({ tickets: 2, acceptedInTime: 1, acceptedInTimePct: 50, resolvedInTime: 0 });
    const driver = report.body.rows.find((r: { kind: string }) => r.kind === 'driver');
    expect(driver).toMatchObject({ id: w.drivers[0].id, ratings: 2, meanTenths: 35 });
    const csv = await env.request.get('/voice/report.csv').query({ month }).set(m());
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toContain('Satisfied'); // an integrator's Accept-Language: en
    const zhCsv = await env.request.get('/voice/report.csv').query({ month }).set({ Authorization: `Bearer ${w.manager.token}` });
    expect(zhCsv.text.split('\r\n')[0]).toContain('满意率');
    expect(zhCsv.text).toContain('中央厨房,Central kitchen,2,3.5,50%,2,50%,0%');
    expect((await env.request.get('/voice/report').query({ month: '2026-13' }).set(m())).status).toBe(400);
  });
});
