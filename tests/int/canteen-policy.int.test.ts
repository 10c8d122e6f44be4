import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { DEFAULT_POLICY_RULES } from '../../src/subsidy/index.js';
import { bindOperator, createCanteen, createPerson, recordLate, servedAt, stopListening } from '../support/canteen/api-support.js';

const ZONE = 'Asia/Shanghai';
let env: TestEnv;
let t: TestTenant;
let canteen: string;
let cashier: { id: string; token: string };
let age75: { id: string };
let lowIncome65: { id: string };
let leapDay: { id: string };

function rules(patch: (r: any) => void) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = structuredClone(DEFAULT_POLICY_RULES) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  patch(r);
  return r;
}

function publish(body: Record<string, unknown>, token = t.adminToken) {
  return env.request.post('/subsidy-policies').set(bearer(token)).send(body);
}

beforeAll(async () => {
  env = await createTestEnv('canteen_policy');
  t = await env.tenant({ timeZone: ZONE, locale: 'en' });
  cashier = await t.user(['canteen_operator']);
  canteen = await createCanteen(env, t, 'Riverside canteen', { lunch: 1000, dinner: 800 });
  await bindOperator(env, t, canteen, cashier.id);
  age75 = await createPerson(env, t, { birthDate: '1951-01-15' });
  lowIncome65 = await createPerson(env, t, { birthDate: '1961-01-15', statuses: [{ code: 'minimum_living', validFrom: '2020-01-01' }] });
  leapDay = await createPerson(env, t, { birthDate: '1936-02-29' });
});
afterAll(async () => {
  await stopListening(env);
  await env?.close();
});

