// npm run demo — seeds a demo township near Pingxiang (Jiangxi): ~300 residents, users of every
// role, and runs each domain's demo step; prints one token per role.
import type { Server } from 'node:http';
import { config } from '../src/config.js';
import { closeDeps, createDeps } from '../src/bootstrap.js';
import type { Role } from '../src/generated/prisma/enums.js';
import { syncTenantSchedules } from '../src/queues/schedules.js';
import { closeServer, listen } from '../src/server.js';
import { createTenantWithAdmin } from '../src/tenancy/service.js';
import { today } from '../src/time/index.js';
import { startWorkers } from '../jobs/worker.js';
import { openDatabase } from './lib/database.js';
import { apiClient } from './demo/context.js';
import type { DemoContext } from './demo/context.js';
import { demoResidents } from './demo/township.js';
import { demoSteps } from './demo/steps.js';

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

const cfg = config();
const db = await openDatabase(cfg);
const deps = await createDeps(cfg, db.url);
const workers = startWorkers(deps);
let server: Server | undefined;
let exitCode = 0;
try {
  server = await listen(deps, 0, '127.0.0.1');
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const api = apiClient(baseUrl);
  const created = await createTenantWithAdmin(deps.prisma, {
    name: `芦溪镇居家养老服务中心 (demo ${new Date().toISOString().slice(0, 16)})`, timeZone: 'Asia/Shanghai', locale: 'zh-CN',
  });
  await syncTenantSchedules(deps.queues, created.tenant);
  const adminToken = created.token.token;
  const tokens = { admin: adminToken } as Record<Role, string>;
  const users: DemoContext['users'] = { admin: { id: created.admin.id, token: adminToken, roles: ['admin'] } };
  for (const u of ROLE_USERS) {
    const user = await api('post', '/users', adminToken, u);
    const token = (await api('post', `/users/${user.id}/tokens`, adminToken, { name: 'demo' })).token;
    users[u.username] = { id: user.id, token, roles: u.roles };
    for (const r of u.roles) tokens[r] ??= token;
  }
  const date = today(created.tenant.timeZone);
  const personIds: string[] = [];
  for (const r of demoResidents(300, date)) personIds.push((await api('post', '/people', adminToken, r)).id);
  const ctx: DemoContext = {
    deps, baseUrl, serviceUrl: cfg.PUBLIC_URL ?? `http://${cfg.HOST}:${cfg.PORT}`, tenantId: created.tenant.id, timeZone: created.tenant.timeZone, tokens, users, personIds, api,
    log: (line = '') => console.log(line),
  };
  console.log(`Demo tenant: ${created.tenant.name} (${created.tenant.id}) with ${personIds.length} residents.`);
  for (const step of demoSteps) {
    console.log(`\n== ${step.title} ==`);
    await step.run(ctx);
  }
  console.log('\nTokens (one per role; use as "Authorization: Bearer <token>" against `npm start`):');
  for (const [role, token] of Object.entries(tokens)) console.log(`  ${role.padEnd(22)} ${token}`);
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  if (server) await closeServer(server);
  await workers.close();
  await closeDeps(deps);
  await db.stop();
}
process.exit(exitCode);
