/// <reference lib="dom" />
// Residents' voice on the hospital coordinator's ward board (real Chromium): the month's
// satisfaction and response rates of the ward and of each aide, and a low rating with its comment,
// equal to the ratings and tickets planted through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { escalateOverdue } from '../../src/voice/escalation.js';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { deskContext, launchBrowser, serve, signIn, staff } from '../support/browser.js';
import { aide, at, dayFromToday, hospital, patient } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let ctx: BrowserContext;
let page: Page;
const TODAY = dayFromToday(0);
const MONTH = TODAY.slice(0, 7);
let cardio: string;
let neuro: string;
let wang: { id: string };
let zhao: { id: string };
let sun: { id: string };
let lowBooking: { id: string };
const tickets: { accepted?: string; fresh?: string } = {};

async function stay(wardId: string, bed: string, aideId: string) {
  const b = await patient(h, { wardId, bed, barthel: 50, admittedAt: at(TODAY, '00:00'), signedAt: at(TODAY, '00:00') }); // from midnight: today's day shift is covered at any hour, the stay still dated today
  await h.ok('post', '/nursing/assignments', { date: TODAY, shiftCode: 'day', bookingId: b.id, aideId });
  return b;
}
const rate = (bookingId: string, attitude: number, skill: number, comment?: string) =>
  h.ok('post', '/voice/ratings', { subjectKind: 'nursing_stay', subjectId: bookingId, scores: { attitude, skill }, raterKind: 'family', ...(comment ? { comment } : {}) });

beforeAll(async () => {
  env = await createTestEnv('voice_ward_board');
  h = await hospital(env);
  cardio = (await h.ok('post', '/nursing/wards', { name: '心内科', beds: ['01', '02', '03', '04'] })).id;
  neuro = (await h.ok('post', '/nursing/wards', { name: '神经内科', beds: ['01'] })).id;
  wang = await aide(h, { name: '王芳', homeWardIds: [cardio, neuro] });
  zhao = await aide(h, { name: '赵敏', homeWardIds: [cardio] });
  sun = await aide(h, { name: '孙丽', homeWardIds: [neuro] });
  server = await serve(env);
  browser = await launchBrowser();
  const coordinator = await staff(env, h.tenant, ['hospital_coordinator'], '李协调');
  ctx = await deskContext(browser, server.url);
  page = await ctx.newPage();
  await signIn(page, coordinator.username);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await server?.close();
  await env?.close();
});

const card = () => page.locator('.ward-voice');

