import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobId } from '../../src/queues/definitions.js';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { bindOperator, checkout, createCanteen, stopListening, strangerIdNumber } from '../support/canteen/api-support.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';
import { DbFaults, OwnRedis } from '../support/faults.js';

// Issue 12 point 3: the service call, its audit row, its idempotency record and its job commit
// together or not at all. Every backend of the app is terminated at each step of a write; the
// answer is a 503 problem+json, nothing of the write is left behind, and the retry (same key)
// gives one result and one row. Own database (the harness) and own Redis (a redis-server here).
let redis: OwnRedis;
let env: TestEnv;
let faults: DbFaults;
let t: TestTenant;
let cashier: { id: string; token: string };
let canteenId: string;
let w: World;
const TZ = afternoonZone();
let stops: { id: string }[] = [];

beforeAll(async () => {
  redis = await OwnRedis.start();
  env = await createTestEnv('rel_db_faults', { REDIS_URL: redis.url, WELFARE_DELAY_SECONDS: '600', LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'silent' });
  env.startWorkers();
  t = await env.tenant({ timeZone: 'Asia/Shanghai' });
  cashier = await t.user(['canteen_operator']);
  // Lunch served all day: the faults are the subject here, not the serving hours (checkouts happen "now").
  canteenId = await createCanteen(env, t, '城东社区食堂', { breakfast: 400, lunch: 1000, dinner: 800 }, { servingHours: { lunch: { from: '00:00', to: '23:59' } } });
  await bindOperator(env, t, canteenId, cashier.id);
  w = await createWorld(env, { recipients: 4, vehicles: [{ capacity: 10 }], timeZone: TZ });
  const day = today(TZ);
  await generate(env, w, day);
  const plan = await planAndWait(env, w, day);
  expect((await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(bearer(w.manager.token))).status).toBe(200);
  stops = plan.routes.flatMap((r: { stops: { id: string }[] }) => r.stops);
  faults = await DbFaults.install(env.dbName, ['IdempotencyRecord', 'CanteenMeal', 'AuditLog', 'RouteStop', 'OutboxJob']);
}, 180_000);
afterAll(async () => {
  await faults?.clear().catch(() => {});
  await faults?.close();
  await stopListening(env);
  await env?.close();
  await redis?.kill();
});

const keyRows = (key: string) => env.deps.prisma.idempotencyRecord.findMany({ where: { tenantId: t.id, key } });

/** Fires `send`, waits until it sleeps at the step, terminates the app's backends, returns the answer. */
async function killAt<T extends { status: number }>(tbl: string, op: 'INSERT' | 'UPDATE', send: () => PromiseLike<T>): Promise<T> {
  await faults.pauseAt(tbl, op);
  const answer = Promise.resolve(send());
  await faults.waitForPause();
  await faults.clear();
  expect(await faults.killAppBackends()).toBeGreaterThan(0);
  return answer;
}

/** Retries like a till's outbox: the same request, the same key, until it is answered 2xx. */
async function retryUntilDone<T extends { status: number }>(send: () => PromiseLike<T>): Promise<T> {
  return eventually(async () => {
    const res = await send();
    return res.status < 300 ? res : undefined;
  }, 30_000, 200);
}

