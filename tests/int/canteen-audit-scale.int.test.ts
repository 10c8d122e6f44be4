/**
 * The audit scan over a month larger than one SQL statement can list: a district's month easily has
 * more meals than PostgreSQL's 32 767 bind parameters, and the scan used to send every meal id in
 * one `in` list (P2029, the nightly job failed). 34 000 full-price meals plus one planted double
 * subsidy: the scan answers and finds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { addDays, instantAt } from '../../src/time/index.js';
import { createCanteen } from '../support/canteen/api-support.js';

const ZONE = 'Asia/Shanghai';
let env: TestEnv;
let t: TestTenant;

beforeAll(async () => {
  env = await createTestEnv('canteen_audit_scale');
  t = await env.tenant({ timeZone: ZONE });
  const canteens = [await createCanteen(env, t, '一食堂', { lunch: 1000 }), await createCanteen(env, t, '二食堂', { lunch: 1000 })];
  // 3 400 diners in their forties (no subsidy due) × 10 lunches = 34 000 meals at full price.
  const diners = Array.from({ length: 3_400 }, (_, i) => ({ id: randomUUID(), tenantId: t.id, name: `居民${i}`, gender: 'female' as const, birthDate: '1982-05-01' }));
  const elder = { id: randomUUID(), tenantId: t.id, name: '百岁老人', gender: 'male' as const, birthDate: '1926-03-01' };
  await env.deps.prisma.person.createMany({ data: [...diners, elder] });
  const meal = (personId: string, canteenId: string, localDate: string, subsidy: number) => ({
    tenantId: t.id, canteenId, personId, identifiedBy: 'card', localDate, slotCode: 'lunch', servedAt: instantAt(localDate, '11:30', ZONE), recordedAt: instantAt(localDate, '11:30', ZONE),
    price: 1000, subsidy, payable: 1000 - subsidy, rule: subsidy ? 'age_90_plus_free' : 'no_benefit', explanation: {},
  });
  for (let d = 0; d < 10; d++) {
    const date = addDays('2026-10-01', d);
    await env.deps.prisma.canteenMeal.createMany({ data: diners.map((p, i) => meal(p.id, canteens[i % 2], date, 0)) });
  }
  // Planted: the 100-year-old eats a free lunch at both canteens on 10 October.
  await env.deps.prisma.canteenMeal.createMany({ data: canteens.map((c) => meal(elder.id, c, '2026-10-10', 1000)) });
}, 120_000);
afterAll(() => env?.close());

describe('audit scan at district scale', () => {
  it('when a month holds more meals than one statement can list, then the scan still runs and finds the planted double subsidy', async () => {
    const auditor = await t.user(['auditor']);
    const res = await env.request.post('/audit/scans').set(bearer(auditor.token)).send({ date: '2026-10-31' });
    expect(res.status).toBe(200);
    expect(res.body.meals).toBe(34_002);
    expect(res.body.byKind.double_subsidy).toBe(1);
  }, 120_000);
});
