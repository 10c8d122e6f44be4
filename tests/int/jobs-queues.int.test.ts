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
    const res = await down.request.post('/imports/residents').set(bearer(tenant.adminToken)).set('Content-Type', 'text/csv').send('身份证号,姓名\n110101195005050019,X');
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
      ['audit.scan', 'geocode.address', 'notify.send', 'orders.generate', 'people.import', 'roster.plan', 'route.depart', 'routes.plan', 'subsidy.settle', 'tickets.escalate', 'welfare.escalate', 'welfare.ladder'],
    );
    expect(defaultJobOptions).toMatchObject({ attempts: expect.any(Number), backoff: { type: 'exponential' } });
    expect(defaultJobOptions.removeOnComplete).toMatchObject({ count: expect.any(Number) });
    expect(defaultJobOptions.removeOnFail).toMatchObject({ count: expect.any(Number) });
  });

  it('when the queue dashboard is opened without an operator credential configured, then it is disabled for everyone, admins included', async () => {
    // Who does get in (the platform operator) and what tenant admins are refused: tests/int/security-dashboard.int.test.ts.
    const manager = await t.user(['kitchen_manager']);
    for (const auth of [{}, bearer(manager.token), bearer(t.adminToken)]) {
      const res = await env.request.get('/admin/queues/api/queues').set(auth);
      expect(res.status).toBe(404);
      expect(res.body.detail).toMatch(/OPERATOR_USER/);
    }
    const login = await env.request.get(`/admin/queues?token=${t.adminToken}`);
    expect(login.status).toBe(404);
    expect(login.headers['set-cookie']).toBeUndefined();
  });
});
