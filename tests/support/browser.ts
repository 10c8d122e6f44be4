import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../src/generated/prisma/enums.js';
import type { TestEnv, TestTenant } from './harness.js';

/** Debian's Chromium (apt-get install chromium fonts-noto-cjk); .ci/run installs it when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** The test app on a real port (browsers need one; supertest does not). */
export async function serve(env: TestEnv): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const s = env.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url, server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export const PASSWORD = 'correct-horse-9';

/** A staff member with a password, created through the API as the tenant's admin. */
export async function staff(env: TestEnv, tenant: TestTenant, roles: Role[], displayName = '测试员工') {
  const username = `s${randomBytes(4).toString('hex')}`;
  const res = await env.request.post('/users').set('Authorization', `Bearer ${tenant.adminToken}`)
    .send({ username, displayName, roles, password: PASSWORD });
  if (res.status !== 201) throw new Error(`staff create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, username, password: PASSWORD, displayName };
}

/** A phone: 390×844, touch, zh-CN. */
export function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'zh-CN' });
}

export function deskContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
}

/** Signs in through the sign-in form like a person would. */
export async function signIn(page: Page, username: string, password = PASSWORD, next = '/app'): Promise<void> {
  await page.goto(`/app/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^密码$|^Password$/).fill(password);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/app/sign-in'));
}
