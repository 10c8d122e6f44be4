import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/generated/prisma/enums.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';

/**
 * Roles, swept over EVERY route of the OpenAPI document: each route declares who may call it
 * (`x-roles`); one user per role calls it, with an unknown id in the path and an empty body.
 * A role outside the declaration must get 403 (before any validation or lookup); a role inside
 * must get past the role check (anything but 401/403, and never a 5xx).
 */
const ROLES: Role[] = ['admin', 'kitchen_manager', 'driver', 'canteen_operator', 'hospital_coordinator', 'care_aide', 'auditor'];
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

let env: TestEnv;
let t: TestTenant;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  env = await createTestEnv('roles_sweep');
  t = await env.tenant();
  tokens.set('admin', t.adminToken);
  for (const r of ROLES.filter((x) => x !== 'admin')) tokens.set(r, (await t.user([r])).token);
});
afterAll(() => env?.close());

/** What the role check promises: admins everything, auditors every read, others what the route lists. */
function allowed(role: Role, method: Method, access: 'public' | 'any' | Role[]): boolean {
  if (access === 'public' || access === 'any' || role === 'admin') return true;
  if (role === 'auditor' && method === 'get') return true;
  return access.includes(role);
}

describe('roles over every route', () => {
  it('when each role calls each route, then exactly the roles the route declares get past the role check', async () => {
    const doc = (await env.request.get('/openapi.json')).body;
    const wrong: string[] = [];
    let refusals = 0;
    for (const [path, ops] of Object.entries<Record<string, { 'x-roles': 'public' | 'any' | Role[] }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops) as [Method, { 'x-roles': 'public' | 'any' | Role[] }][]) {
        const access = op['x-roles'];
        if (access === 'public') continue;
        const url = path.replace(/\{[^}]+\}/g, UNKNOWN);
        for (const role of ROLES) {
          const req = env.request[method](url).set(bearer(tokens.get(role)!));
          const res = method === 'get' || method === 'delete' ? await req : await req.send({});
          const ok = allowed(role, method, access);
          if (!ok) refusals++;
          if (ok ? res.status === 401 || res.status === 403 || res.status >= 500 : res.status !== 403) {
            wrong.push(`${method.toUpperCase()} ${path} as ${role}: ${res.status} (${ok ? 'allowed' : 'refused'} by x-roles ${JSON.stringify(access)})`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(refusals).toBeGreaterThan(300); // most routes belong to one programme's roles
  }, 120_000);

  it('when no token or a wrong one is sent, then every non-public route answers 401 as problem+json', async () => {
    const doc = (await env.request.get('/openapi.json')).body;
    const wrong: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, { 'x-roles': unknown }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops) as [Method, { 'x-roles': unknown }][]) {
        if (op['x-roles'] === 'public') continue;
        const url = path.replace(/\{[^}]+\}/g, UNKNOWN);
        for (const headers of [{}, bearer('ect_not-a-token')]) {
          const res = await env.request[method](url).set(headers);
          if (res.status !== 401 || !String(res.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${method} ${path}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
