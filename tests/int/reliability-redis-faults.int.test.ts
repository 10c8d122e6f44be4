import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantDb } from '../../src/db/prisma.js';
import { jobId } from '../../src/queues/definitions.js';
import { stageJob } from '../../src/queues/outbox.js';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';
import { OwnRedis } from '../support/faults.js';
import { startHousekeeping } from '../../jobs/worker.js';

// Issue 12 point 6 (and point 3 for jobs): a frozen (SIGSTOP) or dead Redis makes API calls that
// need it answer 503 within about a second, with nothing written; a Redis that comes back empty
// gets the schedules, the pending welfare checks and every unfinished job back within a minute.
// Own Redis (a redis-server started here, killed and restarted empty) and own database.
let redis: OwnRedis;
let env: TestEnv;
let w: World;
let m: Record<string, string>;
const TZ = afternoonZone();
const D0 = today(TZ);
let stops: { id: string }[] = [];
let housekeeping: ReturnType<typeof startHousekeeping> | undefined;

beforeAll(async () => {
  redis = await OwnRedis.start();
  env = await createTestEnv('rel_redis_faults', { REDIS_URL: redis.url, WELFARE_DELAY_SECONDS: '4', REDIS_CHECK_EVERY_MS: '1000' });
  env.startWorkers();
  // What the worker process runs next to its workers: schedules and welfare checks put back from
  // the database at start, whenever Redis is found empty, and every 10 minutes.
  housekeeping = startHousekeeping(env.deps);
  w = await createWorld(env, { recipients: 4, vehicles: [{ capacity: 10 }], timeZone: TZ });
  m = bearer(w.manager.token);
  await generate(env, w, D0);
  const plan = await planAndWait(env, w, D0);
  expect((await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(m)).status).toBe(200);
  stops = plan.routes.flatMap((r: { stops: { id: string }[] }) => r.stops);
}, 180_000);
afterAll(async () => {
  housekeeping?.stop();
  redis?.thaw();
  await env?.close();
  await redis?.kill();
});

const driver = () => bearer(w.drivers[0]!.token);
const timed = async <T>(fn: () => PromiseLike<T>) => {
  const started = Date.now();
  const res = await fn();
  return { res, ms: Date.now() - started };
};
const counts = async () => ({
  plans: await env.deps.prisma.routePlan.count(),
  outbox: await env.deps.prisma.outboxJob.count(),
  audit: await env.deps.prisma.auditLog.count(),
  cutoff: (await env.deps.prisma.tenant.findUniqueOrThrow({ where: { id: w.t.id } })).orderCutoff,
});
const schedulers = () => env.deps.queues.get('orders.generate').getJobSchedulers();

describe('a frozen Redis (SIGSTOP)', () => {
  it('when Redis is frozen, then readyz, a not-home, a route plan and PATCH /tenant answer 503 within about a second and write nothing', async () => {
    const before = await counts();
    redis.freeze();
    try {
      const ready = await timed(() => env.request.get('/readyz'));
      expect(ready.res.status).toBe(503);
      const calls = [
        () => env.request.post(`/delivery/stops/${stops[0]!.id}/outcome`).set(driver()).send({ status: 'not_home' }),
        () => env.request.post('/delivery/route-plans').set(m).send({ date: D0, slot: 'lunch', kitchenId: w.kitchenId }),
        () => env.request.patch('/tenant').set(bearer(w.t.adminToken)).send({ orderCutoff: '09:45' }),
      ];
      for (const call of calls) {
        const { res, ms } = await timed(call);
        expect(res.status, JSON.stringify(res.body)).toBe(503);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(ms).toBeLessThan(2_500);
      }
      expect(ready.ms).toBeLessThan(2_500);
      expect(await counts()).toEqual(before);
      expect((await env.deps.prisma.routeStop.findUniqueOrThrow({ where: { id: stops[0]!.id } })).outcome).toBe('pending');
    } finally {
      redis.thaw();
    }
    // Thawed: the same calls work again.
    const ok = await env.request.patch('/tenant').set(bearer(w.t.adminToken)).send({ orderCutoff: '09:45' });
    expect(ok.status).toBe(200);
    await eventually(async () => (await schedulers()).some((s) => s.pattern?.startsWith('45 9 ')) || undefined, 15_000);
  }, 60_000);
});

