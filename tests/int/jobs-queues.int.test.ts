import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { defaultJobOptions, queuePayloads } from '../../src/queues/definitions.js';

let env: TestEnv;
let down: TestEnv;
let t: TestTenant;

beforeAll(async () => {
  env = await createTestEnv('jobs');
  // Nothing listens on port 1: this environment's Redis is "down".
  down = await createTestEnv('jobs_down', { REDIS_URL: 'redis://127.0.0.1:1' });
  t = await env.tenant();
});
afterAll(async () => {
  await env?.close();
  await down?.close();
});

describe('queues', () => {
  it('when Redis is down, then producers answer 503 problem+json at once and /readyz says not ready', async () => {
    const tenant = await down.tenant();
    const started = Date.now();
    const res = await down.request.post('/imports/residents').set(bearer(tenant.adminToken)).set('Content-Type', 'text/csv').send('name\nX');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await down.deps.prisma.importRun.count()).toBe(0);
    const ready = await down.request.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.postgres).toBe('ok');
    expect(ready.body.checks.redis).not.toBe('ok');
  });

  it('when a job payload does not match its queue schema, then it is refused before reaching Redis', async () => {
    await expect(env.deps.queues.add('people.import', { tenantId: 'nope', importRunId: 'x' } as never)).rejects.toMatchObject({ status: 400 });
  });

  it('when queues are declared, then every one has a payload schema and retry with back-off and bounded retention', () => {
    expect(Object.keys(queuePayloads).sort()).toEqual(
      ['audit.scan', 'orders.generate', 'people.import', 'roster.plan', 'routes.plan', 'subsidy.settle', 'welfare.escalate'],
    );
    expect(defaultJobOptions).toMatchObject({ attempts: expect.any(Number), backoff: { type: 'exponential' } });
    expect(defaultJobOptions.removeOnComplete).toMatchObject({ count: expect.any(Number) });
    expect(defaultJobOptions.removeOnFail).toMatchObject({ count: expect.any(Number) });
  });

  it('when the queue dashboard is opened, then only admins get in (token via header or the cookie set by ?token=)', async () => {
    const manager = await t.user(['kitchen_manager']);
    expect((await env.request.get('/admin/queues')).status).toBe(401);
    expect((await env.request.get('/admin/queues').set(bearer(manager.token))).status).toBe(403);
    const ok = await env.request.get('/admin/queues').set(bearer(t.adminToken));
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/<html/i);
    const login = await env.request.get(`/admin/queues?token=${t.adminToken}`);
    expect(login.status).toBe(302);
    const cookie = login.headers['set-cookie'][0].split(';')[0];
    expect((await env.request.get('/admin/queues/api/queues').set('Cookie', cookie)).status).toBe(200);
  });
});