describe('a checkout when the database connection dies (idempotent write, Idempotency-Key)', () => {
  const steps: [string, string, 'INSERT' | 'UPDATE'][] = [
    ['reserving the key', 'IdempotencyRecord', 'INSERT'],
    ['writing the meal', 'CanteenMeal', 'INSERT'],
    ['writing the audit row', 'AuditLog', 'INSERT'],
    ['storing the answer (just before commit)', 'IdempotencyRecord', 'UPDATE'],
  ];
  for (const [step, tbl, op] of steps) {
    it(`when every backend is terminated while ${step}, then 503, nothing is left, and the retry gives one meal and one answer`, async () => {
      const idNumber = strangerIdNumber();
      const key = randomUUID();
      const send = () => checkout(env, cashier.token, canteenId, { idNumber, slot: 'lunch' }, key);
      const db = env.deps.prisma;
      const mealsBefore = await db.canteenMeal.count({ where: { tenantId: t.id } });
      const auditBefore = await db.auditLog.count({ where: { tenantId: t.id } });
      const failed = await killAt(tbl, op, send);
      expect(failed.status, JSON.stringify(failed.body)).toBe(503);
      expect(failed.headers['content-type']).toMatch(/problem\+json/);
      // Nothing of the request survived: no meal, no key (so no stuck 409), no audit row.
      expect(await db.canteenMeal.count({ where: { tenantId: t.id } })).toBe(mealsBefore);
      expect(await db.auditLog.count({ where: { tenantId: t.id } })).toBe(auditBefore);
      expect(await keyRows(key)).toHaveLength(0);
      const first = await retryUntilDone(send);
      expect(first.status).toBe(201);
      const again = await send();
      expect(again.status).toBe(201);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      expect(await keyRows(key)).toHaveLength(1);
      expect(await db.auditLog.count({ where: { tenantId: t.id, entity: 'CanteenMeal', entityId: first.body.id } })).toBe(1);
      expect(await db.canteenMeal.count({ where: { tenantId: t.id } })).toBe(mealsBefore + 1);
    }, 90_000);
  }

  it('when backends are terminated again and again during 24 concurrent checkouts, then every retried key ends with exactly one meal', async () => {
    const jobs = Array.from({ length: 24 }, () => ({ key: randomUUID(), idNumber: strangerIdNumber() }));
    const before = await env.deps.prisma.canteenMeal.count({ where: { tenantId: t.id } });
    let killing = true;
    const killer = (async () => {
      while (killing) {
        await faults.killAppBackends().catch(() => 0);
        await new Promise((r) => setTimeout(r, 40 + Math.random() * 60));
      }
    })();
    const first = await Promise.all(jobs.map((j) => checkout(env, cashier.token, canteenId, { idNumber: j.idNumber, slot: 'lunch' }, j.key)));
    killing = false;
    await killer;
    // Connections did die under some of them (503 problem+json), and none answered any other 5xx.
    expect(first.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    expect(first.filter((r) => r.status >= 500 && r.status !== 503)).toEqual([]);
    const finals = [];
    for (const j of jobs) finals.push(await retryUntilDone(() => checkout(env, cashier.token, canteenId, { idNumber: j.idNumber, slot: 'lunch' }, j.key)));
    const ids = finals.map((r) => r.body.id as string);
    expect(new Set(ids).size).toBe(jobs.length);
    // An answer that was a 2xx the first time is the answer every retry gets.
    first.forEach((r, i) => { if (r.status === 201) expect(ids[i]).toBe(r.body.id); });
    expect(await env.deps.prisma.canteenMeal.count({ where: { tenantId: t.id } })).toBe(before + jobs.length);
    expect(await env.deps.prisma.idempotencyRecord.count({ where: { tenantId: t.id, key: { in: jobs.map((j) => j.key) } } })).toBe(jobs.length);
  }, 180_000);
});

describe('a not-home outcome when the database connection dies (no Idempotency-Key)', () => {
  const steps: [string, string, 'INSERT' | 'UPDATE'][] = [
    ['updating the stop', 'RouteStop', 'UPDATE'],
    ['writing the audit row', 'AuditLog', 'INSERT'],
    ['staging the welfare check (outbox)', 'OutboxJob', 'INSERT'],
  ];
  steps.forEach(([step, tbl, op], i) => {
    it(`when every backend is terminated while ${step}, then 503 and the stop is untouched; the retry stores the outcome with exactly one welfare check`, async () => {
      const stop = stops[i]!;
      const send = () => env.request.post(`/delivery/stops/${stop.id}/outcome`).set(bearer(w.drivers[0]!.token)).send({ status: 'not_home' });
      const failed = await killAt(tbl, op, send);
      expect(failed.status, JSON.stringify(failed.body)).toBe(503);
      const db = env.deps.prisma;
      expect((await db.routeStop.findUniqueOrThrow({ where: { id: stop.id } })).outcome).toBe('pending');
      expect(await db.outboxJob.count({ where: { jobId: jobId('welfare', stop.id) } })).toBe(0);
      expect(await db.auditLog.count({ where: { entity: 'RouteStop', entityId: stop.id, action: 'stop.outcome' } })).toBe(0);
      const ok = await retryUntilDone(send);
      expect(ok.body.welfareCheck).toBe('scheduled');
      expect((await db.routeStop.findUniqueOrThrow({ where: { id: stop.id } })).outcome).toBe('not_home');
      expect(await db.outboxJob.count({ where: { jobId: jobId('welfare', stop.id) } })).toBe(1);
      expect(await db.auditLog.count({ where: { entity: 'RouteStop', entityId: stop.id, action: 'stop.outcome' } })).toBe(1);
      // Published after commit: the check is in Redis, due at the outcome plus the delay.
      const job = await eventually(() => env.deps.queues.get('welfare.escalate').getJob(jobId('welfare', stop.id)));
      expect(await job.getState()).toBe('delayed');
    }, 90_000);
  });
});
