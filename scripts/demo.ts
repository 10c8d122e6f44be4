// npm run demo — seeds a demo township near Pingxiang (Jiangxi): ~300 residents, users of every
// role, and runs each domain's demo step; prints one token per role.
import type { Server } from 'node:http';
import { config } from '../src/config.js';
import { closeDeps, createDeps } from '../src/bootstrap.js';
import { closeServer, listen } from '../src/server.js';
import { startWorkers } from '../jobs/worker.js';
import { openDatabase } from './lib/database.js';
import { seedDemo } from './demo/seed.js';

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
  const { tokens, signIns, serviceUrl } = await seedDemo(deps, baseUrl, cfg.PUBLIC_URL ?? `http://${cfg.HOST}:${cfg.PORT}`, (line = '') => console.log(line));
  console.log(`\nSign in on the screens: open ${serviceUrl}/app/sign-in`);
  for (const s of signIns) {
    console.log(`  ${s.role.padEnd(22)} ${s.username.padEnd(18)} password ${s.password}${s.link ? `   or on the phone, once: ${serviceUrl}${s.link}` : ''}`);
  }
  console.log('\nTokens for integrations (one per role; "Authorization: Bearer <token>" against `npm start`):');
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