describe('residents’ voice on the ward board', () => {
  it('when nothing is rated yet, then the board says so', async () => {
    await page.goto(`/app/nursing/ward?ward=${cardio}`);
    await expect.poll(() => card().innerText()).toContain(`群众评价 · ${MONTH}`);
    expect(await card().innerText()).toContain('本月尚无对本病区的评价或反映。');
  });

  it('when families rate stays and report one, then the ward’s and each aide’s figures equal what was planted, and the low rating shows with its comment', async () => {
    const good = await stay(cardio, '01', wang.id);
    lowBooking = await stay(cardio, '02', wang.id);
    const fair = await stay(cardio, '03', zhao.id);
    const elsewhere = await stay(neuro, '01', sun.id);
    await rate(good.id, 5, 4); // 4.5
    await rate(lowBooking.id, 2, 1, '夜里按铃半小时没人来'); // 1.5
    await rate(fair.id, 4, 4); // 4.0
    await rate(elsewhere.id, 1, 1, '另一个病区'); // not this ward
    // Two reports about the ward: one accepted in time, one not yet (accepted 1 of 2, resolved 0 of 2).
    const t1 = await h.ok('post', '/voice/tickets', { category: 'nursing_care', description: '夜间呼叫响应慢', subjectKind: 'nursing_stay', subjectId: lowBooking.id });
    await h.ok('post', `/voice/tickets/${t1.id}/accept`);
    const t2 = await h.ok('post', '/voice/tickets', { category: 'other', description: '病房太吵', subjectKind: 'nursing_stay', subjectId: fair.id });
    Object.assign(tickets, { accepted: t1.id, fresh: t2.id });

    await page.goto(`/app/nursing/ward?ward=${cardio}`);
    const ward = card().locator('tr[data-voice="ward"]');
    await expect.poll(() => ward.locator('th').innerText()).toBe('病区 心内科');
    // 3 ratings, mean (45 + 15 + 40) / 3 = 33.3 → 3.3 stars, 2 of 3 satisfied; 2 tickets, 1 accepted in time, none resolved.
    expect((await ward.locator('td').allInnerTexts()).map((x) => x.trim())).toEqual(['3', '3.3', '66.7%', '2', '50%', '0%']);
    const wangRow = card().locator(`tr[data-voice-aide="${wang.id}"]`);
    expect(await wangRow.locator('th').innerText()).toBe('护理员 王芳');
    // Wang's two stays (4.5 and 1.5): 3.0 stars, 1 of 2 satisfied; the neurology aide is not on this board.
    expect((await wangRow.locator('td').allInnerTexts()).slice(0, 3)).toEqual(['2', '3.0', '50%']);
    expect((await card().locator(`tr[data-voice-aide="${zhao.id}"] td`).allInnerTexts()).slice(0, 3)).toEqual(['1', '4.0', '100%']);

    const low = card().locator('.voice-low li');
    expect(await low.count()).toBe(1);
    const patientName = (await h.ok('get', `/nursing/bookings/${lowBooking.id}`)).person.name as string;
    const text = await low.innerText();
    expect(text).toContain(`${TODAY} · `);
    expect(text).toContain('王芳：1.5 星');
    expect(text).toContain(patientName);
    expect(await low.locator('.comment').innerText()).toBe('夜里按铃半小时没人来');
    expect(await card().innerText()).not.toContain('另一个病区');
    expect(await card().locator(`tr[data-voice-aide="${sun.id}"]`).count()).toBe(0);
    if (process.env.SCREENSHOTS === '1') await card().screenshot({ path: 'docs/img/voice-ward-board.png' });

    // The neurology board has its own figures: one rating, 1.0 star.
    await page.goto(`/app/nursing/ward?ward=${neuro}`);
    await expect.poll(async () => (await card().locator('tr[data-voice="ward"] td').allInnerTexts()).slice(0, 3)).toEqual(['1', '1.0', '0%']);
    expect(await card().locator('.voice-low .comment').innerText()).toBe('另一个病区');
  }, 90_000);

  it('when the same figures are asked of the monthly report, then they agree with the board', async () => {
    const report = await h.ok('get', `/voice/report?month=${MONTH}`);
    const ward = report.rows.find((r: { kind: string; id: string }) => r.kind === 'ward' && r.id === cardio);
    expect(ward).toMatchObject({ ratings: 3, meanTenths: 33, satisfactionPct: 66.7, tickets: 2, acceptedInTimePct: 50, resolvedInTimePct: 0 });
  });

  it('when the ward’s reports run late and two escalation runs race, then each is escalated once and the admins get one in-app message each (no SMS set up here)', async () => {
    const past = new Date(Date.now() - 60_000);
    await env.deps.prisma.ticket.update({ where: { id: tickets.accepted }, data: { resolveDueAt: past } });
    await env.deps.prisma.ticket.update({ where: { id: tickets.fresh }, data: { acceptDueAt: past } });
    const runs = await Promise.all([escalateOverdue(env.deps, h.tenant.id), escalateOverdue(env.deps, h.tenant.id)]);
    expect(runs[0] + runs[1]).toBe(2);
    expect(await escalateOverdue(env.deps, h.tenant.id)).toBe(0);
    const messages = await env.deps.prisma.notifyMessage.findMany({ where: { tenantId: h.tenant.id, refType: 'ticket' } });
    expect(messages.map((m) => [m.refId, m.channel, m.recipient, m.template]).sort()).toEqual([
      [tickets.accepted, 'in_app', 'role:admin', 'ticketNotResolved'],
      [tickets.fresh, 'in_app', 'role:admin', 'ticketNotAccepted'],
    ].sort());
    const inbox = await env.request.get('/notify/inbox').set({ Authorization: `Bearer ${h.tenant.adminToken}` });
    expect(inbox.body.items.map((i: { text: string }) => i.text)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^【群众评单】心内科的一件群众反映（护理服务）超过办结期限（.+）仍未办结，请督办。$/),
      expect.stringMatching(/^【群众评单】心内科的一件群众反映（其他）超过受理期限（.+）仍未受理，请督办。$/),
    ]));
    // The coordinator's figures do not change by escalating.
    const ward = (await h.ok('get', `/voice/report?month=${MONTH}`)).rows.find((r: { kind: string; id: string }) => r.kind === 'ward' && r.id === cardio);
    expect(ward).toMatchObject({ tickets: 2, acceptedInTimePct: 50 });
  });

  it('when the ticket escalated for its accept deadline is accepted late and then misses its resolve deadline, then it is escalated once more, for that deadline only', async () => {
    const id = tickets.fresh!;
    await h.ok('post', `/voice/tickets/${id}/accept`);
    expect(await escalateOverdue(env.deps, h.tenant.id)).toBe(0); // accepted, resolve deadline still ahead
    await env.deps.prisma.ticket.update({ where: { id }, data: { resolveDueAt: new Date(Date.now() - 60_000) } });
    const runs = await Promise.all([escalateOverdue(env.deps, h.tenant.id), escalateOverdue(env.deps, h.tenant.id)]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await escalateOverdue(env.deps, h.tenant.id)).toBe(0);
    const messages = await env.deps.prisma.notifyMessage.findMany({ where: { tenantId: h.tenant.id, refType: 'ticket', refId: id } });
    expect(messages.map((m) => [m.channel, m.template, m.businessKey]).sort()).toEqual([
      ['in_app', 'ticketNotAccepted', `ticket-overdue.${id}.0.accept.in_app`],
      ['in_app', 'ticketNotResolved', `ticket-overdue.${id}.0.resolve.in_app`],
    ]);
    expect(await env.deps.prisma.auditLog.count({ where: { entityId: id, action: 'ticket.escalate' } })).toBe(2);
    const view = (await h.ok('get', '/voice/tickets')).items.find((x: { id: string }) => x.id === id);
    expect(view).toMatchObject({ status: 'accepted', acceptEscalatedAt: expect.any(String), resolveEscalatedAt: expect.any(String), escalatedAt: view.resolveEscalatedAt });
    const inbox = await env.request.get('/notify/inbox').set({ Authorization: `Bearer ${h.tenant.adminToken}` });
    expect(inbox.body.items.map((i: { text: string }) => i.text)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^【群众评单】心内科的一件群众反映（其他）超过办结期限（.+）仍未办结，请督办。$/),
    ]));
  });
});
