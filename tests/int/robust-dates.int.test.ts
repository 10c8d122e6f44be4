import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';

/**
 * Far dates and far-future instants. `to=9999-12-31` used to hang the whole service (the next
 * day prints '+010000-01-01', which sorts before it, so the loop never ended), and a discharge in
 * 2036 billed 3318 days. Every date field of every route is swept with far dates: a quick 4xx
 * naming the field.
 */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
let env: TestEnv;
let t: TestTenant;
let aide: { id: string; token: string };
beforeAll(async () => {
  env = await createTestEnv('robust_dates');
  t = await env.tenant({ timeZone: 'Asia/Shanghai' });
  aide = await t.user(['care_aide']);
});
afterAll(() => env?.close());

type Param = { name: string; in: string; schema?: { format?: string } };
type Op = { parameters?: Param[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, { format?: string }> } }> } };

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

describe('far dates over every route', () => {
  it('when any date field of any route is far away, then the answer is a quick 400 naming it', async () => {
    const doc = (await env.request.get('/openapi.json')).body;
    const normal = (await timed(() => env.request.get('/me').set(bearer(t.adminToken)))).ms;
    const wrong: string[] = [];
    let slowest = 0;
    let cases = 0;
    for (const [path, ops] of Object.entries<Record<string, Op>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = path.replace(/\{[^}]+\}/g, UNKNOWN);
        const dateQuery = (op.parameters ?? []).filter((p) => p.in === 'query' && p.schema?.format === 'date').map((p) => p.name);
        const props = op.requestBody?.content['application/json']?.schema.properties ?? {};
        const dateBody = Object.entries(props).filter(([, p]) => p.format === 'date').map(([n]) => n);
        for (const far of ['9999-12-31', '9000-01-01', '0001-01-01']) {
          for (const name of dateQuery) {
            cases++;
            const q = new URLSearchParams({ [name]: far, ...(name === 'to' ? { from: '2026-12-01' } : {}) });
            const { value: res, ms } = await timed(() => env.request[method as 'get'](`${url}?${q}`).set(bearer(t.adminToken)));
            slowest = Math.max(slowest, ms);
            if (res.status !== 400 || !res.body.errors?.some((e: { path: string }) => e.path === `query.${name}`)) wrong.push(`${method} ${url}?${q} → ${res.status}`);
          }
          for (const name of dateBody) {
            cases++;
            const { value: res, ms } = await timed(() =>
              env.request[method as 'post'](url).set(bearer(t.adminToken)).set('Idempotency-Key', `far-${cases}`).send({ [name]: far }));
            slowest = Math.max(slowest, ms);
            if (res.status !== 400 || !res.body.errors?.some((e: { path: string }) => e.path === `body.${name}`)) wrong.push(`${method} ${url} ${name}=${far} → ${res.status}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cases).toBeGreaterThan(60);
    // Generous: a refusal costs about what a plain read does, never seconds.
    expect(slowest).toBeLessThan(Math.max(2_000, normal * 50));
  }, 120_000);

  it('when a care aide asks for shifts up to 9999-12-31, then 400 at once and the service still answers', async () => {
    const { value: res, ms } = await timed(() => env.request.get('/me/shifts?from=2026-12-01&to=9999-12-31').set(bearer(aide.token)));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('query.to');
    expect(ms).toBeLessThan(2_000);
    expect((await env.request.get('/healthz')).status).toBe(200);
  });

  it('when a range is inside the bounds but too long, then 400 names the end before any work', async () => {
    const cases = [
      env.request.get('/me/shifts?from=2026-01-01&to=2100-12-31').set(bearer(aide.token)),
      env.request.get('/nursing/coverage?from=2026-01-01&to=2100-12-31').set(bearer(t.adminToken)),
      env.request.get('/nursing/coverage?from=2026-12-10&to=2026-12-01').set(bearer(t.adminToken)),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.to']);
    }
    const roster = await env.request.post('/nursing/rosters').set(bearer(t.adminToken)).send({ fromDate: '2026-12-01', toDate: '2027-03-01' });
    expect(roster.status).toBe(400);
    expect(roster.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.toDate']);
  });
});

describe('times that cannot be true yet', () => {
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const fields = async (res: { status: number; body: { errors?: { path: string }[] } }) => {
    expect(res.status).toBe(400);
    return (res.body.errors ?? []).map((e) => e.path);
  };

  it('when a person is born in the future, then 400 names birthDate and nothing is stored', async () => {
    const before = await env.deps.prisma.person.count();
    const res = await env.request.post('/people').set(bearer(t.adminToken)).send({ name: '未来', gender: 'female', birthDate: '2030-05-05' });
    expect(await fields(res)).toEqual(['body.birthDate']);
    expect(await env.deps.prisma.person.count()).toBe(before);
    expect((await env.request.get('/people').set(bearer(t.adminToken))).status).toBe(200);
  });

  it('when a stored birth date is later than the day asked about, then reading still answers, with age null', async () => {
    await env.deps.prisma.person.create({ data: { tenantId: t.id, name: '坏数据', gender: 'male', birthDate: '2099-01-01' } });
    const list = await env.request.get('/people').set(bearer(t.adminToken));
    expect(list.status).toBe(200);
    expect(list.body.items.find((p: { name: string }) => p.name === '坏数据').age).toBeNull();
    const past = await env.request.get('/people?on=1950-01-01').set(bearer(t.adminToken));
    expect(past.status).toBe(200);
  });

  it('when a discharge, a booking end or a booking end date is far ahead, then 400 names the field', async () => {
    expect(await fields(await env.request.post(`/nursing/admissions/${UNKNOWN}/discharge`).set(bearer(t.adminToken)).send({ dischargedAt: '2036-01-01T00:00:00Z' }))).toEqual(['body.dischargedAt']);
    expect(await fields(await env.request.post(`/nursing/bookings/${UNKNOWN}/end`).set(bearer(t.adminToken)).send({ endedAt: '2300-01-01T00:00:00Z', reason: 'x' }))).toEqual(['body.endedAt']);
    const booking = await env.request.post('/nursing/bookings').set(bearer(t.adminToken)).send({ admissionId: UNKNOWN, barthelScore: 50, endDate: '2300-01-01' });
    expect(await fields(booking)).toEqual(['body.endDate']);
  });

  it('when a meal or a delivery outcome is reported more than 5 minutes ahead, then 400 names the time', async () => {
    const meal = await env.request.post(`/canteens/${UNKNOWN}/meals`).set(bearer(t.adminToken)).set('Idempotency-Key', 'future-meal')
      .send({ personId: UNKNOWN, slot: 'lunch', servedAt: future(1) });
    expect(await fields(meal)).toContain('body.servedAt');
    const outcome = await env.request.post(`/delivery/stops/${UNKNOWN}/outcome`).set(bearer(t.adminToken)).set('Idempotency-Key', 'future-outcome')
      .send({ status: 'delivered', at: future(1) });
    expect(await fields(outcome)).toEqual(['body.at']);
    // Within the clock skew it is accepted by the schema (then the unknown stop is 404).
    const skewed = await env.request.post(`/delivery/stops/${UNKNOWN}/outcome`).set(bearer(t.adminToken)).set('Idempotency-Key', 'skew-outcome')
      .send({ status: 'delivered', at: new Date(Date.now() + 60_000).toISOString() });
    expect(skewed.status).toBe(404);
  });
});
