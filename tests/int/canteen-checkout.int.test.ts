import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { addDays, today } from '../../src/time/index.js';
import {
  bindOperator, bornAged, checkout, createCanteen, createPerson, servedAt, stopListening, strangerIdNumber, zoneNearNoon,
} from '../support/canteen/api-support.js';

let env: TestEnv;
let t: TestTenant;
let zone: string;
let day: string;
let canteenA: string;
let canteenB: string;
let cashierA: { id: string; token: string };
let cashierB: { id: string; token: string };
let auditor: { id: string; token: string };
const p: Record<string, { id: string; idNumber: string }> = {};

beforeAll(async () => {
  env = await createTestEnv('canteen_checkout');
  zone = zoneNearNoon();
  day = today(zone);
  t = await env.tenant({ timeZone: zone, locale: 'zh-CN' });
  cashierA = await t.user(['canteen_operator']);
  cashierB = await t.user(['canteen_operator']);
  auditor = await t.user(['auditor']);
  canteenA = await createCanteen(env, t, '城东社区食堂', { breakfast: 400, lunch: 1000, dinner: 800 });
  canteenB = await createCanteen(env, t, '山田村食堂', { lunch: 900 });
  await bindOperator(env, t, canteenA, cashierA.id);
  await bindOperator(env, t, canteenB, cashierB.id);
  p.turns90 = await createPerson(env, t, { birthDate: bornAged(day, 90, 0) });
  p.age75 = await createPerson(env, t, { birthDate: bornAged(day, 75), cardNumber: 'CARD-75' });
  p.lowIncome = await createPerson(env, t, { birthDate: bornAged(day, 65), statuses: [{ code: 'minimum_living', validFrom: '2024-01-01' }] });
  p.notLocal = await createPerson(env, t, { birthDate: bornAged(day, 82), localHukou: false });
  p.young = await createPerson(env, t, { birthDate: bornAged(day, 50) });
  p.racer = await createPerson(env, t, { birthDate: bornAged(day, 85) });
  p.voider = await createPerson(env, t, { birthDate: bornAged(day, 72) });
});
afterAll(async () => {
  await stopListening(env);
  await env?.close();
});

async function mealCount(where: Record<string, unknown>): Promise<number> {
  return env.deps.prisma.canteenMeal.count({ where: { tenantId: t.id, ...where } });
}

