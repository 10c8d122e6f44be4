import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma, tenantDb } from '../../src/db/prisma.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { databaseUrl } from '../support/pg-urls.js';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';

let env: TestEnv;
let a: TestTenant;
let b: TestTenant;
let personOfA: string;
let personOfB: string;
/** One connection only: every query below shares it, so a setting left behind would show. */
let single: PrismaClient;

beforeAll(async () => {
  env = await createTestEnv('rls');
  a = await env.tenant({ name: 'A' });
  b = await env.tenant({ name: 'B' });
  const p = env.deps.prisma;
  personOfA = (await p.person.create({ data: { tenantId: a.id, name: '甲', gender: 'male', birthDate: '1940-01-01' } })).id;
  personOfB = (await p.person.create({ data: { tenantId: b.id, name: '乙', gender: 'female', birthDate: '1941-01-01' } })).id;
  single = createPrisma(databaseUrl(env.dbName), 1);
});
afterAll(async () => {
  await single?.$disconnect();
  await env?.close();
});

type Row = { tenantId: string };

describe('row-level security (the database refuses what the Prisma layer would never ask)', () => {
  it('when tenant A sends an unscoped SQL query, then the database returns none of B’s rows', async () => {
    const dbA = tenantDb(single, a.id);
    const rows = await dbA.$queryRaw<Row[]>`SELECT "tenantId"::text AS "tenantId" FROM "Person"`;
    expect(rows.map((r) => r.tenantId)).toEqual([a.id]);
    const tenants = await dbA.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM "Tenant"`;
    expect(tenants.map((t) => t.id)).toEqual([a.id]);
    const who = await dbA.$queryRaw<{ u: string; t: string }[]>`SELECT current_user AS u, current_setting('app.tenant_id') AS t`;
    expect(who[0]).toEqual({ u: 'eldercare_tenant', t: a.id });
    // The same connection, next used for cross-tenant work, sees every tenant again.
    const all = await single.$queryRaw<Row[]>`SELECT "tenantId"::text AS "tenantId" FROM "Person" ORDER BY "name"`;
    expect(all.map((r) => r.tenantId).sort()).toEqual([a.id, b.id].sort());
    expect((await single.$queryRaw<{ u: string }[]>`SELECT current_user AS u`)[0].u).not.toBe('eldercare_tenant');
  });

  it('when a transaction of tenant A reads or writes B’s rows by hand, then it sees nothing and its insert is refused', async () => {
    const dbA = tenantDb(single, a.id);
    await expect(dbA.$transaction(async (tx) => {
      const seen = await tx.$queryRaw<Row[]>`SELECT "tenantId"::text AS "tenantId" FROM "Person" WHERE id = ${personOfB}::uuid`;
      expect(seen).toEqual([]);
      const updated = await tx.$executeRaw`UPDATE "Person" SET name = 'hijacked' WHERE id = ${personOfB}::uuid`;
      expect(updated).toBe(0);
      await tx.$executeRaw`INSERT INTO "Person" (id, "tenantId", name, gender, "birthDate", "createdAt", "updatedAt")
        VALUES (gen_random_uuid(), ${b.id}::uuid, 'planted', 'male', '1950-01-01', now(), now())`;
    })).rejects.toThrow(/row-level security/);
    expect((await env.deps.prisma.person.findUniqueOrThrow({ where: { id: personOfB } })).name).toBe('乙');
    expect(await env.deps.prisma.person.count({ where: { name: 'planted' } })).toBe(0);
  });

  it('when two tenants look up their own rows in the same tick, then each finds its own (no batching across tenants)', async () => {
    const [mine, theirs, crossed] = await Promise.all([
      tenantDb(single, a.id).person.findUnique({ where: { id: personOfA } }),
      tenantDb(single, b.id).person.findUnique({ where: { id: personOfB } }),
      tenantDb(single, a.id).person.findUnique({ where: { id: personOfB } }),
    ]);
    expect(mine?.name).toBe('甲');
    expect(theirs?.name).toBe('乙');
    expect(crossed).toBeNull();
  });

  it('when the catalogue is read, then every table with a tenantId has the policy on, and the tenant role neither owns a table nor bypasses RLS', async () => {
    const uncovered = await env.deps.prisma.$queryRaw<{ relname: string }[]>`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'tenantId')
        AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation'))`;
    expect(uncovered).toEqual([]);
    const covered = await env.deps.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_policies WHERE schemaname = current_schema() AND policyname = 'tenant_isolation'`;
    expect(covered[0].n).toBeGreaterThan(50);
    const role = await env.deps.prisma.$queryRaw<{ rolbypassrls: boolean; rolsuper: boolean; owns: number }[]>`
      SELECT r.rolbypassrls, r.rolsuper, (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owns
      FROM pg_roles r WHERE r.rolname = 'eldercare_tenant'`;
    expect(role[0]).toEqual({ rolbypassrls: false, rolsuper: false, owns: 0 });
  });

  it('when the API serves tenant A under RLS, then its list and lookups still answer, and B’s id is a 404', async () => {
    const res = await env.request.get('/people').set({ Authorization: `Bearer ${a.adminToken}` });
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([personOfA]);
    expect((await env.request.get(`/people/${personOfA}`).set({ Authorization: `Bearer ${a.adminToken}` })).status).toBe(200);
    expect((await env.request.get(`/people/${personOfB}`).set({ Authorization: `Bearer ${a.adminToken}` })).status).toBe(404);
  });
});
