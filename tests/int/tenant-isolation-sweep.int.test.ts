import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/tenancy/service.js';
import { addDays, today } from '../../src/time/index.js';
import { seedDemo } from '../../scripts/demo/seed.js';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';

/**
 * Tenant isolation, swept over EVERY GET route of the OpenAPI document: the demo data set (a
 * township with all three programmes' data, and a hospital) plus an empty tenant. Every id in
 * the database belongs to one tenant; no answer to one tenant may carry an id of another, and
 * no tenant gets a 2xx for another tenant's object.
 */
let env: TestEnv;
let server: Server;
let base: string;
const owner = new Map<string, string>(); // uuid → tenantId, for every row of every tenant
const tokens = new Map<string, string>(); // tenantId → admin token
const samples: { table: string; id: string; tenantId: string }[] = [];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const ZONE = 'Asia/Shanghai';

async function get(path: string, token: string) {
  const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text() };
}

/** Ids in an answer that belong to a tenant other than the caller's. */
function foreignIds(text: string, callerTenant: string): string[] {
  return [...new Set(text.match(UUID) ?? [])].filter((id) => owner.has(id) && owner.get(id) !== callerTenant);
}

beforeAll(async () => {
  env = await createTestEnv('isolation_sweep');
  env.startWorkers();
  server = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const township = await seedDemo(env.deps, base, base, () => {});
  tokens.set(township.tenantId, township.tokens.admin);
  const hospital = await env.deps.prisma.tenant.findFirstOrThrow({ where: { id: { not: township.tenantId } } });
  const hospitalAdmin = await env.deps.prisma.user.findFirstOrThrow({ where: { tenantId: hospital.id, roles: { has: 'admin' } } });
  const ctx = { tenantId: hospital.id, userId: hospitalAdmin.id, roles: hospitalAdmin.roles, timeZone: ZONE, locale: 'zh-CN', requestId: 'sweep' };
  tokens.set(hospital.id, (await issueToken(env.deps, ctx, hospitalAdmin.id, { name: 'sweep' })).token);
  const empty = await env.tenant({ timeZone: ZONE });
  tokens.set(empty.id, empty.adminToken);

  const tables = await env.deps.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT t.table_name FROM information_schema.columns t JOIN information_schema.columns i USING (table_schema, table_name)
    WHERE t.table_schema = current_schema() AND t.column_name = 'tenantId' AND i.column_name = 'id' AND i.data_type = 'uuid'`;
  for (const { table_name: table } of tables) {
    const rows = await env.deps.prisma.$queryRawUnsafe<{ id: string; tenantId: string }[]>(`SELECT id::text, "tenantId"::text FROM "${table}"`);
    for (const r of rows) owner.set(r.id, r.tenantId);
    for (const t of tokens.keys()) samples.push(...rows.filter((r) => r.tenantId === t).slice(0, 3).map((r) => ({ table, ...r })));
  }
  for (const t of tokens.keys()) owner.set(t, t);
}, 300_000);
afterAll(async () => {
  server?.close();
  await env?.close();
});

describe('tenant isolation over every GET route', () => {
  it('when each tenant reads every list, then it sees only its own ids', async () => {
    const doc = JSON.parse((await get('/openapi.json', [...tokens.values()][0])).text);
    const day = today(ZONE);
    const values: Record<string, string> = {
      date: addDays(day, 1), from: addDays(day, -10), to: addDays(day, 10), slot: 'lunch', month: day.slice(0, 7),
      // An id nobody has: the answer (404/422) is about the caller's own data.
      subjectKind: 'meal', subjectId: '01900000-0000-7000-8000-000000000000',
    };
    const lists = Object.entries<Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>>(doc.paths)
      .filter(([path, ops]) => ops.get && !path.includes('{'));
    expect(lists.length).toBeGreaterThan(30);
    const leaks: string[] = [];
    const failed: string[] = [];
    let ownDataSeen = 0;
    for (const [path, ops] of lists) {
      const query = (ops.get.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${values[p.name] ?? ''}`);
      const url = query.length ? `${path}?${query.join('&')}` : path;
      for (const [tenantId, token] of tokens) {
        const res = await get(url, token);
        // 404/422 are answers about the caller's own data (no kitchen yet, not an aide); a 400 would
        // mean the sweep sent a bad query, 401/403 that the admin was refused, 5xx a crash.
        if (res.status >= 400 && res.status !== 404 && res.status !== 422) failed.push(`${url} → ${res.status}`);
        const foreign = foreignIds(res.text, tenantId);
        if (foreign.length) leaks.push(`${url} shows ${foreign.length} ids of another tenant`);
        if ((res.text.match(UUID) ?? []).some((id) => owner.get(id) === tenantId && id !== tenantId)) ownDataSeen++;
      }
    }
    expect(leaks).toEqual([]);
    expect(failed).toEqual([]);
    expect(ownDataSeen).toBeGreaterThan(30); // the lists really carried data
  }, 120_000);

  it('when a tenant asks for another tenant’s object by id, then it never gets it', async () => {
    const doc = JSON.parse((await get('/openapi.json', [...tokens.values()][0])).text);
    const routes = Object.keys(doc.paths).filter((p) => doc.paths[p].get && (p.match(/\{/g) ?? []).length === 1);
    const covered = new Set<string>();
    const leaks: string[] = [];
    for (const route of routes) {
      for (const s of samples) {
        const url = route.replace(/\{[^}]+\}/, s.id);
        if ((await get(url, tokens.get(s.tenantId)!)).status !== 200) continue; // not this route's kind of id
        covered.add(route);
        for (const [tenantId, token] of tokens) {
          if (tenantId === s.tenantId) continue;
          const res = await get(url, token);
          // A 404 problem may echo the caller's own URL (instance); any other foreign id is a leak.
          if (res.status < 300 || foreignIds(res.text, tenantId).some((id) => id !== s.id)) leaks.push(`${url} (${s.table}) → ${res.status} for another tenant`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The sweep reached the objects of every programme (not a vacuous pass).
    for (const r of ['/people/{id}', '/users/{id}', '/delivery/route-plans/{id}', '/delivery/recipients/{id}', '/delivery/routes/{id}/sheet',
      '/canteens/{id}', '/canteens/{id}/meals', '/audit/findings/{id}', '/subsidy-policies/{id}', '/nursing/admissions/{id}', '/nursing/bookings/{id}',
      '/nursing/aides/{id}', '/nursing/wards/{id}', '/nursing/rosters/{id}', '/nursing/invoices/{id}', '/imports/{id}']) {
      expect(covered, r).toContain(r);
    }
  }, 240_000);
});
