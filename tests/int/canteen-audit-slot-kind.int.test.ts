/**
 * One slot vocabulary (issue 20 §3): the canteen audit matches a home-delivered meal by its delivery
 * slot's `kind`, not by its code. Before, a delivered meal whose slot code was not one of the
 * subsidy's MEAL_SLOTS (a tenant calling lunch `noon`) was silently dropped and the double claim missed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import {
  createCanteen,
  createPerson,
  recordLate,
  servedAt,
  stampRecordedLive,
  stopListening,
} from '../support/canteen/api-support.js';
import { plantHomeDeliveries } from '../support/canteen/other-domains.js';

const ZONE = 'Asia/Shanghai';
let env: TestEnv;
let t: TestTenant;
let diner: { id: string };
let auditor: { token: string };

beforeAll(async () => {
  env = await createTestEnv('canteen_audit_slot_kind');
  t = await env.tenant({ timeZone: ZONE, locale: 'zh-CN' });
  expect(
    (
      await env.request
        .post('/subsidy-policies')
        .set(bearer(t.adminToken))
        .send({ name: '2026 policy', effectiveFrom: '2026-01-01' })
    ).status,
  ).toBe(201);
  auditor = await t.user(['auditor']);
  const canteen = await createCanteen(env, t, '芦溪镇中心食堂', { lunch: 1000, dinner: 800 });
  diner = await createPerson(env, t, { name: '送餐又堂食', birthDate: '1944-06-06' });
  const meals: string[] = [];
  for (const [date, slot, time] of [
    ['2026-10-14', 'lunch', '11:40'],
    ['2026-10-15', 'dinner', '17:40'],
  ]) {
    const res = await recordLate(env, t, canteen, { personId: diner.id, slot, servedAt: servedAt(date, time, ZONE) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.subsidy).toBeGreaterThan(0);
    meals.push(res.body.id);
  }
  await stampRecordedLive(env, meals);
  // The tenant's delivery slots are coded noon and supper. Lunch on the 14th was also delivered
  // (the double claim); on the 15th lunch came home and dinner was eaten at the canteen (no claim).
  await plantHomeDeliveries(env.deps.prisma, t.id, diner.id, [
    { date: '2026-10-14', slot: 'noon', kind: 'lunch', outcome: 'delivered' },
    { date: '2026-10-15', slot: 'noon', kind: 'lunch', outcome: 'delivered' },
    { date: '2026-10-15', slot: 'supper', kind: 'dinner', outcome: 'not_home' },
  ]);
}, 60_000);
afterAll(async () => {
  await stopListening(env);
  await env?.close();
});

describe('canteen audit across slot codes', () => {
  it('when a subsidised canteen lunch was also delivered home in the slot coded noon (kind lunch), then the scan finds it as lunch', async () => {
    const res = await env.request.post('/audit/scans').set(bearer(auditor.token)).send({ date: '2026-10-31' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.byKind).toEqual({ subsidy_with_home_delivery: 1 });
    expect(res.body.sources).toContainEqual({ name: 'delivery.RouteStop', status: 'ok', rows: 2 });
    const found = await env.request
      .get('/audit/findings')
      .query({ kind: 'subsidy_with_home_delivery' })
      .set(bearer(auditor.token));
    expect(found.body.items.map((f: { key: string }) => f.key)).toEqual([
      `subsidy_with_home_delivery|${diner.id}|2026-10-14|lunch`,
    ]);
  });
});
