import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { today } from '../../src/time/index.js';
import { modules } from '../../src/modules.js';
import { jobId } from '../../src/queues/definitions.js';
import { monthOfDate, previousMonth } from '../../src/canteen/slots.js';
import { bindOperator, recordLate, createCanteen, createPerson, servedAt, stopListening, strangerIdNumber } from '../support/canteen/api-support.js';

const ZONE = 'Asia/Shanghai';
let env: TestEnv;
let t: TestTenant;
let A: string;
let B: string;
let cashierA: { id: string; token: string };
let cashierB: { id: string; token: string };
let auditor: { id: string; token: string };
let firstMealId: string;

/** A meal of a past month (the cashier's token is kept for reading; a manager records past meals). */
async function serve(_token: string, canteen: string, body: Record<string, unknown>, date: string, time: string) {
  const res = await recordLate(env, t, canteen, { ...body, servedAt: servedAt(date, time, ZONE) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  env = await createTestEnv('canteen_settlement');
  t = await env.tenant({ timeZone: ZONE, locale: 'zh-CN' });
  cashierA = await t.user(['canteen_operator']);
  cashierB = await t.user(['canteen_operator']);
  auditor = await t.user(['auditor']);
  A = await createCanteen(env, t, '城东社区食堂', { lunch: 1000, dinner: 800 });
  B = await createCanteen(env, t, '山田村食堂', { lunch: 900 });
  await bindOperator(env, t, A, cashierA.id);
  await bindOperator(env, t, B, cashierB.id);
  const p92 = await createPerson(env, t, { birthDate: '1934-03-01' });
  const p75 = await createPerson(env, t, { birthDate: '1951-01-15' });
  const low = await createPerson(env, t, { birthDate: '1961-01-15', statuses: [{ code: 'minimum_living', validFrom: '2020-01-01' }] });
  const young = await createPerson(env, t, { birthDate: '1976-06-01' });
  // September 2026 at canteen A: 10 meals; at B: 1.
  firstMealId = (await serve(cashierA.token, A, { personId: p75.id, slot: 'lunch' }, '2026-09-01', '11:40')).id;
  for (const d of ['2026-09-01', '2026-09-02']) {
    await serve(cashierA.token, A, { personId: p92.id, slot: 'lunch' }, d, '11:30');
    await serve(cashierA.token, A, { personId: low.id, slot: 'dinner' }, d, '17:30');
  }
  for (const d of ['2026-09-02', '2026-09-03']) await serve(cashierA.token, A, { personId: p75.id, slot: 'lunch' }, d, '11:40');
  await serve(cashierA.token, A, { personId: p75.id, slot: 'lunch' }, '2026-09-03', '12:10'); // second lunch: full price
  await serve(cashierA.token, A, { personId: young.id, slot: 'lunch' }, '2026-09-01', '12:00');
  await serve(cashierA.token, A, { idNumber: strangerIdNumber('1940-02-02'), slot: 'lunch' }, '2026-09-02', '12:00');
  await serve(cashierB.token, B, { personId: p75.id, slot: 'lunch' }, '2026-09-04', '11:45');
  await serve(cashierA.token, A, { personId: p75.id, slot: 'lunch' }, '2026-10-05', '11:45');
});
afterAll(async () => {
  await stopListening(env);
  await env?.close();
});

function settle(body: Record<string, unknown>, token = auditor.token) {
  return env.request.post('/settlements').set(bearer(token)).send(body);
}

describe('monthly settlement', () => {
  it('when an auditor settles September, then each canteen gets meals, revenue and subsidy by fund, rule, age tier and status', async () => {
    const res = await settle({ month: '2026-09' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items).toHaveLength(2);
    const a = res.body.items.find((s: { canteenId: string }) => s.canteenId === A);
    expect(a).toMatchObject({ month: '2026-09', canteenName: '城东社区食堂', lockedBy: auditor.id });
    expect(a.totals).toEqual({
      meals: 10, voidedMeals: 0, subsidisedMeals: 7, diners: 4,
      fullPriceRevenue: 9600, paidByDiners: 6400, subsidy: 3200,
      subsidyByFund: { city: 1600, district: 1600 },
      byRule: {
        age_90_plus_free: { meals: 2, subsidy: 2000 }, age_tier_70_79: { meals: 3, subsidy: 600 }, cap_slot_day: { meals: 1, subsidy: 0 },
        no_eligibility: { meals: 1, subsidy: 0 }, non_resident: { meals: 1, subsidy: 0 }, status_minimum_living: { meals: 2, subsidy: 600 },
      },
      bySlot: { dinner: { meals: 2, subsidy: 600, fullPriceRevenue: 1600 }, lunch: { meals: 8, subsidy: 2600, fullPriceRevenue: 8000 } },
      byAgeTier: { '60-69': { meals: 2, subsidy: 600 }, '70-79': { meals: 4, subsidy: 600 }, '80-89': { meals: 1, subsidy: 0 }, '90+': { meals: 2, subsidy: 2000 }, under_60: { meals: 1, subsidy: 0 } },
      byStatus: { minimum_living: { meals: 2, subsidy: 600 }, none: { meals: 8, subsidy: 2600 } },
      adjustments: { count: 0, amount: 0, byFund: {} },
      subsidyDue: 3200, subsidyDueByFund: { city: 1600, district: 1600 },
    });
    const b = res.body.items.find((s: { canteenId: string }) => s.canteenId === B);
    expect(b.totals).toMatchObject({ meals: 1, subsidy: 200, fullPriceRevenue: 900, paidByDiners: 700 });
  });

  it('when the month is settled, then checkout and void into it are refused and corrections go through adjustments', async () => {
    const late = await recordLate(env, t, A, { personId: (await createPerson(env, t, { birthDate: '1950-01-01' })).id, slot: 'lunch', servedAt: servedAt('2026-09-20', '11:30', ZONE) });
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('month_settled');
    const october = await recordLate(env, t, A, { idNumber: strangerIdNumber(), slot: 'lunch', servedAt: servedAt('2026-10-20', '11:30', ZONE) });
    expect(october.status).toBe(201);
    expect((await env.request.post(`/canteens/${A}/meals/${firstMealId}/void`).set(bearer(cashierA.token)).set('Idempotency-Key', randomUUID()).send({ reason: 'x' })).status).toBe(409);

    const adj = await env.request.post(`/canteens/${A}/meals/${firstMealId}/adjustments`).set(bearer(cashierA.token)).set('Idempotency-Key', randomUUID())
      .set('Idempotency-Key', randomUUID()).send({ amount: -200, reason: 'card used by a relative' });
    expect(adj.status, JSON.stringify(adj.body)).toBe(201);
    expect(adj.body.month).toBe(monthOfDate(today(ZONE)));
  });

  it('when September is settled again, then the totals, id and lock time are the same', async () => {
    const first = (await env.request.get('/settlements').query({ month: '2026-09' }).set(bearer(auditor.token))).body.items;
    const again = await settle({ month: '2026-09' });
    expect(again.status).toBe(200);
    const byId = (rows: { canteenId: string }[]) => [...rows].sort((x, y) => x.canteenId.localeCompare(y.canteenId));
    expect(byId(again.body.items)).toEqual(byId(first));
    expect(await env.deps.prisma.settlement.count({ where: { tenantId: t.id, month: '2026-09' } })).toBe(2);
  });

  it('when the month has not ended or a cashier asks, then settlement is refused; a cashier reads only their canteen', async () => {
    const current = await settle({ month: monthOfDate(today(ZONE)) });
    expect(current.status).toBe(422);
    expect(current.body.errors[0].path).toBe('body.month');
    expect((await settle({ month: '2026-09' }, cashierA.token)).status).toBe(403);
    const mine = await env.request.get('/settlements').set(bearer(cashierB.token));
    expect(mine.body.items.map((s: { canteenId: string }) => s.canteenId)).toEqual([B]);
    const other = mine.body.items[0].id;
    expect((await env.request.get(`/settlements/${other}`).set(bearer(cashierA.token))).status).toBe(404);
  });

  it('when the CSV exports are fetched, then the summary has a line per canteen and the meal list one per meal, IDs masked', async () => {
    // The CSV speaks the reader's locale: a zh-CN reader (no Accept-Language) gets Chinese headings.
    const zhReader = { Authorization: `Bearer ${auditor.token}` };
    const summary = await env.request.get('/settlements.csv').query({ month: '2026-09' }).set(zhReader);
    expect(summary.status).toBe(200);
    expect(summary.headers['content-type']).toMatch(/^text\/csv/);
    const lines = summary.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    // A zh-CN tenant: Chinese headings and yuan, the machine-readable fen columns beside them.
    expect(lines[0]).toBe('月份,食堂编号,食堂,就餐人次,享受补贴人次,作废人次,就餐人数,餐费原价（元）,full_price_revenue_fen,个人支付（元）,paid_by_diners_fen,'
      + '补贴（元）,subsidy_fen,调整（元）,adjustments_fen,应拨付补贴（元）,subsidy_due_fen,市级财政应拨付（元）,due_city_fen,区级财政应拨付（元）,due_district_fen,结算时间');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes(A))).toContain(',10,7,0,4,96.00,9600,64.00,6400,32.00,3200,0.00,0,32.00,3200,16.00,1600,16.00,1600,');

    const id = (await env.request.get('/settlements').query({ month: '2026-09', canteenId: A }).set(bearer(auditor.token))).body.items[0].id;
    const meals = await env.request.get(`/settlements/${id}/meals.csv`).set(zhReader);
    const rows = meals.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows).toHaveLength(11);
    expect(rows[0]).toContain('原价（元）,price_fen,补贴（元）,subsidy_fen,实收（元）,payable_fen,规则代码,补贴规则,市级财政（元）,city_fen,区级财政（元）,district_fen,状态');
    expect(rows[0]).toMatch(/,录入时间,管理员特批$/);
    expect(rows.slice(1).every((r) => r.startsWith('就餐,'))).toBe(true);
    expect(rows.find((r) => r.includes('age_90_plus_free'))).toMatch(/3603\*{10}\d{3}[\dX],person_id,10\.00,1000,10\.00,1000,0\.00,0,age_90_plus_free,90岁以上：免费,5\.00,500,5\.00,500,active/);
    // Every meal keeps when it was recorded beside when it was served (here: recorded later, by a manager's override).
    expect(rows[1]).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2},late_record[^,]*: 补录纸质台账（测试）$/);
    // An integrator asking for English gets English headings.
    const en = await env.request.get('/settlements.csv').query({ month: '2026-09' }).set(bearer(auditor.token));
    expect(en.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^month,canteen_id,canteen,meals,subsidised_meals,/);
  });

  it('when the monthly job runs (default: previous month), then every canteen is settled; the schedulers are per tenant and tz-aware', async () => {
    env.startWorkers();
    await env.deps.queues.add('subsidy.settle', { tenantId: t.id, month: '2026-08' }, { jobId: jobId('settle', t.id, '2026-08') });
    const aug = await eventually(async () => {
      const rows = await env.deps.prisma.settlement.findMany({ where: { tenantId: t.id, month: '2026-08' } });
      return rows.length === 2 && rows;
    });
    expect(aug.every((s) => (s.totals as { meals: number }).meals === 0)).toBe(true);

    const previous = previousMonth(monthOfDate(today(ZONE)));
    await env.deps.queues.add('subsidy.settle', { tenantId: t.id }, { jobId: jobId('settle', t.id, 'default') });
    await eventually(async () => (await env.deps.prisma.settlement.count({ where: { tenantId: t.id, month: previous } })) === 2);

    await modules.syncTenantSchedules(env.deps.queues, { id: t.id, timeZone: ZONE, orderCutoff: '15:00' });
    const settle = await env.deps.queues.get('subsidy.settle').getJobScheduler(`subsidy-settle.${t.id}`);
    expect(settle).toMatchObject({ pattern: '0 2 1 * *', tz: ZONE });
    const scan = await env.deps.queues.get('audit.scan').getJobScheduler(`audit-scan.${t.id}`);
    expect(scan).toMatchObject({ pattern: '30 1 * * *', tz: ZONE });
  });
});
