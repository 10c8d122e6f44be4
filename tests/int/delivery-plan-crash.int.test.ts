import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobId } from '../../src/queues/definitions.js';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { createWorld, generate, waitForPlan } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';
import { killWorkerProcess, startWorkerProcess } from '../support/delivery/worker-process.js';

// SPEC §4: "a worker killed mid-job loses nothing". The routes.plan job is the long one (the
// solver runs for seconds), so it is the one killed here, in a real worker process.
let env: TestEnv;
let w: World;
const D0 = today('Asia/Shanghai');
const children: ChildProcess[] = [];

beforeAll(async () => {
  env = await createTestEnv('delivery_plan_crash');
  w = await createWorld(env, { recipients: 8, vehicles: [{ capacity: 6 }, { capacity: 6 }] });
  await generate(env, w, D0);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await env?.close();
});

describe('routes.plan and a worker crash', () => {
  it('when the worker dies while the solver runs, then another worker plans it again and every order is routed once', async () => {
    const m = bearer(w.manager.token);
    const first = await startWorkerProcess(env, children);
    const created = await env.request.post('/delivery/route-plans').set(m).send({ date: D0, slot: 'lunch', kitchenId: w.kitchenId, timeLimitMs: 5000 });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const planId = created.body.id as string;
    await eventually(async () => {
      const p = (await env.request.get(`/delivery/route-plans/${planId}`).set(m)).body;
      return p.status === 'running' && p.progress >= 5;
    });
    await killWorkerProcess(first);

    const job = await env.deps.queues.get('routes.plan').getJob(jobId('plan', planId, 1));
    expect(await job!.getState()).toBe('active'); // its lock is still there until it expires
    expect((await env.request.get(`/delivery/route-plans/${planId}`).set(m)).body).toMatchObject({ status: 'running', routes: [] });

    // A new worker finds the job stalled once its lock expires (JOB_LOCK_MS, 3 s in worker-process.ts) and runs it again.
    await startWorkerProcess(env, children);
    const done = await eventually(async () => {
      const p = (await env.request.get(`/delivery/route-plans/${planId}`).set(m)).body;
      return p.status === 'done' ? p : undefined;
    }, 45_000, 200);
    const routed = done.routes.flatMap((r: { stops: { orderId: string }[] }) => r.stops.map((s) => s.orderId));
    expect(routed.length + done.unassigned.length).toBe(8);
    expect(new Set(routed).size).toBe(routed.length);
    expect(await (await env.deps.queues.get('routes.plan').getJob(jobId('plan', planId, 1)))!.getState()).toBe('completed');
    expect(await waitForPlan(env, w, planId)).toMatchObject({ status: 'done' });
  }, 90_000);
});
