import { createHash, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { modules } from '../../src/modules.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { makeIdNumber } from '../../src/people/id-card.js';

const OPERATOR_TOKEN = 'op_' + randomUUID();
let env: TestEnv;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  env = await createTestEnv('sec_dashboard', {
    OPERATOR_USER: 'ops', OPERATOR_PASSWORD_HASH: await hash('correct horse battery'),
    OPERATOR_TOKEN_SHA256: createHash('sha256').update(OPERATOR_TOKEN).digest('hex'),
  });
  env.startWorkers();
  a = await env.tenant({ name: 'A' });
  b = await env.tenant({ name: 'B' });
});
afterAll(() => env?.close());

const basic = (user: string, pass: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });

/** Every Bull Board action (reads and writes) aimed at queues that hold tenant B's jobs. */
function boardActions(jobId: string): [string, string, object?][] {
  const q = '/admin/queues/api/queues';
  return [
    ['get', '/admin/queues'],
    ['get', `${q}`],
    ['get', `${q}/subsidy.settle/${jobId}`],
    ['get', `${q}/subsidy.settle/${jobId}/logs`],
    ['post', `${q}/subsidy.settle/add`, { name: 'subsidy.settle', data: { tenantId: b.id, month: '2026-10' } }],
    ['post', `${q}/orders.generate/add`, { name: 'orders.generate', data: { tenantId: b.id } }],
    ['put', `${q}/welfare.escalate/pause`],
    ['put', `${q}/welfare.escalate/resume`],
    ['put', '/admin/queues/api/queues/pause'],
    ['put', `${q}/subsidy.settle/retry/failed`],
    ['put', `${q}/subsidy.settle/clean/completed`],
    ['put', `${q}/subsidy.settle/promote`],
    ['put', `${q}/subsidy.settle/${jobId}/retry`],
    ['put', `${q}/subsidy.settle/${jobId}/promote`],
    ['put', `${q}/subsidy.settle/${jobId}/clean`],
    ['patch', `${q}/subsidy.settle/${jobId}/update-data`, { data: { tenantId: a.id } }],
    ['put', `${q}/subsidy.settle/empty`],
    ['put', `${q}/subsidy.settle/obliterate`],
  ];
}

