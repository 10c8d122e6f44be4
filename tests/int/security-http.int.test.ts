import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { chromium } from 'playwright-core';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { modules } from '../../src/modules.js';
import { hit, once } from '../../src/http/rate-limit.js';
import { logger, setLogTarget } from '../../src/logger.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';

let env: TestEnv;
let t: TestTenant;

beforeAll(async () => {
  env = await createTestEnv('sec_http', {
    RATE_LIMIT_AUTH_FAILURES: '20', RATE_LIMIT_TOKEN_ISSUE_PER_ACCOUNT: '5', RATE_LIMIT_WINDOW_SECONDS: '60',
  });
  t = await env.tenant();
});
afterAll(() => env?.close());

const deadRedis = () => new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });

describe('rate limits (Redis, shared by every API process)', () => {
  it('when one client sends 2000 wrong tokens, then at most 20 are checked and the rest get 429 problem+json with Retry-After — on a second process too', async () => {
    const attacker = { 'X-Forwarded-For': '203.0.113.7' };
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    const started = Date.now();
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) =>
        env.request.get('/me').set(attacker).set(bearer(`ect_guess${batch}_${i}`))));
      for (const a of answers) {
        statuses.push(a.status);
        if (a.status === 429) {
          retryAfter = a.headers['retry-after'];
          expect(a.headers['content-type']).toMatch(/problem\+json/);
        }
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect(statuses).toHaveLength(2000);
    expect(count(401)).toBeLessThanOrEqual(20 + 100); // the first batch runs concurrently: a few extra may slip in before the counter shows
    expect(count(429)).toBeGreaterThanOrEqual(1880);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    console.log(`2000 wrong tokens in ${seconds.toFixed(1)} s: ${count(401)} × 401, ${count(429)} × 429`);
    // Another API process (same Redis) refuses the same client; a valid token from it waits as well.
    const second = supertest(buildApp(env.deps, modules));
    expect((await second.get('/me').set(attacker).set(bearer(t.adminToken))).status).toBe(429);
    // Other clients are unaffected.
    expect((await second.get('/me').set({ 'X-Forwarded-For': '198.51.100.9' }).set(bearer(t.adminToken))).status).toBe(200);
  }, 180_000);

  it('when one account issues tokens quickly, then the 6th in the window is 429', async () => {
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await env.request.post('/me/tokens').set(bearer(t.adminToken)).send({ name: `n${i}` })).status);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });

  it('when a key is used once per interval, then the interval runs from the accepted use, not from a clock window', async () => {
    const key = `k${Date.now()}`;
    expect((await once(env.deps.redis, 'probe-once', key, 2)).allowed).toBe(true);
    const refused = await once(env.deps.redis, 'probe-once', key, 2);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1100));
    // A fixed 2-second window may have turned over by now; the interval since the use has not.
    expect((await once(env.deps.redis, 'probe-once', key, 2)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 1200));
    expect((await once(env.deps.redis, 'probe-once', key, 2)).allowed).toBe(true);
  });

  it('when Redis does not answer, then the limiter lets requests through and says so in the log', async () => {
    const lines: string[] = [];
    setLogTarget({ write: (l: string) => void lines.push(l) });
    logger.level = 'warn';
    const redis = deadRedis();
    try {
      const r = await hit(redis, 'probe-dead-redis', 'k', 1, 60);
      expect(r.allowed).toBe(true);
      expect(lines.join('')).toMatch(/rate limiter unavailable/);
    } finally {
      logger.level = 'silent';
      redis.disconnect();
    }
  });
});

describe('security headers, CORS and /readyz', () => {
  it('when any route answers, then CSP, nosniff, frame denial, referrer policy and no-store are set; HSTS only over TLS', async () => {
    for (const res of [await env.request.get('/me').set(bearer(t.adminToken)), await env.request.get('/nope'), await env.request.get('/healthz')]) {
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self';/);
      expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    const tls = await env.request.get('/healthz').set('X-Forwarded-Proto', 'https');
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('when a printable page carries its own styles, then the CSP allows exactly those blocks by hash — never unsafe-inline', async () => {
    const admin = bearer(t.adminToken);
    const kitchen = await env.request.post('/delivery/kitchens').set(admin)
      .send({ name: '中心厨房', address: '镇中心', lat: 27.62, lng: 113.85, capacityPerSlot: 50 });
    expect(kitchen.status, JSON.stringify(kitchen.body)).toBe(201);
    const sheet = await env.request.get(`/delivery/production.html?date=2026-12-01&slot=lunch&kitchen=${kitchen.body.id}`).set(admin);
    expect(sheet.status).toBe(200);
    const csp = String(sheet.headers['content-security-policy']);
    expect(csp).not.toMatch(/unsafe-inline/);
    const blocks = [...sheet.text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(blocks.length).toBe(1);
    const hash = createHash('sha256').update(blocks[0], 'utf8').digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    // A style block nobody declared (as an injected one would be) is not allowed.
    expect(csp).not.toContain(`'sha256-${createHash('sha256').update('body{display:none}').digest('base64')}'`);
  });

  it('when CORS_ORIGINS is unset, then no CORS header for any origin; when set, only the listed origin is allowed', async () => {
    const off = await env.request.get('/healthz').set('Origin', 'https://evil.example');
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
    const app = supertest(buildApp({ ...env.deps, config: { ...env.deps.config, CORS_ORIGINS: ['https://app.example'] } }, modules));
    const ok = await app.options('/me').set('Origin', 'https://app.example').set('Access-Control-Request-Method', 'GET');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(ok.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const evil = await app.get('/healthz').set('Origin', 'https://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('when Redis is down, then /readyz says fail without any error text', async () => {
    const redis = deadRedis();
    try {
      const res = await supertest(buildApp({ ...env.deps, redis }, modules)).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'not ready', checks: { postgres: 'ok', redis: 'fail' } });
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stream|closed/i);
    } finally {
      redis.disconnect();
    }
    expect((await env.request.get('/readyz')).body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('when /docs is opened in Chromium under the strict policy, then Swagger UI renders the API with no CSP violation', async () => {
    const page = await env.request.get('/docs');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
    const server = env.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const tab = await browser.newPage();
      const violations: string[] = [];
      tab.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
      await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/docs`);
      // Generous: the page renders in ~3 s on a quiet machine, far longer while the whole suite runs.
      await tab.waitForSelector('.swagger-ui .info .title', { timeout: 60_000 });
      expect(await tab.textContent('.swagger-ui .info .title')).toMatch(/Eldercare scheduling API/);
      await tab.waitForSelector('.opblock', { timeout: 60_000 });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((r) => server.close(r));
    }
  }, 150_000);
});