describe('subsidy policies', () => {
  it('when the first canteen is created, then the tenant has the SPEC defaults as version 1', async () => {
    const res = await env.request.get('/subsidy-policies').set(bearer(cashier.token));
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ version: 1, effectiveFrom: '2000-01-01', effectiveTo: null, rules: DEFAULT_POLICY_RULES });
    expect((await env.request.get('/subsidy-policies/defaults').set(bearer(cashier.token))).body).toEqual(DEFAULT_POLICY_RULES);
  });

  it('when a rule set is bad, then 400 names each field under body.rules', async () => {
    const overlap = await publish({ name: 'x', effectiveFrom: '2026-06-01', rules: rules((r) => (r.ageTiers[1].minAge = 65)) });
    expect(overlap.status).toBe(400);
    expect(overlap.body.errors).toEqual([expect.objectContaining({ path: 'body.rules.ageTiers.1.minAge', message: expect.stringContaining('overlaps') })]);

    const funding = await publish({ name: 'x', effectiveFrom: '2026-06-01', rules: rules((r) => (r.funding[1].percent = 40)) });
    expect(funding.body.errors).toEqual([expect.objectContaining({ path: 'body.rules.funding', message: 'fund percents must sum to 100, got 90' })]);

    const status = await publish({ name: 'x', effectiveFrom: '2026-06-01', rules: rules((r) => (r.statuses.orphan = { amount: 100 })) });
    expect(status.body.errors).toEqual([expect.objectContaining({ path: 'body.rules.statuses.orphan', message: expect.stringContaining('unknown status') })]);
    // The solver keeps codes; the catalogue words them for a reader who asks for Chinese (this tenant is en).
    const zh = await env.request.post('/subsidy-policies').set(bearer(t.adminToken)).set('Accept-Language', 'zh-CN')
      .send({ name: 'x', effectiveFrom: '2026-06-01', rules: rules((r) => (r.funding[1].percent = 40)) });
    expect(zh.body.errors).toEqual([expect.objectContaining({ path: 'body.rules.funding', message: '各资金来源比例之和须为100，现为90。' })]);

    const typo = await publish({ name: 'x', effectiveFrom: '2026-06-01', rules: rules((r) => { r.caps.perSlotPerDay = 0; r.combien = 'best'; }) });
    expect(typo.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.rules.caps.perSlotPerDay', 'body.rules.combien']);
    expect((await env.request.get('/subsidy-policies').set(bearer(t.adminToken))).body.items).toHaveLength(1);
  });

  it('when a cashier tries to publish a policy, then 403', async () => {
    expect((await publish({ name: 'x', effectiveFrom: '2026-06-01' }, cashier.token)).status).toBe(403);
  });

  it('when a new version starts, then later meals use it and earlier meals keep their price and version', async () => {
    const march = await recordLate(env, t, canteen, { personId: age75.id, slot: 'lunch', servedAt: servedAt('2026-03-10', '11:30', ZONE) });
    expect(march.body).toMatchObject({ subsidy: 200, rule: 'age_tier_70_79', message: 'age 70–79: 2.00 yuan off' });
    const v1 = march.body.policyId;

    const tooEarly = await publish({ name: 'v2', effectiveFrom: '2026-03-10' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.errors[0]).toMatchObject({ path: 'body.effectiveFrom', message: 'Must be 2026-03-11 or later.' });

    const v2 = await publish({
      name: '2026 Q2: doubled tiers, benefits add up',
      effectiveFrom: '2026-04-01',
      rules: rules((r) => {
        r.ageTiers = [{ minAge: 60, maxAge: 69, amount: 200 }, { minAge: 70, maxAge: 79, amount: 400 }, { minAge: 80, free: true }];
        r.combine = 'sum';
        r.slotAmounts = { dinner: { percent: 50 } };
      }),
    });
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, effectiveFrom: '2026-04-01', effectiveTo: null });
    const versions = (await env.request.get('/subsidy-policies').set(bearer(t.adminToken))).body.items;
    expect(versions.map((v: { version: number; effectiveTo: string | null }) => [v.version, v.effectiveTo])).toEqual([[1, '2026-03-31'], [2, null]]);

    const april = await recordLate(env, t, canteen, { personId: age75.id, slot: 'lunch', servedAt: servedAt('2026-04-07', '11:30', ZONE) });
    expect(april.body).toMatchObject({ subsidy: 400, policyId: v2.body.id });
    const lastMarch = await recordLate(env, t, canteen, { personId: age75.id, slot: 'lunch', servedAt: servedAt('2026-03-31', '11:30', ZONE) });
    expect(lastMarch.body).toMatchObject({ subsidy: 200, policyId: v1 });
    const again = await env.request.get(`/canteens/${canteen}/meals/${march.body.id}`).set(bearer(t.adminToken));
    expect(again.body).toMatchObject({ subsidy: 200, payable: 800, policyId: v1 });

    const sum = await recordLate(env, t, canteen, { personId: lowIncome65.id, slot: 'lunch', servedAt: servedAt('2026-04-07', '12:00', ZONE) });
    expect(sum.body).toMatchObject({ subsidy: 500, rule: 'sum', basis: ['age_tier_60_69', 'status_minimum_living'] });
    const dinner = await recordLate(env, t, canteen, { personId: lowIncome65.id, slot: 'dinner', servedAt: servedAt('2026-04-07', '17:30', ZONE) });
    expect(dinner.body).toMatchObject({ price: 800, subsidy: 250, payable: 550 });

    const before = await publish({ name: 'v3', effectiveFrom: '2026-03-20' });
    expect(before.status).toBe(409);
    expect(before.body.errors[0].path).toBe('body.effectiveFrom');
  });

  it('when a diner born on 29 February meets a non-leap year, then the new age counts on 28 February', async () => {
    // 1936-02-29: turns 90 on 2026-02-28 (2026 is not a leap year) under version 1.
    const dayBefore = await recordLate(env, t, canteen, { personId: leapDay.id, slot: 'lunch', servedAt: servedAt('2026-02-27', '11:30', ZONE) });
    expect(dayBefore.body).toMatchObject({ ageOnDate: 89, subsidy: 300 });
    const birthday = await recordLate(env, t, canteen, { personId: leapDay.id, slot: 'lunch', servedAt: servedAt('2026-02-28', '11:30', ZONE) });
    expect(birthday.body).toMatchObject({ ageOnDate: 90, subsidy: 1000, payable: 0, rule: 'age_90_plus_free' });
  });

  it('when a status ended yesterday, then today it no longer counts', async () => {
    const person = await createPerson(env, t, { birthDate: '1970-05-05', statuses: [{ code: 'extreme_poverty', validFrom: '2020-01-01', validTo: '2026-04-07' }] });
    const lastDay = await recordLate(env, t, canteen, { personId: person.id, slot: 'lunch', servedAt: servedAt('2026-04-07', '11:30', ZONE) });
    expect(lastDay.body).toMatchObject({ subsidy: 1000, rule: 'status_extreme_poverty_free' });
    const after = await recordLate(env, t, canteen, { personId: person.id, slot: 'lunch', servedAt: servedAt('2026-04-08', '11:30', ZONE) });
    expect(after.body).toMatchObject({ subsidy: 0, rule: 'no_eligibility' });
  });

  it('when checkouts of one diner in different slots race against a monthly cap, then the cap still holds', async () => {
    const capped = await publish({ name: 'May: one subsidised meal a month', effectiveFrom: '2026-05-01', rules: rules((r) => (r.caps.perMonth = 1)) });
    expect(capped.status, JSON.stringify(capped.body)).toBe(201);
    // Several diners, so that a race window which only opens now and then is hit (without the
    // diner lock this fails within a few diners: lunch and dinner both subsidised).
    for (let k = 0; k < 6; k++) {
      const diner = await createPerson(env, t, { birthDate: '1950-01-15' });
      const day = `2026-05-1${k}`;
      const meals = await Promise.all([['lunch', '11:30'], ['dinner', '17:30'], ['lunch', '11:45'], ['dinner', '17:45']]
        .map(([slot, time]) => recordLate(env, t, canteen, { personId: diner.id, slot, servedAt: servedAt(day, time, ZONE) })));
      expect(meals.map((m) => m.status)).toEqual([201, 201, 201, 201]);
      expect(meals.filter((m) => m.body.subsidy > 0)).toHaveLength(1);
      expect(meals.filter((m) => m.body.rule === 'cap_month').length).toBeGreaterThanOrEqual(2);
      expect(await env.deps.prisma.canteenMeal.count({ where: { personId: diner.id, subsidy: { gt: 0 } } })).toBe(1);
    }
  });
});
