import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';

let env: TestEnv;
let t: TestTenant;

beforeAll(async () => {
  env = await createTestEnv('sec_tokens');
  t = await env.tenant();
});
afterAll(() => env?.close());

async function tokenFor(parent: string, body: Record<string, unknown>) {
  return env.request.post('/me/tokens').set(bearer(parent)).send(body);
}
const me = (token: string) => env.request.get('/me').set(bearer(token));

describe('token lifetime and roles never escalate', () => {
  it('when a 1-day token asks for a token without expiry or a longer one, then 400 naming body.expiresInDays; a shorter-or-equal one is issued', async () => {
    const day = await tokenFor(t.adminToken, { name: 'one day', expiresInDays: 1 });
    expect(day.status).toBe(201);
    for (const body of [{}, { expiresInDays: 2 }, { expiresInDays: 3650 }]) {
      const res = await tokenFor(day.body.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors[0].path).toBe('body.expiresInDays');
    }
    // A zh-CN reader (no Accept-Language) reads why in Chinese.
    const zh = await env.request.post('/me/tokens').set('Authorization', `Bearer ${day.body.token}`).send({ expiresInDays: 2 });
    expect(zh.body.detail).toBe('新令牌的有效期不能超过当前令牌。');
    expect(zh.body.errors[0].message).toMatch(/^最多 1 天：您正在使用的令牌于 .+ 到期。$/);
    const child = await tokenFor(day.body.token, { expiresInDays: 1 });
    expect(child.status).toBe(201);
    expect(child.body.parentId).toBe(day.body.id);
    expect(new Date(child.body.expiresAt).getTime()).toBeLessThanOrEqual(new Date(day.body.expiresAt).getTime());
    // The same rule on /users/:id/tokens: an admin's 1-day token cannot mint a forever token for staff.
    const driver = await t.user(['driver']);
    const forever = await env.request.post(`/users/${driver.id}/tokens`).set(bearer(day.body.token)).send({});
    expect(forever.status).toBe(400);
  });

  it('when the parent has expired, then its child stops working even though the child’s own expiry is later', async () => {
    const parent = await tokenFor(t.adminToken, { expiresInDays: 2 });
    const child = await tokenFor(parent.body.token, { expiresInDays: 1 });
    expect((await me(child.body.token)).status).toBe(200);
    await env.deps.prisma.apiToken.update({ where: { id: parent.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me(child.body.token)).status).toBe(401);
  });

  it('when a parent is revoked, then its children and grandchildren are revoked with it; siblings are not', async () => {
    const parent = await tokenFor(t.adminToken, { name: 'p' });
    const child = await tokenFor(parent.body.token, { name: 'c' });
    const grandchild = await tokenFor(child.body.token, { name: 'g' });
    const sibling = await tokenFor(t.adminToken, { name: 's' });
    expect((await me(grandchild.body.token)).status).toBe(200);
    const revoked = await env.request.post(`/tokens/${parent.body.id}/revoke`).set(bearer(t.adminToken));
    expect(revoked.status).toBe(200);
    for (const tok of [parent, child, grandchild]) expect((await me(tok.body.token)).status).toBe(401);
    expect((await me(sibling.body.token)).status).toBe(200);
    const rows = await env.deps.prisma.apiToken.findMany({ where: { id: { in: [child.body.id, grandchild.body.id] } } });
    expect(rows.every((r) => r.revokedAt)).toBe(true);
    const audit = await env.request.get('/audit-log').query({ entity: 'ApiToken', entityId: parent.body.id }).set(bearer(t.adminToken));
    expect(audit.body.items[0].after.revokedChildren.sort()).toEqual([child.body.id, grandchild.body.id].sort());
  });

  it('when a token is restricted to some roles, then it acts with those only and cannot mint a token with more', async () => {
    const staff = await t.user(['kitchen_manager', 'driver']);
    const driverOnly = await env.request.post(`/users/${staff.id}/tokens`).set(bearer(t.adminToken)).send({ roles: ['driver'] });
    expect(driverOnly.status).toBe(201);
    expect((await me(driverOnly.body.token)).body.user.roles).toEqual(['kitchen_manager', 'driver']);
    expect((await env.request.get('/delivery/kitchens').set(bearer(driverOnly.body.token))).status).toBe(403);
    expect((await env.request.get('/delivery/kitchens').set(bearer(staff.token))).status).toBe(200);
    const more = await tokenFor(driverOnly.body.token, { roles: ['kitchen_manager'] });
    expect(more.status).toBe(400);
    expect(more.body.errors[0].path).toBe('body.roles.0');
    const inherited = await tokenFor(driverOnly.body.token, {});
    expect(inherited.status).toBe(201);
    expect(inherited.body.roles).toEqual(['driver']);
    expect((await env.request.get('/delivery/kitchens').set(bearer(inherited.body.token))).status).toBe(403);
    const notTheirs = await env.request.post(`/users/${staff.id}/tokens`).set(bearer(t.adminToken)).send({ roles: ['auditor'] });
    expect(notTheirs.status).toBe(400);
  });
});

describe('no token is accepted in a URL', () => {
  it('when a valid token comes as ?token= or ?access_token= on /me or the dashboard, then 401 and no cookie is set', async () => {
    for (const path of ['/me', '/admin/queues', '/people']) {
      for (const param of ['token', 'access_token']) {
        const res = await env.request.get(`${path}?${param}=${encodeURIComponent(t.adminToken)}`);
        expect(res.status, `${path}?${param}`).toBeGreaterThanOrEqual(401);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(JSON.stringify(res.body)).not.toContain(t.adminToken);
      }
    }
  });
});
