// The counter's money rules through the API (issue 16 §5–6): the slot comes from the canteen's
// serving hours, a checkout outside them or recorded too late is refused unless a manager
// override with a reason is given, and that override is kept on the meal and in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { addDays, today } from '../../src/time/index.js';
import { bindOperator, bornAged, checkout, createCanteen, createPerson, servedAt, stopListening, zoneNearNoon } from '../support/canteen/api-support.js';

let env: TestEnv;
let t: TestTenant;
let zone: string;
let day: string;
let canteen: string;
let allDay: string;
let cashier: { id: string; token: string };
let diner: { id: string; idNumber: string };

beforeAll(async () => {
  env = await createTestEnv('canteen_rules');
  zone = zoneNearNoon();
  day = today(zone);
  t = await env.tenant({ timeZone: zone, locale: 'zh-CN' });
  cashier = await t.user(['canteen_operator']);
  canteen = await createCanteen(env, t, '城南社区食堂', { breakfast: 300, lunch: 1000, dinner: 800 });
  const res = await env.request.post('/canteens').set(bearer(t.adminToken))
    .send({ name: '全天食堂', prices: { lunch: 1000 }, servingHours: { lunch: { from: '00:00', to: '23:59' } } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  allDay = res.body.id;
  await bindOperator(env, t, canteen, cashier.id);
  await bindOperator(env, t, allDay, cashier.id);
  diner = await createPerson(env, t, { birthDate: bornAged(day, 85), cardNumber: 'RULES-85' });
});
afterAll(async () => {
  await stopListening(env);
  await env?.close();
});

const mealsOf = (personId: string) => env.deps.prisma.canteenMeal.count({ where: { tenantId: t.id, personId } });
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

describe('defaults', () => {
  it('when a canteen is created without serving hours, then it gets 06:30–09:00, 10:30–13:30, 16:30–19:00; the default policy gives breakfast a flat 1 yuan', async () => {
    const c = await env.request.get(`/canteens/${canteen}`).set(bearer(cashier.token));
    expect(c.body.servingHours).toEqual({ breakfast: { from: '06:30', to: '09:00' }, lunch: { from: '10:30', to: '13:30' }, dinner: { from: '16:30', to: '19:00' } });
    const defaults = await env.request.get('/subsidy-policies/defaults').set(bearer(t.adminToken));
    expect(defaults.body.slotAmounts ?? defaults.body.rules?.slotAmounts).toEqual({ breakfast: { amount: 100 } });
    const settings = await env.request.get('/canteen-settings').set(bearer(cashier.token));
    expect(settings.body).toEqual({ lateRecordToleranceMinutes: 120 });
  });

  it('when an 85-year-old eats breakfast (3 yuan), then 1 yuan is subsidised and 2 paid, as the README says', async () => {
    const res = await checkout(env, cashier.token, canteen, { cardNumber: 'RULES-85', servedAt: servedAt(day, '07:30', zone) });
    // 07:30 today is more than 2 h ago at noon: recorded late, so the manager records it.
    expect(res.status).toBe(422);
    const ok = await checkout(env, t.adminToken, canteen, { cardNumber: 'RULES-85', servedAt: servedAt(day, '07:30', zone), override: { reason: '纸质台账补录' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ slot: 'breakfast', price: 300, subsidy: 100, payable: 200 });
    expect(ok.body.message).toBe('age 80–89: 1.00 yuan off (breakfast flat rate)'); // Accept-Language: en
    expect(ok.body.explanation.zh).toBe('80–89岁：补贴1.00元（早餐统一标准）');
  });

  it('when serving hours overlap or end before they start, then 400 names the field; a valid change applies', async () => {
    const overlap = await env.request.patch(`/canteens/${canteen}`).set(bearer(t.adminToken))
      .send({ servingHours: { breakfast: { from: '06:30', to: '11:00' }, lunch: { from: '10:30', to: '13:30' } } });
    expect(overlap.status).toBe(400);
    expect(overlap.body.errors.map((e: { path: string }) => e.path)).toContain('body.servingHours.lunch.from');
    const backwards = await env.request.patch(`/canteens/${canteen}`).set(bearer(t.adminToken)).send({ servingHours: { lunch: { from: '13:00', to: '11:00' } } });
    expect(backwards.body.errors[0].path).toBe('body.servingHours.lunch.to');
    const cashierTry = await env.request.patch(`/canteens/${canteen}`).set(bearer(cashier.token)).send({ servingHours: { lunch: { from: '00:00', to: '23:59' } } });
    expect(cashierTry.status).toBe(403);
  });
});

describe('the slot comes from the serving hours', () => {
  it('when a cashier checks out now without a slot, then the meal is lunch (the window it is in)', async () => {
    const res = await checkout(env, cashier.token, canteen, { personId: (await createPerson(env, t, { birthDate: bornAged(day, 70) })).id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.slot).toBe('lunch');
    expect(res.body.override).toBeNull();
    expect(Math.abs(Date.parse(res.body.recordedAt) - Date.parse(res.body.servedAt))).toBeLessThan(5_000);
  });

  it('when a cashier claims dinner at lunchtime, then 422 names body.slot and nothing is written; the cashier cannot override (403); a manager can, and it is audited', async () => {
    const p = await createPerson(env, t, { birthDate: bornAged(day, 91) });
    const refused = await checkout(env, cashier.token, canteen, { personId: p.id, slot: 'dinner' });
    expect(refused.status).toBe(422);
    expect(refused.body.reason).toBe('override_required');
    expect(refused.body.needs).toEqual(['outside_hours']);
    expect(refused.body.errors[0].path).toBe('body.slot');
    expect(await mealsOf(p.id)).toBe(0);

    const byCashier = await checkout(env, cashier.token, canteen, { personId: p.id, slot: 'dinner', override: { reason: '晚餐提前打包' } });
    expect(byCashier.status).toBe(403);
    expect(byCashier.body.errors[0].path).toBe('body.override');
    expect(await mealsOf(p.id)).toBe(0);

    const missingReason = await checkout(env, t.adminToken, canteen, { personId: p.id, slot: 'dinner', override: { reason: ' ' } });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.errors[0].path).toBe('body.override.reason');

    const allowed = await checkout(env, t.adminToken, canteen, { personId: p.id, slot: 'dinner', override: { reason: '晚餐提前打包' } });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(201);
    expect(allowed.body.slot).toBe('dinner');
    expect(allowed.body.override).toMatchObject({ kinds: ['outside_hours'], reason: '晚餐提前打包' });
    const audit = await env.deps.prisma.auditLog.findMany({ where: { tenantId: t.id, entityId: allowed.body.id } });
    expect(audit.map((a) => a.action).sort()).toEqual(['canteen.meal.checkout', 'canteen.meal.override']);
    expect(audit.find((a) => a.action === 'canteen.meal.override')!.after).toMatchObject({ kinds: ['outside_hours'], reason: '晚餐提前打包', slot: 'dinner' });
  });

  it('when servedAt is outside every window, then 422 names body.servedAt', async () => {
    // 03:00 tomorrow would be the future; 03:00 of a past day is also late, so both reasons are named.
    const res = await checkout(env, cashier.token, canteen, { cardNumber: 'RULES-85', servedAt: servedAt(addDays(day, -1), '03:00', zone) });
    expect(res.status).toBe(422);
    expect(res.body.needs).toEqual(['outside_hours', 'late_record']);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.servedAt', 'body.servedAt']);
  });
});

describe('meals recorded long after they were served', () => {
  it('when servedAt is 3 h ago, then 422 names body.servedAt; with a manager override it is recorded with recordedAt beside servedAt', async () => {
    const p = await createPerson(env, t, { birthDate: bornAged(day, 75) });
    const refused = await checkout(env, cashier.token, allDay, { personId: p.id, servedAt: minutesAgo(180) });
    expect(refused.status).toBe(422);
    expect(refused.body.needs).toEqual(['late_record']);
    expect(refused.body.errors[0].path).toBe('body.servedAt');
    expect(await mealsOf(p.id)).toBe(0);
    const allowed = await checkout(env, t.adminToken, allDay, { personId: p.id, servedAt: minutesAgo(180), override: { reason: '停电后补录' } });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(201);
    expect(allowed.body.override).toMatchObject({ kinds: ['late_record'], reason: '停电后补录' });
    expect(Date.parse(allowed.body.recordedAt) - Date.parse(allowed.body.servedAt)).toBeGreaterThan(179 * 60_000);
    const one = await env.request.get(`/canteens/${allDay}/meals/${allowed.body.id}`).set(bearer(cashier.token));
    expect(one.body.recordedAt).toBe(allowed.body.recordedAt);
  });

  it('when servedAt is 90 min ago, then it passes within the default 2 h; a tenant setting of 60 min refuses it', async () => {
    const p = await createPerson(env, t, { birthDate: bornAged(day, 66) });
    expect((await checkout(env, cashier.token, allDay, { personId: p.id, servedAt: minutesAgo(90) })).status).toBe(201);
    const bad = await env.request.patch('/canteen-settings').set(bearer(t.adminToken)).send({ lateRecordToleranceMinutes: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.lateRecordToleranceMinutes');
    expect((await env.request.patch('/canteen-settings').set(bearer(cashier.token)).send({ lateRecordToleranceMinutes: 60 })).status).toBe(403);
    const set = await env.request.patch('/canteen-settings').set(bearer(t.adminToken)).send({ lateRecordToleranceMinutes: 60 });
    expect(set.body).toEqual({ lateRecordToleranceMinutes: 60 });
    const q = await createPerson(env, t, { birthDate: bornAged(day, 66) });
    const refused = await checkout(env, cashier.token, allDay, { personId: q.id, servedAt: minutesAgo(90) });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toMatch(/60 min/);
    await env.request.patch('/canteen-settings').set(bearer(t.adminToken)).send({ lateRecordToleranceMinutes: 120 });
  });
});