describe('canteens and operators', () => {
  it('when a cashier lists canteens, then only the canteens they are bound to are shown; another canteen is 404', async () => {
    const list = await env.request.get('/canteens').set(bearer(cashierA.token));
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([canteenA]);
    expect((await env.request.get(`/canteens/${canteenB}`).set(bearer(cashierA.token))).status).toBe(404);
    const res = await checkout(env, cashierA.token, canteenB, { personId: p.age75.id, slot: 'lunch' });
    expect(res.status).toBe(404);
  });

  it('when a cashier or auditor tries to create a canteen, then 403; an auditor reads every canteen', async () => {
    expect((await env.request.post('/canteens').set(bearer(cashierA.token)).send({ name: 'x', prices: { lunch: 1 } })).status).toBe(403);
    expect((await env.request.post('/canteens').set(bearer(auditor.token)).send({ name: 'x', prices: { lunch: 1 } })).status).toBe(403);
    const list = await env.request.get('/canteens').set(bearer(auditor.token));
    expect(list.body.items).toHaveLength(2);
  });

  it('when prices name an unknown slot or are empty, then 400 names the field', async () => {
    const bad = await env.request.post('/canteens').set(bearer(t.adminToken)).send({ name: 'x', prices: { supper: 500 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toMatch(/^body\.prices/);
    const empty = await env.request.post('/canteens').set(bearer(t.adminToken)).send({ name: 'x', prices: {} });
    expect(empty.status).toBe(400);
  });

  it('when an admin binds a user without the canteen_operator role, then 422', async () => {
    const res = await env.request.post(`/canteens/${canteenA}/operators`).set(bearer(t.adminToken)).send({ userId: auditor.id });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('body.userId');
  });

  it('when an auditor tries to check out, then 403; another tenant’s admin gets 404', async () => {
    expect((await checkout(env, auditor.token, canteenA, { personId: p.age75.id })).status).toBe(403);
    const other = await env.tenant();
    expect((await checkout(env, other.adminToken, canteenA, { personId: p.age75.id })).status).toBe(404);
  });
});

describe('checkout', () => {
  it('when the Idempotency-Key is missing, then 400 names the header and no meal is recorded', async () => {
    const res = await env.request.post(`/canteens/${canteenA}/meals`).set(bearer(cashierA.token)).send({ personId: p.young.id, slot: 'lunch' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('headers.idempotency-key');
    expect(await mealCount({ personId: p.young.id })).toBe(0);
  });

  it('when a diner turns 90 today, then lunch is free, explained in words and split between the funds', async () => {
    const res = await checkout(env, cashierA.token, canteenA, { personId: p.turns90.id, slot: 'lunch' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      price: 1000, subsidy: 1000, payable: 0, rule: 'age_90_plus_free', message: 'age 90+: free', localDate: day, slot: 'lunch',
      identifiedBy: 'person_id', explanation: { en: 'age 90+: free' }, status: 'active',
      fundSplit: [{ fund: 'district', amount: 500 }, { fund: 'city', amount: 500 }],
    });
    expect(res.body.diner.idNumber).toMatch(/^3603\*+\d{3}[\dX]$/);
  });

  it('when the diner shows an ID card or a canteen card, then the same person is found and priced by age', async () => {
    // The default policy gives breakfast a flat 1 yuan (README).
    const byId = await checkout(env, t.adminToken, canteenA, { idNumber: p.age75.idNumber.toLowerCase(), slot: 'breakfast', override: { reason: '早餐补录' } });
    expect(byId.body).toMatchObject({ identifiedBy: 'id_number', diner: { personId: p.age75.id }, price: 400, subsidy: 100, payable: 300, rule: 'age_tier_70_79' });
    // Dinner at lunchtime is outside the serving hours: the manager records it (see canteen-rules).
    const byCard = await checkout(env, t.adminToken, canteenA, { cardNumber: 'CARD-75', slot: 'dinner', override: { reason: '晚餐提前取餐' } });
    expect(byCard.body).toMatchObject({ identifiedBy: 'card', diner: { personId: p.age75.id }, price: 800, subsidy: 200, payable: 600 });
  });

  it('when the ID number is not registered here, then the meal is recorded at full price for a non-resident diner', async () => {
    const res = await checkout(env, cashierA.token, canteenA, { idNumber: strangerIdNumber('1940-02-02'), slot: 'lunch' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ diner: null, subsidy: 0, payable: 1000, rule: 'non_resident', message: 'not registered with this programme: full price' });
    // A zh-CN reader (no Accept-Language) reads the rule in Chinese.
    const zh = await env.request.post(`/canteens/${canteenA}/meals`).set('Authorization', `Bearer ${cashierA.token}`).set('Idempotency-Key', randomUUID())
      .send({ idNumber: strangerIdNumber('1940-02-03'), slot: 'lunch' });
    expect(zh.body).toMatchObject({ rule: 'non_resident', message: '非本辖区登记人员：全价' });
    expect(res.body.ageOnDate).toBeGreaterThanOrEqual(85);
    const stored = await env.deps.prisma.canteenMeal.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored).toMatchObject({ personId: null, identifiedBy: 'id_number', subsidyKey: null });
  });

  it('when a registered person has no local hukou, or is too young, then they pay full price with the reason', async () => {
    const notLocal = await checkout(env, cashierA.token, canteenA, { personId: p.notLocal.id, slot: 'lunch' });
    expect(notLocal.body).toMatchObject({ subsidy: 0, payable: 1000, rule: 'non_resident' });
    const young = await checkout(env, cashierA.token, canteenA, { personId: p.young.id, slot: 'lunch' });
    expect(young.body).toMatchObject({ subsidy: 0, payable: 1000, rule: 'no_eligibility', explanation: { en: 'no valid age tier or status: full price' } });
  });

  it('when the card is unknown, the ID checksum is wrong or two identifiers are given, then the request is refused', async () => {
    const card = await checkout(env, cashierA.token, canteenA, { cardNumber: 'NOPE-1', slot: 'lunch' });
    expect(card.status).toBe(422);
    expect(card.body.errors[0].path).toBe('body.cardNumber');
    const badId = await checkout(env, cashierA.token, canteenA, { idNumber: p.age75.idNumber.slice(0, 17) + (p.age75.idNumber[17] === '0' ? '1' : '0'), slot: 'lunch' });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].path).toBe('body.idNumber');
    const two = await checkout(env, cashierA.token, canteenA, { personId: p.age75.id, cardNumber: 'CARD-75' });
    expect(two.status).toBe(400);
  });

  it('when no slot is given, then it follows the local time; a slot the canteen does not sell or a future time is refused', async () => {
    // 07:30 is in the breakfast window; at noon it is more than 2 h ago, so a manager records it.
    const early = await checkout(env, t.adminToken, canteenA, { personId: p.young.id, servedAt: servedAt(day, '07:30', zone), override: { reason: '补录早餐' } });
    expect(early.body).toMatchObject({ slot: 'breakfast', price: 400, localDate: day });
    const noDinner = await checkout(env, cashierB.token, canteenB, { personId: p.young.id, slot: 'dinner' });
    expect(noDinner.status).toBe(422);
    expect(noDinner.body.errors[0].path).toBe('body.slot');
    const future = await checkout(env, cashierA.token, canteenA, { personId: p.young.id, servedAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.status).toBe(400); // refused by the schema (pastInstantString), before the service
    expect(future.body.errors[0].path).toBe('body.servedAt');
  });

  it('when a zh-CN reader (no Accept-Language) is refused at the till, then the detail and field messages are Chinese; en stays for integrators', async () => {
    const zhCheckout = (body: Record<string, unknown>, token = cashierA.token, canteen = canteenA) => env.request.post(`/canteens/${canteen}/meals`)
      .set('Authorization', `Bearer ${token}`).set('Idempotency-Key', randomUUID()).send(body);
    const card = await zhCheckout({ cardNumber: 'NOPE-1', slot: 'lunch' });
    expect(card.status).toBe(422);
    expect(card.body).toMatchObject({ title: '无法处理该请求', detail: '没有就餐人持有这个卡号。', errors: [{ path: 'body.cardNumber', message: '未知的卡号。' }] });
    const outside = await zhCheckout({ personId: p.young.id, slot: 'dinner' }, cashierB.token, canteenB);
    expect(outside.body.detail).toMatch(/^\d\d:\d\d不在供餐时间内（晚餐供餐时间为16:30–19:00），需要管理员特批。$/);
    const noDinner = await zhCheckout({ personId: p.young.id, slot: 'dinner', override: { reason: '测试' } }, t.adminToken, canteenB);
    expect(noDinner.body.detail).toBe('山田村食堂不供应晚餐。');
    expect(noDinner.body.errors[0].message).toBe('本食堂没有晚餐的价格。');
    const badId = await zhCheckout({ idNumber: p.age75.idNumber.slice(0, 17) + (p.age75.idNumber[17] === '0' ? '1' : '0'), slot: 'lunch' });
    expect(badId.body.errors).toEqual([expect.objectContaining({ path: 'body.idNumber', message: '身份证号校验码不符（是否有数字输错？）。' })]);
    const two = await zhCheckout({ personId: p.age75.id, cardNumber: 'CARD-75' });
    expect(two.body.errors[0].message).toBe('请用且只用一种方式识别就餐人：personId、idNumber 或 cardNumber。');
    // Breakfast at noon without an override: the counter rule says why in Chinese, the codes stay beside it.
    const late = await zhCheckout({ personId: p.young.id, servedAt: servedAt(day, '07:30', zone) });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ reason: 'override_required', needs: ['late_record'] });
    expect(late.body.detail).toMatch(/^该餐已是\d+分钟前供应，超过允许的120分钟，需要管理员特批。$/);
    const en = await checkout(env, cashierA.token, canteenA, { cardNumber: 'NOPE-1', slot: 'lunch' });
    expect(en.body).toMatchObject({ detail: 'No diner holds this card number.', errors: [{ message: 'Unknown card.' }] });
  });

  it('when a checkout is retried with the same Idempotency-Key, then the same answer comes back and one meal exists', async () => {
    const key = randomUUID();
    const first = await checkout(env, cashierA.token, canteenA, { personId: p.lowIncome.id, slot: 'lunch' }, key);
    expect(first.body).toMatchObject({ subsidy: 300, payable: 700, rule: 'status_minimum_living', message: 'minimum living allowance: 3.00 yuan off' });
    const again = await checkout(env, cashierA.token, canteenA, { personId: p.lowIncome.id, slot: 'lunch' }, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await mealCount({ personId: p.lowIncome.id })).toBe(1);
    const reused = await checkout(env, cashierA.token, canteenA, { personId: p.lowIncome.id, slot: 'dinner' }, key);
    expect(reused.status).toBe(422);
  });

  it('when two cashiers check out the same diner and slot at the same instant, then exactly one meal is subsidised', async () => {
    const [a, b] = await Promise.all([
      checkout(env, cashierA.token, canteenA, { personId: p.racer.id, slot: 'lunch' }),
      checkout(env, cashierB.token, canteenB, { personId: p.racer.id, slot: 'lunch' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.subsidy, b.body.subsidy].sort((x, y) => x - y)).toEqual([0, 300]);
    expect([a.body.rule, b.body.rule]).toContain('cap_slot_day');
    expect(await mealCount({ personId: p.racer.id, subsidy: { gt: 0 } })).toBe(1);
  });

  it('when five checkouts of one diner race for lunch, then the database still lets only one be subsidised', async () => {
    const racer = await createPerson(env, t, { birthDate: bornAged(day, 85) });
    const answers = await Promise.all(Array.from({ length: 5 }, () => checkout(env, cashierA.token, canteenA, { personId: racer.id, slot: 'lunch' })));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(answers.filter((r) => r.body.subsidy > 0)).toHaveLength(1);
    expect(await mealCount({ personId: racer.id, slotCode: 'lunch', subsidy: { gt: 0 } })).toBe(1);
  });
});

describe('void and adjustments', () => {
  it('when today’s subsidised meal is voided, then it frees the subsidy for the next meal in that slot; a second void is 409', async () => {
    const meal = await checkout(env, cashierA.token, canteenA, { personId: p.voider.id, slot: 'lunch' });
    const second = await checkout(env, cashierA.token, canteenA, { personId: p.voider.id, slot: 'lunch' });
    expect(second.body.rule).toBe('cap_slot_day');
    const voided = await env.request.post(`/canteens/${canteenA}/meals/${meal.body.id}/void`).set(bearer(cashierA.token)).set('Idempotency-Key', randomUUID()).send({ reason: 'wrong person' });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'voided', voidReason: 'wrong person' });
    expect((await env.deps.prisma.canteenMeal.findUniqueOrThrow({ where: { id: meal.body.id } })).subsidyKey).toBeNull();
    const third = await checkout(env, cashierA.token, canteenA, { personId: p.voider.id, slot: 'lunch' });
    expect(third.body).toMatchObject({ subsidy: 200, rule: 'age_tier_70_79' });
    const again = await env.request.post(`/canteens/${canteenA}/meals/${meal.body.id}/void`).set(bearer(cashierA.token)).set('Idempotency-Key', randomUUID()).send({ reason: 'x' });
    expect(again.status).toBe(409);
  });

  it('when a meal of yesterday is voided, then 409 points to adjustments; another canteen’s cashier gets 404', async () => {
    const old = await checkout(env, t.adminToken, canteenA, { personId: p.voider.id, slot: 'dinner', servedAt: servedAt(addDays(day, -1), '17:30', zone), override: { reason: '补录昨日晚餐' } });
    expect(old.body.localDate).toBe(addDays(day, -1));
    const res = await env.request.post(`/canteens/${canteenA}/meals/${old.body.id}/void`).set(bearer(cashierA.token)).set('Idempotency-Key', randomUUID()).send({ reason: 'late' });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('not_same_day');
    const other = await env.request.post(`/canteens/${canteenB}/meals/${old.body.id}/void`).set(bearer(cashierB.token)).set('Idempotency-Key', randomUUID()).send({ reason: 'x' });
    expect(other.status).toBe(404);

    const adj = await env.request.post(`/canteens/${canteenA}/meals/${old.body.id}/adjustments`).set(bearer(cashierA.token)).set('Idempotency-Key', randomUUID())
      .set('Idempotency-Key', randomUUID()).send({ amount: -200, reason: 'diner was not eligible' });
    expect(adj.status, JSON.stringify(adj.body)).toBe(201);
    expect(adj.body).toMatchObject({ amount: -200, month: day.slice(0, 7), fundSplit: [{ fund: 'district', amount: -100 }, { fund: 'city', amount: -100 }] });
    const tooMuch = await env.request.post(`/canteens/${canteenA}/meals/${old.body.id}/adjustments`).set(bearer(cashierA.token)).set('Idempotency-Key', randomUUID())
      .send({ amount: -1, reason: 'again' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0].path).toBe('body.amount');
    const withAdj = await env.request.get(`/canteens/${canteenA}/meals/${old.body.id}`).set(bearer(auditor.token));
    expect(withAdj.body.adjustments).toHaveLength(1);
  });

  it('when the day’s summary is read, then it adds up meals, revenue and subsidy by fund, rule and slot', async () => {
    const res = await env.request.get(`/canteens/${canteenB}/summary`).set(bearer(cashierB.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: day, to: day, meals: 1, fullPriceRevenue: 900 });
    expect(res.body.subsidy + res.body.paidByDiners).toBe(900);
    const list = await env.request.get(`/canteens/${canteenA}/meals`).query({ slot: 'lunch', limit: 200 }).set(bearer(auditor.token));
    const sum = list.body.items.filter((m: { status: string }) => m.status === 'active').reduce((s: number, m: { subsidy: number }) => s + m.subsidy, 0);
    const summary = await env.request.get(`/canteens/${canteenA}/summary`).set(bearer(auditor.token));
    expect(summary.body.bySlot.lunch.subsidy).toBe(sum);
    expect(summary.body.subsidyByFund.district + summary.body.subsidyByFund.city).toBe(summary.body.subsidy);
  });

  it('when the OpenAPI document is read, then checkout is described with its Idempotency-Key header', async () => {
    const doc = await env.request.get('/openapi.json');
    const op = doc.body.paths['/canteens/{id}/meals'].post;
    expect(op.parameters.map((x: { name: string }) => x.name)).toContain('Idempotency-Key');
  });
});
