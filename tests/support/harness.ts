import { randomBytes } from 'node:crypto';
import { deleteQueuePrefix } from '../../src/queues/redis.js';
import { inject } from 'vitest';
import supertest from 'supertest';
import { buildApp } from '../../src/app.js';
import { modules } from '../../src/modules.js';
import { closeDeps, createDeps } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import { createTenantWithAdmin } from '../../src/tenancy/service.js';
import { startWorkers } from '../../jobs/worker.js';
import type { RunningWorkers } from '../../jobs/worker.js';
import { databaseUrl, TEST_REDIS_URL, withAdminClient } from './pg-urls.js';
import { ensureTemplate } from './template-db.js';

const admin = withAdminClient;

export interface TestTenant {
  id: string;
  adminToken: string;
  /** Creates a user with the given roles and returns its id and token. */
  user(roles: Role[], username?: string): Promise<{ id: string; token: string }>;
}

export interface TestEnv {
  deps: Deps;
  app: ReturnType<typeof buildApp>;
  request: ReturnType<typeof supertest>;
  dbName: string;
  prefix: string;
  workers?: RunningWorkers;
  startWorkers(): RunningWorkers;
  tenant(opts?: { name?: string; timeZone?: string; locale?: 'zh-CN' | 'en' }): Promise<TestTenant>;
  close(): Promise<void>;
}

/**
 * An isolated environment for one integration test file: its own database cloned from the
 * migrated template, its own BullMQ prefix on the real Redis, the real app (supertest) and,
 * on demand, real workers.
 */
export async function createTestEnv(label: string, overrides: Record<string, string> = {}): Promise<TestEnv> {
  const suffix = `${label.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const dbName = `eldercare_t_${suffix}`.slice(0, 63);
  const template = inject('templateDb');
  await admin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${dbName}" TEMPLATE "${template}"`);
        return;
      } catch (err) {
        // Another checkout's run may have dropped the template as stale: build it again.
        if (attempt < 3 && /does not exist/.test(String(err))) {
          await ensureTemplate(c, template);
          continue;
        }
        // Two files cloning at the same instant can collide on the template; try again.
        if (attempt >= 20 || !/being accessed/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const prefix = `test-${suffix}`;
  const config = loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl(dbName), REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix,
    // Every test file talks from 127.0.0.1 and issues many tokens; the rate-limit tests set their own limits.
    RATE_LIMIT_AUTH_FAILURES: '1000000', RATE_LIMIT_TOKEN_ISSUE_PER_IP: '1000000', RATE_LIMIT_TOKEN_ISSUE_PER_ACCOUNT: '1000000',
    ...overrides,
  });
  const deps = await createDeps(config, config.DATABASE_URL!);
  const app = buildApp(deps, modules);
  const env: TestEnv = {
    deps, app, request: supertest(app), dbName, prefix,
    startWorkers() {
      env.workers ??= startWorkers(deps, { prefix });
      return env.workers;
    },
    async tenant(opts = {}) {
      const created = await createTenantWithAdmin(deps.prisma, {
        name: opts.name ?? `Tenant ${randomBytes(3).toString('hex')}`, timeZone: opts.timeZone, locale: opts.locale,
      });
      const adminToken = created.token.token;
      return {
        id: created.tenant.id,
        adminToken,
        async user(roles, username) {
          const u = await supertest(app).post('/users').set('Authorization', `Bearer ${adminToken}`)
            .send({ username: username ?? `u${randomBytes(4).toString('hex')}`, displayName: roles.join('+'), roles });
          if (u.status !== 201) throw new Error(`user create failed: ${u.status} ${JSON.stringify(u.body)}`);
          const t = await supertest(app).post(`/users/${u.body.id}/tokens`).set('Authorization', `Bearer ${adminToken}`).send({});
          return { id: u.body.id, token: t.body.token };
        },
      };
    },
    async close() {
      await env.workers?.close();
      await closeDeps(deps);
      await deleteQueuePrefix(TEST_REDIS_URL, prefix);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
    },
  };
  return env;
}

/** Polls `fn` until it returns a truthy value (or times out) — for background jobs. */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

/**
 * An integrator's headers: the token, and English answers (Accept-Language: en), so that tests read
 * the catalogue's English side; tests/int/zh-cn-sweep.int.test.ts proves the zh-CN side, and tests
 * of what a person reads in the browser read zh-CN.
 */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, 'Accept-Language': 'en' });
