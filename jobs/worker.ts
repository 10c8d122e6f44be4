import { pathToFileURL } from 'node:url';
import { config } from '../src/config.js';
import type { Deps } from '../src/deps.js';
import { closeDeps, createDeps, onShutdown } from '../src/bootstrap.js';
import { migrateDeploy } from '../src/db/migrate.js';
import { logger } from '../src/logger.js';
import { modules } from '../src/modules.js';
import { startQueueWorkers } from '../src/workers/queue-workers.js';
import type { RunningWorkers } from '../src/workers/queue-workers.js';
import { HOUSEKEEPING_EVERY_MS, startHousekeeping as startModuleHousekeeping } from '../src/workers/housekeeping.js';

export type { RunningWorkers };
export { HOUSEKEEPING_EVERY_MS };

/**
 * The worker process: the kernel's BullMQ workers and housekeeping (src/workers/) with the
 * modules of src/modules.ts. The processors themselves are the other files of jobs/.
 */
export function startWorkers(deps: Deps, opts: { prefix?: string; concurrency?: number } = {}): RunningWorkers {
  return startQueueWorkers(deps, modules, opts);
}

/** Job schedulers and the modules' recovery steps, at start, on a Redis reset and every 10 minutes. */
export function startHousekeeping(deps: Deps, everyMs = HOUSEKEEPING_EVERY_MS): { first: Promise<void>; stop(): void } {
  return startModuleHousekeeping(deps, modules, everyMs);
}

async function main() {
  const cfg = config();
  if (!cfg.DATABASE_URL) throw new Error('DATABASE_URL is required for the worker process.');
  await migrateDeploy(cfg.DATABASE_URL);
  const deps = await createDeps(cfg, cfg.DATABASE_URL);
  const running = startWorkers(deps);
  const housekeeping = startHousekeeping(deps);
  await housekeeping.first;
  logger.info({ queues: running.workers.map((w) => w.name) }, 'workers started');
  onShutdown(async () => {
    housekeeping.stop();
    await running.close();
    await closeDeps(deps);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    logger.fatal({ err }, 'worker failed to start');
    process.exit(1);
  });
}
