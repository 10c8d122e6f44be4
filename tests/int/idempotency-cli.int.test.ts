import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { requestHash, withIdempotency } from '../../src/http/idempotency.js';
import { tenantDb } from '../../src/db/prisma.js';

const run = promisify(execFile);
let env: TestEnv;
let t: TestTenant;

beforeAll(async () => {
  env = await createTestEnv('idem');
  t = await env.tenant();
});
afterAll(() => env?.close());
const db = () => tenantDb(env.deps.prisma, t.id);

describe('Idempotency-Key store', () => {
  const key = (k: string) => ({ tenantId: t.id, scope: 'test POST /things', key: k, hash: requestHash({ a: 1 }) });

  it('when the same key is retried, then the first answer comes back and the work ran once', async () => {
    let calls = 0;
    const work = async () => ({ status: 201, body: { n: ++calls } });
    const first = await withIdempotency(db(), key('k1'), work);
    const second = await withIdempotency(db(), key('k1'), work);
    expect(first).toEqual({ status: 201, body: { n: 1 }, replayed: false });
    expect(second).toEqual({ status: 201, body: { n: 1 }, replayed: true });
    expect(calls).toBe(1);
  });

  it('when the same key comes with a different request, then 422', async () => {
    await withIdempotency(db(), key('k2'), async () => ({ status: 200, body: {} }));
    await expect(withIdempotency(db(), { ...key('k2'), hash: requestHash({ a: 2 }) }, async () => ({ status: 200, body: {} })))
      .rejects.toMatchObject({ status: 422 });
  });

  it('when two requests with one key run at once, then one does the work and the other waits for its commit and gets its answer', async () => {
    let calls = 0;
    const slow = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 300));
      return { status: 201, body: { ok: true } };
    };
    const results = await Promise.allSettled([withIdempotency(db(), key('k3'), slow), withIdempotency(db(), key('k3'), slow)]);
    expect(calls).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const answers = results.map((r) => (r as PromiseFulfilledResult<{ replayed: boolean; body: unknown }>).value);
    expect(answers.map((a) => a.replayed).sort()).toEqual([false, true]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
  });

  it('when the work fails, then the key is released so the client may retry', async () => {
    await expect(withIdempotency(db(), key('k4'), async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    const retry = await withIdempotency(db(), key('k4'), async () => ({ status: 200, body: { retried: true } }));
    expect(retry).toMatchObject({ replayed: false, body: { retried: true } });
  });
});

describe('tenant:create CLI', () => {
  it('when run with a name and an admin, then it prints a first token that works against the API', async () => {
    const { stdout } = await run('npx', ['tsx', 'scripts/tenant-create.ts', '--name', '安源区民政局', '--admin', 'alice', '--time-zone', 'Asia/Shanghai'], {
      env: { ...process.env, DATABASE_URL: env.deps.config.DATABASE_URL, QUEUE_PREFIX: env.prefix, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    const token = /Token:\s+(\S+)/.exec(stdout)?.[1];
    expect(token).toMatch(/^ect_/);
    const me = await env.request.get('/me').set(bearer(token!));
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'alice', roles: ['admin'] });
    expect(me.body.tenant).toMatchObject({ name: '安源区民政局', timeZone: 'Asia/Shanghai' });
  });

  it('when the name is missing, then it exits with a usage message and status 2', async () => {
    await expect(run('npx', ['tsx', 'scripts/tenant-create.ts'], { env: { ...process.env, DATABASE_URL: env.deps.config.DATABASE_URL } }))
      .rejects.toMatchObject({ code: 2 });
  });
});