describe('queue dashboard: the platform operator only', () => {
  it('when tenant A’s admin tries every Bull Board action on queues holding B’s jobs, then each is refused and nothing changes', async () => {
    const job = await env.deps.queues.add('subsidy.settle', { tenantId: b.id, month: '2020-01' }, { jobId: 'sec-b-settle', delay: 3_600_000 });
    const before = await env.deps.queues.get('subsidy.settle').getJobCounts();
    for (const [method, path, body] of boardActions(String(job.id))) {
      for (const auth of [bearer(a.adminToken), {}]) {
        const req = (env.request as unknown as Record<string, (p: string) => supertest.Test>)[method](path).set(auth);
        const res = await (body ? req.send(body) : req);
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(JSON.stringify(res.body)).not.toContain(b.id);
      }
      // A token in the URL or a cookie opens nothing either.
      const viaUrl = await env.request.get(`/admin/queues?token=${a.adminToken}`);
      expect(viaUrl.status).toBe(401);
      expect(viaUrl.headers['set-cookie']).toBeUndefined();
      const viaCookie = await env.request.get('/admin/queues/api/queues').set('Cookie', `ect_admin=${a.adminToken}`);
      expect(viaCookie.status).toBe(401);
    }
    expect(await env.deps.queues.get('welfare.escalate').isPaused()).toBe(false);
    expect(await env.deps.queues.get('subsidy.settle').getJobCounts()).toEqual(before);
    expect((await env.deps.queues.get('subsidy.settle').getJob(String(job.id)))?.data).toEqual({ tenantId: b.id, month: '2020-01' });
    expect(await env.deps.prisma.settlement.count()).toBe(0);
    expect(await env.deps.prisma.dailyOrder.count()).toBe(0);
  });

  it('when the operator signs in with HTTP Basic or the operator bearer token, then the board and its API answer; a wrong password does not', async () => {
    expect((await env.request.get('/admin/queues').set(basic('ops', 'correct horse battery'))).status).toBe(200);
    const list = await env.request.get('/admin/queues/api/queues').set(bearer(OPERATOR_TOKEN));
    expect(list.status).toBe(200);
    expect(list.body.queues.map((q: { name: string }) => q.name)).toContain('subsidy.settle');
    const wrong = await env.request.get('/admin/queues').set(basic('ops', 'wrong'));
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic/);
    expect((await env.request.get('/admin/queues').set(basic('admin', 'correct horse battery'))).status).toBe(401);
  });

  it('when the operator opens the board in Chromium with HTTP Basic, then it renders its queues under the CSP', async () => {
    const server = env.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const context = await browser.newContext({ httpCredentials: { username: 'ops', password: 'correct horse battery' } });
      const tab = await context.newPage();
      const violations: string[] = [];
      // Bull Board links Google Fonts; blocking that third-party request is intended.
      tab.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text()) && !/fonts\.googleapis/.test(m.text())) violations.push(m.text()); });
      await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/queues`);
      await tab.getByText('subsidy.settle').first().waitFor({ timeout: 20_000 });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((r) => server.close(r));
    }
  }, 60_000);

  it('when no operator credential is configured, then the dashboard is disabled with a sentence saying how to enable it', async () => {
    const cfg = { ...env.deps.config, OPERATOR_USER: undefined, OPERATOR_PASSWORD_HASH: undefined, OPERATOR_TOKEN_SHA256: undefined };
    const res = await supertest(buildApp({ ...env.deps, config: cfg }, modules)).get('/admin/queues/api/queues').set(bearer(a.adminToken));
    expect(res.status).toBe(404);
    expect(res.body.detail).toMatch(/OPERATOR_TOKEN_SHA256/);
  });
});

describe('GET /jobs: a tenant admin’s read-only view of their own jobs', () => {
  it('when A’s admin lists jobs, then only A’s jobs appear, without payloads; other roles are refused', async () => {
    await env.deps.queues.add('audit.scan', { tenantId: a.id, date: '2020-01-01' }, { jobId: `sec-a-scan`, delay: 3_600_000 });
    await env.deps.queues.add('audit.scan', { tenantId: b.id, date: '2020-01-01' }, { jobId: `sec-b-scan`, delay: 3_600_000 });
    const res = await env.request.get('/jobs').query({ queue: 'audit.scan' }).set(bearer(a.adminToken));
    expect(res.status).toBe(200);
    expect(res.body.items.map((j: { id: string }) => j.id)).toEqual(['sec-a-scan']);
    expect(res.body.items[0]).toMatchObject({ queue: 'audit.scan', state: 'delayed' });
    expect(res.body.items[0]).not.toHaveProperty('data');
    expect(JSON.stringify(res.body)).not.toContain(b.id);
    const all = await env.request.get('/jobs').set(bearer(b.adminToken));
    expect(all.body.items.map((j: { id: string }) => j.id).sort()).toEqual(['sec-b-scan', 'sec-b-settle']);
    const manager = await a.user(['kitchen_manager']);
    expect((await env.request.get('/jobs').set(bearer(manager.token))).status).toBe(403);
  });
});

describe('job processors re-check the tenant of every object in the payload', () => {
  async function failedJob(queue: 'people.import' | 'subsidy.settle', id: string) {
    return eventually(async () => {
      const job = await env.deps.queues.get(queue).getJob(id);
      // Read again once failed: the first read may predate the move to failed (no reason yet).
      return (await job?.getState()) === 'failed' ? env.deps.queues.get(queue).getJob(id) : undefined;
    });
  }

  it('when a people.import job names tenant A with B’s import run, then it fails at once and imports nothing into A', async () => {
    const csv = `姓名,身份证号\n刘桂兰,${makeIdNumber('360323', '1946-08-08', 1)}\n`;
    const up = await env.request.post('/imports/residents').set(bearer(b.adminToken)).set('Content-Type', 'text/csv').send(csv);
    expect(up.status).toBe(202);
    const runId = up.body.id;
    await eventually(async () => (await env.request.get(`/imports/${runId}`).set(bearer(b.adminToken))).body.status === 'done');
    await env.deps.prisma.importRun.update({ where: { id: runId }, data: { status: 'queued' } });
    await env.deps.queues.add('people.import', { tenantId: a.id, importRunId: runId }, { jobId: 'forged-import' });
    const job = await failedJob('people.import', 'forged-import');
    expect(job.failedReason).toMatch(/does not belong to tenant/);
    expect(job.attemptsMade).toBe(1);
    expect(await env.deps.prisma.person.count({ where: { tenantId: a.id } })).toBe(0);
    expect((await env.deps.prisma.importRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe('queued');
  });

  it('when a subsidy.settle job names tenant A with B’s canteen, or a tenant that does not exist, then it fails and settles nothing', async () => {
    const canteen = await env.request.post('/canteens').set(bearer(b.adminToken)).send({ name: 'B 食堂', prices: { lunch: 1000 } });
    expect(canteen.status).toBe(201);
    await env.deps.queues.add('subsidy.settle', { tenantId: a.id, canteenId: canteen.body.id, month: '2020-01' }, { jobId: 'forged-settle' });
    expect((await failedJob('subsidy.settle', 'forged-settle')).failedReason).toMatch(/does not belong to tenant/);
    await env.deps.queues.add('subsidy.settle', { tenantId: randomUUID(), month: '2020-01' }, { jobId: 'ghost-settle' });
    expect((await failedJob('subsidy.settle', 'ghost-settle')).failedReason).toMatch(/does not exist/);
    expect(await env.deps.prisma.settlement.count()).toBe(0);
  });
});
