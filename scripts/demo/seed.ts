// The demo data set: a township tenant near Pingxiang with ~300 residents, users of every role, and
// each domain's demo step run through the real HTTP API. Used by `npm run demo` and by the tenant
// isolation sweep in the tests (the most complete data set we have).
import type { Deps } from '../../src/deps.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import { modules } from '../../src/modules.js';
import { createTenantWithAdmin } from '../../src/tenancy/service.js';
import { today } from '../../src/time/index.js';
import { apiClient } from './context.js';
import type { DemoContext } from './context.js';
import { demoResidents } from './township.js';
import { demoSteps } from './steps.js';

/** Every demo account signs in with this password (a demo, not a deployment). */
export const DEMO_PASSWORD = 'eldercare-demo';

const ROLE_USERS: { username: string; displayName: string; roles: Role[] }[] = [
  { username: 'manager', displayName: '厨房经理 王丽', roles: ['kitchen_manager'] },
  { username: 'driver1', displayName: '送餐员 刘强', roles: ['driver'] },
  { username: 'driver2', displayName: '送餐员 陈勇', roles: ['driver'] },
  { username: 'driver3', displayName: '送餐员 黄伟', roles: ['driver'] },
  { username: 'cashier', displayName: '食堂收银 李芳', roles: ['canteen_operator'] },
  { username: 'coordinator', displayName: '护理协调员 张敏', roles: ['hospital_coordinator'] },
  { username: 'aide1', displayName: '护理员 周秀英', roles: ['care_aide'] },
  { username: 'auditor', displayName: '审计 赵刚', roles: ['auditor'] },
];

/** Seeds the demo township (and, through the nursing step, the demo hospital); returns the township's context. */
export async function seedDemo(deps: Deps, baseUrl: string, serviceUrl: string, log: (line?: string) => void): Promise<DemoContext> {
  const api = apiClient(baseUrl);
  const created = await createTenantWithAdmin(deps.prisma, {
    name: `芦溪镇居家养老服务中心 (demo ${new Date().toISOString().slice(0, 16)})`, timeZone: 'Asia/Shanghai', locale: 'zh-CN',
  });
  await modules.syncTenantSchedules(deps.queues, created.tenant);
  const adminToken = created.token.token;
  const tokens = { admin: adminToken } as Record<Role, string>;
  const users: DemoContext['users'] = { admin: { id: created.admin.id, token: adminToken, roles: ['admin'] } };
  // Usernames are unique per tenant; a tag keeps sign-in unambiguous when the demo runs twice on one database.
  const tag = created.tenant.id.slice(-4);
  const signIns: DemoContext['signIns'] = [];
  await api('post', `/users/${created.admin.id}/password`, adminToken, { password: DEMO_PASSWORD });
  signIns.push({ role: 'admin', username: created.admin.username, password: DEMO_PASSWORD });
  for (const plain of ROLE_USERS) {
    const u = { ...plain, username: `${plain.username}.${tag}`, password: DEMO_PASSWORD };
    const user = await api('post', '/users', adminToken, u);
    const phoneUser = u.roles.includes('driver') || u.roles.includes('care_aide');
    const link = phoneUser ? (await api('post', `/users/${user.id}/sign-in-links`, adminToken, { expiresInMinutes: 72 * 60 })).path : undefined;
    signIns.push({ role: u.roles.join('+'), username: u.username, password: DEMO_PASSWORD, link });
    const token = (await api('post', `/users/${user.id}/tokens`, adminToken, { name: 'demo' })).token;
    users[plain.username] = { id: user.id, token, roles: u.roles };
    for (const r of u.roles) tokens[r] ??= token;
  }
  const date = today(created.tenant.timeZone);
  const personIds: string[] = [];
  for (const r of demoResidents(300, date)) personIds.push((await api('post', '/people', adminToken, r)).id);
  const ctx: DemoContext = {
    deps, baseUrl, serviceUrl, tenantId: created.tenant.id, timeZone: created.tenant.timeZone, tokens, users, personIds, api, log, signIns,
  };
  log(`Demo tenant: ${created.tenant.name} (${created.tenant.id}) with ${personIds.length} residents.`);
  for (const step of demoSteps) {
    log(`\n== ${step.title} ==`);
    await step.run(ctx);
  }
  return ctx;
}
