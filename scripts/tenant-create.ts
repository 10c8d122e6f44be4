// npm run tenant:create -- --name "Anyuan district" --admin alice [--time-zone Asia/Shanghai] [--locale zh-CN]
// Creates a tenant and its first admin, and prints the admin's token (shown once).
import { parseArgs } from 'node:util';
import { config } from '../src/config.js';
import { closeDeps, createDeps } from '../src/bootstrap.js';
import { modules } from '../src/modules.js';
import { createTenantWithAdmin } from '../src/tenancy/service.js';
import { openDatabase } from './lib/database.js';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    admin: { type: 'string', default: 'admin' },
    'time-zone': { type: 'string', default: 'Asia/Shanghai' },
    locale: { type: 'string', default: 'zh-CN' },
  },
});
if (!values.name) {
  console.error('usage: npm run tenant:create -- --name "<tenant name>" --admin <username> [--time-zone Asia/Shanghai] [--locale zh-CN|en]');
  process.exit(2);
}
const cfg = config();
const db = await openDatabase(cfg);
const deps = await createDeps(cfg, db.url);
let exitCode = 0;
try {
  const created = await createTenantWithAdmin(deps.prisma, {
    name: values.name, adminUsername: values.admin, adminDisplayName: values.admin,
    timeZone: values['time-zone'], locale: values.locale as 'zh-CN' | 'en',
  });
  await modules.syncTenantSchedules(deps.queues, created.tenant).catch(() => {
    console.warn('(Redis not reachable: the tenant’s job schedules will be created when the worker starts.)');
  });
  console.log(`Tenant:  ${created.tenant.name} (${created.tenant.id}, ${created.tenant.timeZone})`);
  console.log(`Admin:   ${created.admin.username}`);
  console.log(`Token:   ${created.token.token}`);
  console.log('Keep the token: it is shown only once. Use it as "Authorization: Bearer <token>".');
} catch (err) {
  console.error(`Could not create the tenant: ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await closeDeps(deps);
  await db.stop();
}
process.exit(exitCode);