describe('a Redis that dies and comes back empty', () => {
  it('when Redis restarts empty after a not-home, then the welfare check and the schedules come back within a minute and the alert opens', async () => {
    const stop = stops[1]!;
    const res = await env.request.post(`/delivery/stops/${stop.id}/outcome`).set(driver()).send({ status: 'not_home' });
    expect(res.status).toBe(200);
    expect(await env.deps.queues.get('welfare.escalate').getJob(jobId('welfare', stop.id))).toBeTruthy();
    await redis.kill();
    await redis.restart(); // empty: the welfare job and every job scheduler are gone
    const started = Date.now();
    await eventually(async () => (await schedulers()).length > 0 || undefined, 60_000, 250);
    const alert = await eventually(async () => {
      const a = await env.deps.prisma.welfareAlert.findFirst({ where: { routeStopId: stop.id } });
      return a ?? undefined;
    }, 60_000, 250);
    expect(alert.status).toBe('open');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await env.deps.prisma.welfareAlert.count({ where: { routeStopId: stop.id } })).toBe(1);
  }, 120_000);

  it('when Redis is dead, then a not-home answers 503 at once; a job staged while it is away is published when it is back', async () => {
    await redis.kill();
    try {
      const { res, ms } = await timed(() => env.request.post(`/delivery/stops/${stops[2]!.id}/outcome`).set(driver()).send({ status: 'not_home' }));
      expect(res.status).toBe(503);
      expect(ms).toBeLessThan(2_500);
      expect((await env.deps.prisma.routeStop.findUniqueOrThrow({ where: { id: stops[2]!.id } })).outcome).toBe('pending');
      // A write that got past the check just before Redis died: its job waits in the outbox.
      const db = tenantDb(env.deps.prisma, w.t.id);
      await db.$transaction((tx) => stageJob(tx, 'orders.generate', 'orders.generate', { tenantId: w.t.id, date: D0 }, { jobId: jobId('orders-test', D0) }));
      const row = await env.deps.prisma.outboxJob.findFirstOrThrow({ where: { jobId: jobId('orders-test', D0) } });
      expect(row.publishedAt).toBeNull();
    } finally {
      await redis.restart();
    }
    const done = await eventually(async () => {
      const row = await env.deps.prisma.outboxJob.findFirst({ where: { jobId: jobId('orders-test', D0) } });
      return row?.doneAt ? row : undefined;
    }, 60_000, 250);
    expect(done.publishedAt).not.toBeNull();
  }, 120_000);

  it('when Redis loses a route-plan job before any worker took it, then the outbox publishes it again and the plan is solved', async () => {
    await env.workers!.close();
    env.workers = undefined;
    const created = await env.request.post('/delivery/route-plans').set(m).send({ date: D0, slot: 'lunch', kitchenId: w.kitchenId, timeLimitMs: 100 });
    expect(created.status).toBe(202);
    const planJob = jobId('plan', created.body.id, 1);
    await eventually(async () => (await env.deps.prisma.outboxJob.findFirst({ where: { jobId: planJob } }))?.publishedAt || undefined);
    expect(await env.deps.queues.get('routes.plan').getJob(planJob)).toBeTruthy();
    await redis.kill();
    await redis.restart();
    env.startWorkers();
    const plan = await eventually(async () => {
      const res = await env.request.get(`/delivery/route-plans/${created.body.id}`).set(m);
      return res.body.status === 'done' ? res.body : undefined;
    }, 60_000, 250);
    expect(plan.routes.length).toBeGreaterThan(0);
    const row = await env.deps.prisma.outboxJob.findFirstOrThrow({ where: { jobId: planJob } });
    expect(row.doneAt).not.toBeNull();
  }, 120_000);
});
