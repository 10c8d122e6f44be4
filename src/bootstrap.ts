import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { createPrisma } from './db/prisma.js';
import { OutboxRelay } from './queues/outbox.js';
import { Queues } from './queues/queues.js';
import { createProducerRedis, waitForRedis } from './queues/redis.js';
import { logger } from './logger.js';

/** Builds the shared dependencies of a process (one Prisma client, one producer Redis, the queues). */
export async function createDeps(config: Config, databaseUrl: string): Promise<Deps> {
  logger.level = config.LOG_LEVEL;
  const prisma = createPrisma(databaseUrl);
  const redis = createProducerRedis(config.REDIS_URL, config.REDIS_COMMAND_TIMEOUT_MS);
  redis.on('error', () => {}); // reported by /readyz and as 503s; avoid crashing on reconnect errors
  await waitForRedis(redis, 10_000).catch(() => {
    // The API still starts: /readyz reports Redis, producers answer 503 until it is back.
  });
  const queues = new Queues(redis, config.QUEUE_PREFIX);
  // Staged jobs are published after commit, and again after a Redis that lost them comes back.
  const outbox = new OutboxRelay(prisma, queues, redis, { checkRedisEveryMs: config.REDIS_CHECK_EVERY_MS }).start();
  return { config, prisma, redis, queues, outbox };
}

/** Closes in dependency order: outbox relay → queues → Redis → Prisma. */
export async function closeDeps(deps: Deps): Promise<void> {
  deps.outbox.stop();
  await deps.queues.close().catch(() => {});
  deps.redis.disconnect();
  await deps.prisma.$disconnect();
}

/** Runs `steps` once on SIGINT/SIGTERM, then exits. */
export function onShutdown(steps: () => Promise<void>, log: (msg: string) => void = console.log): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: shutting down`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      await steps();
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
