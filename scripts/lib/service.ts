import { randomBytes } from 'node:crypto';
import { config, loadConfig } from '../../src/config.js';
import { closeDeps, createDeps } from '../../src/bootstrap.js';
import type { Deps } from '../../src/deps.js';
import { migrateDeploy } from '../../src/db/migrate.js';
import { closeServer, listen } from '../../src/server.js';
import { deleteQueuePrefix } from '../../src/queues/redis.js';
import { startWorkers } from '../../jobs/worker.js';
import { throwawayDatabase } from './database.js';

/**
 * Runs `work` against the whole service in this process — API on an ephemeral port and the
 * BullMQ workers — on a throwaway database and its own queue prefix, then tears everything down
 * (also when `work` throws) and exits. For the benchmarks that go through the real job paths.
 */
export async function withService(label: string, work: (svc: { deps: Deps; baseUrl: string }) => Promise<void>): Promise<never> {
  const database = await throwawayDatabase(config(), label);
  const prefix = `bench-${label}-${randomBytes(3).toString('hex')}`;
  const cfg = loadConfig({ ...process.env, DATABASE_URL: database.url, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' });
  let failed = false;
  try {
    await migrateDeploy(database.url);
    const deps = await createDeps(cfg, database.url);
    const workers = startWorkers(deps, { prefix });
    const server = await listen(deps, 0, '127.0.0.1');
    const address = server.address();
    try {
      await work({ deps, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    } finally {
      await closeServer(server);
      await workers.close();
      await closeDeps(deps);
    }
  } catch (err) {
    failed = true;
    console.error(err);
  } finally {
    await deleteQueuePrefix(cfg.REDIS_URL, prefix);
    await database.drop();
  }
  process.exit(failed ? 1 : 0);
}
