import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { makeIdNumber } from '../../src/people/id-card.js';

let env: TestEnv;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  env = await createTestEnv('tenancy');
  a = await env.tenant({ name: 'Tenant A' });
  b = await env.tenant({ name: 'Tenant B' });
});
afterAll(() => env?.close());

const person = (seq: number) => ({ name: `P${seq}`, gender: 'female', birthDate: '1948-05-06', idNumber: makeIdNumber('360302', '1948-05-06', seq) });

describe('tenant isolation', () => {
  it('when tenant B lists or gets anything of tenant A, then it never sees it (lists empty, gets 404)', async () => {
    const created = await env.request.post('/people').set(bearer(a.adminToken)).send(person(11));
    expect(created.status).toBe(201);
    const aUser = await a.user(['kitchen_manager']);

    const listB = await env.request.get('/people').set(bearer(b.adminToken));
    expect(listB.body.items).toEqual([]);
    const searchB = await env.request.get('/people').query({ q: created.body.idNumber.slice(0, 6) }).set(bearer(b.adminToken));
    expect(searchB.body.items).toEqual([]);
    expect((await env.request.get(`/people/${created.body.id}`).set(bearer(b.adminToken))).status).toBe(404);
    expect((await env.request.patch(`/people/${created.body.id}`).set(bearer(b.adminToken)).send({ name: 'x' })).status).toBe(404);
    expect((await env.request.post(`/people/${created.body.id}/statuses`).set(bearer(b.adminToken)).send({ code: 'empty_nest', validFrom: '2025-01-01' })).status).toBe(404);
    expect((await env.request.get(`/users/${aUser.id}`).set(bearer(b.adminToken))).status).toBe(404);
    expect((await env.request.post(`/users/${aUser.id}/tokens`).set(bearer(b.adminToken)).send({})).status).toBe(404);
    const usersB = await env.request.get('/users').set(bearer(b.adminToken));
    expect(usersB.body.items.map((u: { id: string }) => u.id)).not.toContain(aUser.id);
    const auditB = await env.request.get('/audit-log').set(bearer(b.adminToken));
    expect(auditB.body.items.every((r: { entityId: string }) => r.entityId !== created.body.id)).toBe(true);
    const importsB = await env.request.get('/imports').set(bearer(b.adminToken));
    expect(importsB.body.items).toEqual([]);
  });

  it('when the same ID number is registered in two tenants, then each tenant has its own record', async () => {
    const p = person(23);
    expect((await env.request.post('/people').set(bearer(a.adminToken)).send(p)).status).toBe(201);
    expect((await env.request.post('/people').set(bearer(b.adminToken)).send(p)).status).toBe(201);
    expect((await env.request.post('/people').set(bearer(a.adminToken)).send(p)).status).toBe(409);
  });
});

describe('tenant-scoped client', () => {
  it('when used inside an interactive transaction, then reads stay scoped and creates are stamped with the tenant', async () => {
    const { tenantDb } = await import('../../src/db/prisma.js');
    const dbB = tenantDb(env.deps.prisma, b.id);
    const seen = await dbB.$transaction(async (tx) => {
      const created = await tx.person.create({ data: { tenantId: a.id, name: 'stamped', gender: 'male', birthDate: '1950-01-01' } });
      return { created, all: await tx.person.findMany({ select: { tenantId: true } }) };
    });
    expect(seen.created.tenantId).toBe(b.id);
    expect(new Set(seen.all.map((p) => p.tenantId))).toEqual(new Set([b.id]));
  });
});

describe('roles', () => {
  it('when each role calls people endpoints, then only the allowed ones pass', async () => {
    const roles = ['kitchen_manager', 'hospital_coordinator', 'canteen_operator', 'driver', 'care_aide', 'auditor'] as const;
    const tokens = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, (await a.user([r])).token])));
    const expectations: Record<string, { create: number; list: number }> = {
      kitchen_manager: { create: 201, list: 200 },
      hospital_coordinator: { create: 201, list: 200 },
      canteen_operator: { create: 403, list: 403 }, // a till identifies diners through checkout only
      driver: { create: 403, list: 403 },
      care_aide: { create: 403, list: 403 },
      auditor: { create: 403, list: 200 },
    };
    let seq = 100;
    for (const role of roles) {
      const create = await env.request.post('/people').set(bearer(tokens[role])).send(person(seq++));
      const list = await env.request.get('/people').set(bearer(tokens[role]));
      expect({ role, create: create.status, list: list.status }).toEqual({ role, ...expectations[role] });
    }
  });

  it('when a non-admin manages users or the tenant, then 403; an admin may', async () => {
    const manager = await a.user(['kitchen_manager']);
    expect((await env.request.get('/users').set(bearer(manager.token))).status).toBe(403);
    expect((await env.request.post('/users').set(bearer(manager.token)).send({ username: 'x1', displayName: 'X', roles: ['admin'] })).status).toBe(403);
    expect((await env.request.patch('/tenant').set(bearer(manager.token)).send({ locale: 'en' })).status).toBe(403);
    const patched = await env.request.patch('/tenant').set(bearer(a.adminToken)).send({ locale: 'en', orderCutoff: '14:30' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ locale: 'en', orderCutoff: '14:30' });
  });

  it('when an auditor writes anything, then 403; reads pass', async () => {
    const auditor = await a.user(['auditor']);
    expect((await env.request.get('/audit-log').set(bearer(auditor.token))).status).toBe(200);
    expect((await env.request.patch('/tenant').set(bearer(auditor.token)).send({ locale: 'en' })).status).toBe(403);
  });
});

