/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import supertest from 'supertest';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { deskContext, launchBrowser, phoneContext, serve, signIn, staff, PASSWORD } from '../support/browser.js';

let env: TestEnv;
let tenant: TestTenant;
let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  env = await createTestEnv('web-sign-in');
  tenant = await env.tenant({ name: '安源区民政局' });
  server = await serve(env);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
});

const cookieOf = async (ctx: Awaited<ReturnType<typeof deskContext>>) => (await ctx.cookies()).find((c) => c.name === 'ect_sid');

describe('staff sign-in', () => {
  it('when an admin signs in with a password, then the user administration page opens in Chinese', async () => {
    const admin = await staff(env, tenant, ['admin'], '王管理');
    const ctx = await deskContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, admin.username);
    expect(new URL(page.url()).pathname).toBe('/app/admin/users');
    await expect.poll(() => page.locator('h1').innerText()).toBe('用户管理');
    await expect.poll(() => page.locator('.topbar .who').innerText()).toBe('王管理');
    const cookie = await cookieOf(ctx);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    await ctx.close();
  });

  it('when the password is wrong five times, then the account is locked and even the right password is refused', async () => {
    const user = await staff(env, tenant, ['kitchen_manager']);
    const ctx = await deskContext(browser, server.url);
    const page = await ctx.newPage();
    for (let i = 0; i < 4; i++) {
      await page.goto('/app/sign-in');
      await page.getByLabel('用户名或手机号').fill(user.username);
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByRole('button', { name: '登录' }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toBe('用户名或密码不正确。');
    }
    await page.getByLabel('用户名或手机号').fill(user.username);
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('账号已锁定');
    await page.getByLabel('用户名或手机号').fill(user.username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('账号已锁定');
    expect(await cookieOf(ctx)).toBeUndefined();
    // An admin's password reset lifts the lock.
    const reset = await env.request.post(`/users/${user.id}/password`).set('Authorization', `Bearer ${tenant.adminToken}`).send({ password: 'new-password-1' });
    expect(reset.status).toBe(204);
    await signIn(page, user.username, 'new-password-1');
    expect(await cookieOf(ctx)).toBeDefined();
    await ctx.close();
  });

  it('when a page script writes without the CSRF token, or from another site, then it is refused; with it, it works', async () => {
    const admin = await staff(env, tenant, ['admin']);
    const ctx = await deskContext(browser, server.url);
    const page = await ctx.newPage();
    await signIn(page, admin.username);
    const statuses = await page.evaluate(async () => {
      const body = JSON.stringify({ username: `c${Date.now()}`, displayName: 'x', roles: ['driver'] });
      const headers = { 'Content-Type': 'application/json' };
      const without = await fetch('/users', { method: 'POST', body, headers });
      const token = (document.querySelector('meta[name="csrf-token"]') as unknown as { content: string }).content;
      const withToken = await fetch('/users', { method: 'POST', body, headers: { ...headers, 'X-CSRF-Token': token } });
      return [without.status, withToken.status];
    });
    expect(statuses).toEqual([403, 201]);
    const cookie = (await cookieOf(ctx))!;
    const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    const crossSite = await supertest(server.url).post('/users').set('Cookie', `ect_sid=${cookie.value}`).set('X-CSRF-Token', csrf!)
      .set('Origin', 'http://evil.example').send({ username: 'evil1', displayName: 'x', roles: ['admin'] });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.detail).toBe('此表单已过期或并非来自本站，请刷新页面后重试。'); // a person's session reads the tenant's zh-CN
    // The cookie is a session, not an API token.
    expect((await supertest(server.url).get('/me').set('Authorization', `Bearer ${cookie.value}`)).status).toBe(401);
    // A token in a URL is never accepted.
    expect((await supertest(server.url).get(`/me?token=${tenant.adminToken}`)).status).toBe(401);
    await ctx.close();
  });

  it('when a driver opens a one-time link on a phone, then they are signed in; the same link a second time is refused', async () => {
    const driver = await staff(env, tenant, ['driver'], '张师傅');
    const manager = await tenant.user(['kitchen_manager']);
    const issued = await env.request.post(`/users/${driver.id}/sign-in-links`).set('Authorization', `Bearer ${manager.token}`).send({});
    expect(issued.status).toBe(201);
    expect(issued.body.qrSvg).toContain('<svg');
    const path = issued.body.path as string;

    const phone = await phoneContext(browser, server.url);
    const page = await phone.newPage();
    await page.goto(path);
    await expect.poll(() => page.locator('.big-text').innerText()).toBe('您将以 张师傅 的身份在这部手机上登录。');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/app/sign-in'));
    const me = (await page.evaluate(() => fetch('/me').then((r) => r.json()))) as { user: { displayName: string } };
    expect(me.user.displayName).toBe('张师傅');

    const other = await phoneContext(browser, server.url);
    const second = await other.newPage();
    await second.goto(path);
    await expect.poll(() => second.getByRole('alert').innerText()).toContain('已经用过或已过期');
    const replay = await supertest(server.url).post(path);
    expect(replay.status).toBe(410);
    await other.close();

    // A kitchen manager cannot hand out a link for an admin.
    const forAdmin = await env.request.post(`/users/${(await staff(env, tenant, ['admin'])).id}/sign-in-links`)
      .set('Authorization', `Bearer ${manager.token}`).send({});
    expect(forAdmin.status).toBe(403);
    expect(forAdmin.body.detail).toBe('您只能为自己管理的送餐员或护理员发放登录码。');
    await phone.close();
  });

  it('when a person signs out everywhere, then every other browser of theirs is signed out too', async () => {
    const user = await staff(env, tenant, ['admin']);
    const a = await deskContext(browser, server.url);
    const b = await deskContext(browser, server.url);
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    await signIn(pageA, user.username);
    await signIn(pageB, user.username);
    await pageA.goto('/app/account');
    await pageA.getByRole('button', { name: '退出所有设备' }).click();
    await pageA.waitForURL(/\/app\/sign-in/);
    await pageB.goto('/app/admin/users');
    expect(new URL(pageB.url()).pathname).toBe('/app/sign-in');
    expect((await pageB.evaluate(() => fetch('/me').then((r) => r.status)))).toBe(401);
    await a.close();
    await b.close();
  });

  it('when a signed-out browser opens a screen, then it is sent to sign in and brought back after', async () => {
    const user = await staff(env, tenant, ['admin']);
    const ctx = await deskContext(browser, server.url);
    const page = await ctx.newPage();
    await page.goto('/app/account');
    expect(new URL(page.url()).pathname).toBe('/app/sign-in');
    await page.getByLabel('用户名或手机号').fill(user.username);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/app\/account$/);
    // The header switch changes the language for this person.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('My account');
    await ctx.close();
  });
});
