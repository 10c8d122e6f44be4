import { closeDeps, createDeps, onShutdown } from './bootstrap.js';
import { config } from './config.js';
import { migrateDeploy } from './db/migrate.js';
import { startEmbeddedPostgres } from './db/embedded-postgres.js';
import { ensureRedis } from './queues/redis-server.js';
import { closeServer, listen } from './server.js';
import { startHousekeeping, startWorkers } from '../jobs/worker.js';

/**
 * `npm start`: one process for a newcomer — database (embedded PostgreSQL unless DATABASE_URL
 * is set), Redis (started if missing and installed), migrations, API and workers.
 */
async function main() {
  const cfg = config();
  const embedded = cfg.DATABASE_URL ? undefined : await startEmbeddedPostgres(cfg.DATA_DIR);
  const databaseUrl = cfg.DATABASE_URL ?? embedded!.url;
  const redisChild = await ensureRedis(cfg.REDIS_URL, cfg.DATA_DIR);
  const applied = await migrateDeploy(databaseUrl);
  const deps = await createDeps(cfg, databaseUrl);
  const workers = startWorkers(deps);
  const housekeeping = startHousekeeping(deps);
  await housekeeping.first;
  const server = await listen(deps);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : cfg.PORT;
  const base = cfg.PUBLIC_URL ?? `http://${cfg.HOST}:${port}`;
  console.log(`
Eldercare scheduling service is running.
  Screens:   ${base}/app   (staff sign in with username + password; drivers and aides with a one-time link)
  API:       ${base}
  Docs:      ${base}/docs   (OpenAPI: ${base}/openapi.json)
  Health:    ${base}/healthz · ${base}/readyz
  Database:  ${embedded ? `embedded PostgreSQL (${cfg.DATA_DIR}/postgres, port ${embedded.port})` : 'DATABASE_URL'}${applied.length ? ` · applied ${applied.length} migration(s)` : ''}
  Redis:     ${cfg.REDIS_URL}${redisChild ? ` (started redis-server, data in ${cfg.DATA_DIR}/redis)` : ''}
  Workers:   ${workers.workers.map((w) => w.name).join(', ')}

Get accounts and tokens:
  npm run demo                                            # demo township: a username/password per role, phone links, tokens
  npm run tenant:create -- --name "My district" --admin alice   # a new tenant, prints the admin's token
Then: curl -H "Authorization: Bearer <token>" ${base}/me
`);
  onShutdown(async () => {
    await closeServer(server);
    housekeeping.stop();
    await workers.close();
    await closeDeps(deps);
    redisChild?.kill();
    await embedded?.stop();
  });
}

main().catch((err: unknown) => {
  // Some libraries reject with nothing at all; never print a bare `undefined`.
  console.error(err instanceof Error ? err.message : `npm start failed: ${err === undefined ? 'no reason was given' : String(err)}`);
  process.exit(1);
});
