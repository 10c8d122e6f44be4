import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requeueLostWelfareChecks } from '../../src/delivery/welfare/welfare-recovery.js';
import { jobId } from '../../src/queues/definitions.js';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import { killWorkerProcess, startWorkerProcess as startWorker } from '../support/delivery/worker-process.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let m: Record<string, string>;
// Afternoon in the tenant's zone: today's lunch has left the kitchen, so outcomes tapped now are plausible.
const TZ = afternoonZone();
const D0 = today(TZ);
let stops: { id: string; token: string; name: string; personId: string }[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  // A welfare delay of 1 s instead of the tenant's minutes (WELFARE_DELAY_SECONDS, see docs/delivery.md).
  env = await createTestEnv('delivery_welfare', { WELFARE_DELAY_SECONDS: '1' });
  env.startWorkers();
  w = await createWorld(env, { recipients: 6, vehicles: [{ capacity: 10 }], timeZone: TZ });
  m = bearer(w.manager.token);
  await generate(env, w, D0);
  const plan = await planAndWait(env, w, D0);
  await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(m);
  stops = plan.routes.flatMap((r: { stops: { id: string; name: string; recipientId: string }[] }) =>
    r.stops.map((s) => ({ id: s.id, name: s.name, token: w.drivers[0].token, personId: w.recipients.find((x) => x.id === s.recipientId)!.personId })));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await env?.close();
});

const notHome = (s: (typeof stops)[number]) => env.request.post(`/delivery/stops/${s.id}/outcome`).set(bearer(s.token)).send({ status: 'not_home', note: 'no answer, curtains shut' });
const alertsFor = async (stopId: string, status?: string) =>
  ((await env.request.get('/delivery/alerts').query(status ? { status } : {}).set(m)).body.items as { id: string; routeStopId: string; status: string }[])
    .filter((a) => a.routeStopId === stopId);
const startWorkerProcess = () => startWorker(env, children);
const welfareJob = (stopId: string) => env.deps.queues.get('welfare.escalate').getJob(jobId('welfare', stopId));