describe('users in the reader’s language', () => {
  it('when a zh-CN admin creates a user whose name is taken, then the refusal reads Chinese; an integrator’s Accept-Language: en reads English', async () => {
    const zh = { Authorization: `Bearer ${b.adminToken}` };
    const body = { username: 'wang.fang', displayName: '王芳', roles: ['driver'] };
    expect((await env.request.post('/users').set(zh).send(body)).status).toBe(201);
    const clash = await env.request.post('/users').set(zh).send(body);
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ title: '与现有数据冲突', detail: '已有名为“wang.fang”的用户。', errors: [{ path: 'body.username', message: '已被占用。' }] });
    const en = await env.request.post('/users').set(bearer(b.adminToken)).send(body);
    expect(en.body).toMatchObject({ detail: "A user named 'wang.fang' already exists.", errors: [{ message: 'Already taken.' }] });
    const bad = await env.request.post('/users').set(zh).send({ username: 'wang fang!', displayName: '王芳', roles: ['driver', 'driver'], password: 'short' });
    expect(bad.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'body.username', message: '只能使用字母、数字、点、短横线和下划线。' }),
      expect.objectContaining({ path: 'body.roles', message: '角色不能重复。' }),
      expect.objectContaining({ path: 'body.password', message: '至少 8 个字符。' }),
    ]));
    const missing = await env.request.get('/users/0193a3f0-0000-7000-8000-000000000001').set(zh);
    expect(missing.body.detail).toBe('未找到该用户。');
  });
});

describe('tokens', () => {
  it('when a token is revoked, then it stops working at once; the listing never shows secrets', async () => {
    const u = await a.user(['kitchen_manager']);
    expect((await env.request.get('/me').set(bearer(u.token))).status).toBe(200);
    const list = await env.request.get(`/users/${u.id}/tokens`).set(bearer(u.token));
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(u.token);
    const revoke = await env.request.post(`/tokens/${list.body.items[0].id}/revoke`).set(bearer(u.token));
    expect(revoke.status).toBe(200);
    expect((await env.request.get('/me').set(bearer(u.token))).status).toBe(401);
  });

  it('when a token has expired, then 401', async () => {
    const u = await a.user(['driver']);
    const t = await env.request.post(`/users/${u.id}/tokens`).set(bearer(a.adminToken)).send({ expiresInDays: 1 });
    await env.deps.prisma.apiToken.update({ where: { id: t.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await env.request.get('/me').set(bearer(t.body.token))).status).toBe(401);
  });

  it('when a user is disabled, then their tokens stop working', async () => {
    const u = await a.user(['driver']);
    await env.request.patch(`/users/${u.id}`).set(bearer(a.adminToken)).send({ disabled: true }).expect(200);
    expect((await env.request.get('/me').set(bearer(u.token))).status).toBe(401);
  });

  it('when a non-admin tries to revoke someone else’s token, then 404', async () => {
    const u1 = await a.user(['driver']);
    const u2 = await a.user(['driver']);
    const list = await env.request.get(`/users/${u1.id}/tokens`).set(bearer(a.adminToken));
    expect((await env.request.post(`/tokens/${list.body.items[0].id}/revoke`).set(bearer(u2.token))).status).toBe(404);
    expect((await env.request.get('/me').set(bearer(u1.token))).status).toBe(200);
  });

  it('when tokens are stored, then only a hash is kept', async () => {
    const u = await a.user(['driver']);
    const rows = await env.deps.prisma.apiToken.findMany({ where: { userId: u.id } });
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].tokenHash).not.toContain(u.token);
  });
});

describe('audit log', () => {
  it('when people and users change, then each change leaves a row with actor and before/after', async () => {
    const created = await env.request.post('/people').set(bearer(a.adminToken)).send(person(301));
    await env.request.patch(`/people/${created.body.id}`).set(bearer(a.adminToken)).send({ address: '新泉村 5 号' }).expect(200);
    const log = await env.request.get('/audit-log').query({ entity: 'Person', entityId: created.body.id }).set(bearer(a.adminToken));
    expect(log.body.items.map((r: { action: string }) => r.action)).toEqual(['person.update', 'person.create']);
    const update = log.body.items[0];
    expect(update.before.address).toBeNull();
    expect(update.after.address).toBe('新泉村 5 号');
    expect(update.actorUserId).toBeTruthy();
  });
});