describe('welfare check (issue point 8)', () => {
  it('when a driver finds nobody home, then after the delay one alert opens for the grid worker and the emergency contact', async () => {
    const s = stops[0];
    expect((await notHome(s)).body.welfareCheck).toBe('scheduled');
    expect(await (await welfareJob(s.id))!.getState()).toBe('delayed');
    expect((await notHome(s)).status).toBe(200); // a double tap schedules nothing new
    const [alert] = await eventually(async () => {
      const a = await alertsFor(s.id);
      return a.length ? a : undefined;
    });
    const full = (await env.request.get(`/delivery/alerts/${alert.id}`).set(m)).body;
    expect(full).toMatchObject({
      status: 'open', name: s.name, personId: s.personId, driverNote: 'no answer, curtains shut', slot: 'lunch', date: D0,
      notify: [
        { role: 'grid_worker', name: 'Grid Li', phone: '13911112222' },
        { role: 'emergency_contact', name: 'Daughter Wang', relation: 'daughter', phone: '13722223333' },
      ],
    });
    await eventually(async () => (await (await welfareJob(s.id))!.getState()) === 'completed');
    expect(await alertsFor(s.id)).toHaveLength(1);
  });

  it('when the meal is delivered before the delay is over, then the check closes without an alert', async () => {
    const s = stops[1];
    await notHome(s);
    expect((await env.request.post(`/delivery/stops/${s.id}/outcome`).set(bearer(s.token)).send({ status: 'delivered' })).status).toBe(200);
    const job = await welfareJob(s.id);
    await eventually(async () => (await job!.getState()) === 'completed');
    expect((await welfareJob(s.id))!.returnvalue).toMatchObject({ opened: false, reason: 'stop is delivered' });
    expect(await alertsFor(s.id)).toEqual([]);
  });

  it('when alerts are acknowledged and resolved, then they leave the open list and keep who did what', async () => {
    const [alert] = await alertsFor(stops[0].id);
    const ack = await env.request.post(`/delivery/alerts/${alert.id}/acknowledge`).set(m);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: w.manager.id });
    expect(await alertsFor(stops[0].id)).toHaveLength(1); // still unresolved
    expect(await alertsFor(stops[0].id, 'open')).toHaveLength(0);
    expect((await env.request.post(`/delivery/alerts/${alert.id}/resolve`).set(m).send({})).status).toBe(400);
    const resolved = await env.request.post(`/delivery/alerts/${alert.id}/resolve`).set(m).send({ note: 'Grid worker visited: asleep, fine.' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolutionNote: 'Grid worker visited: asleep, fine.', resolvedBy: w.manager.id });
    expect(await alertsFor(stops[0].id)).toEqual([]);
    expect(await alertsFor(stops[0].id, 'resolved')).toHaveLength(1);
    expect((await env.request.post(`/delivery/alerts/${alert.id}/resolve`).set(m).send({ note: 'again' })).status).toBe(409);
    expect((await env.request.post(`/delivery/alerts/${alert.id}/acknowledge`).set(m)).status).toBe(409);
    expect((await env.request.get('/delivery/alerts').set(bearer(w.drivers[0].token))).status).toBe(403);
    const auditor = await w.t.user(['auditor']);
    const seen = await env.request.get('/delivery/alerts').query({ status: 'resolved' }).set(bearer(auditor.token));
    expect(seen.body.items[0].notify[0].phone).toBe('139****2222');
  });

  it('when the worker process is killed between scheduling and firing, then a new worker still opens the alert exactly once', async () => {
    await env.workers!.close();
    env.workers = undefined;
    const s = stops[2];
    const first = await startWorkerProcess();
    expect((await notHome(s)).status).toBe(200);
    await killWorkerProcess(first);
    expect(await (await welfareJob(s.id))!.getState()).toBe('delayed');

    await startWorkerProcess();
    await eventually(async () => (await alertsFor(s.id)).length === 1, 20_000);
    await eventually(async () => (await (await welfareJob(s.id))!.getState()) === 'completed');
    // A duplicate delivery of the job (another id, same stop) does not open a second alert.
    const dup = await env.deps.queues.add('welfare.escalate', { tenantId: w.t.id, routeStopId: s.id }, { jobId: jobId('welfare', s.id, 'dup') });
    await eventually(async () => (await dup.getState()) === 'completed');
    expect(await alertsFor(s.id)).toHaveLength(1);
  }, 90_000); // two worker processes start under tsx: slow on a loaded machine

  it('when Redis loses a pending welfare check, then housekeeping queues it again from the database and the alert opens once', async () => {
    const [lost, delivered] = [stops[3], stops[4]];
    for (const s of [lost, delivered]) {
      expect((await notHome(s)).status).toBe(200);
      await (await welfareJob(s.id))!.remove(); // as if Redis had been flushed
    }
    expect((await env.request.post(`/delivery/stops/${delivered.id}/outcome`).set(bearer(delivered.token)).send({ status: 'delivered' })).status).toBe(200);
    expect(await welfareJob(lost.id)).toBeFalsy();

    expect(await requeueLostWelfareChecks(env.deps)).toBe(1); // the delivered stop needs no check
    expect(await requeueLostWelfareChecks(env.deps)).toBe(0); // queued already: nothing twice
    expect(await welfareJob(delivered.id)).toBeFalsy();
    await eventually(async () => (await alertsFor(lost.id)).length === 1, 20_000);
    await eventually(async () => (await (await welfareJob(lost.id))!.getState()) === 'completed');
    expect(await requeueLostWelfareChecks(env.deps)).toBe(0); // the alert is open: done
    expect(await alertsFor(lost.id)).toHaveLength(1);
    expect(await alertsFor(delivered.id)).toEqual([]);
  });
});
