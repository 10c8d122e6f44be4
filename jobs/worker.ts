import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { pathToFileURL } from 'node:url';
import { config } from '../src/config.js';
import type { Deps } from '../src/deps.js';
import { closeDeps, createDeps, onShutdown } from '../src/bootstrap.js';
import { migrateDeploy } from '../src/db/migrate.js';
import { logger } from '../src/logger.js';
import { queuePayloads, QUEUE_NAMES } from '../src/queues/definitions.js';
import type { QueueName } from '../src/queues/definitions.js';
import { createWorkerRedis } from '../src/queues/redis.js';
import { markJobDone } from '../src/queues/outbox.js';
import { processors } from './processors.js';
import { assertPayloadOwnership } from './ownership.js';
import type { Processor } from './processors.js';
import { syncTenantSchedules } from '../src/queues/schedules.js';
import { requeueLostWelfareChecks } from '../src/delivery/welfare-recovery.js';
import { requeueLostLadderSteps } from '../src/delivery/welfare-ladder.js';
import { recoverOutbox } from '../src/notify/recovery.js';

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

/** Starts one BullMQ worker per queue that has a processor. Payloads are re-validated here. */
export function startWorkers(deps: Deps, opts: { prefix?: string; concurrency?: number } = {}): RunningWorkers {
  const connection = createWorkerRedis(deps.config.REDIS_URL);
  connection.on('error', () => {});
  const workers = QUEUE_NAMES.filter((q) => processors[q]).map((name) => {
    const processor = processors[name] as Processor<QueueName>;
    const worker = new Worker(
      name,
      async (job: Job) => {
        const payload = queuePayloads[name].parse(job.data);
        await assertPayloadOwnership(deps, name, payload);
        const result = await processor(Object.assign(job, { data: payload }), deps);
        // Finished: the outbox no longer publishes it again after a Redis reset.
        await markJobDone(deps.prisma, name, job.id);
        return result;
      },
      {
        connection, prefix: opts.prefix ?? deps.config.QUEUE_PREFIX, concurrency: opts.concurrency ?? 2,
        lockDuration: deps.config.JOB_LOCK_MS, stalledInterval: deps.config.JOB_LOCK_MS,
        // The geocoder's rate limit holds across every worker process (BullMQ's limiter is per queue).
        ...(name === 'geocode.address' ? { limiter: { max: deps.config.GEOCODER_RATE_PER_SEC, duration: 1000 } } : {}),
      },
    );
    worker.on('failed', (job, err) => {
      logger.warn({ queue: name, jobId: job?.id, err: err.message }, 'job failed');
      if (job && (job.finishedOn || job.attemptsMade >= (job.opts.attempts ?? 1))) void markJobDone(deps.prisma, name, job.id).catch(() => {});
    });
    worker.on('error', (err) => logger.error({ queue: name, err: err.message }, 'worker error'));
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}

/** Upserts the job schedulers of every tenant (run at worker start; cheap and idempotent). */
export async function syncAllSchedules(deps: Deps): Promise<void> {
  const tenants = await deps.prisma.tenant.findMany({ select: { id: true, timeZone: true, orderCutoff: true } });
  for (const t of tenants) await syncTenantSchedules(deps.queues, t);
}

export const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

/**
 * Puts back what Redis may have lost, from the database: every tenant's job schedulers, the
 * pending welfare checks, the welfare ladder steps not run yet and the notification outbox's
 * messages not sent. Every step is idempotent, so the worker runs them at start, as soon as the
 * job outbox relay finds Redis came back empty (it checks on every reconnect and every
 * REDIS_CHECK_EVERY_MS), and every 10 minutes as a safety net. A failed round is logged and
 * retried at the next tick. (Lost one-off jobs come back from the job outbox itself.)
 */
export function startHousekeeping(deps: Deps, everyMs = HOUSEKEEPING_EVERY_MS): { first: Promise<void>; stop(): void } {
  const restore = async () => {
    await syncAllSchedules(deps);
    const requeued = await requeueLostWelfareChecks(deps);
    if (requeued) logger.warn({ requeued }, 'welfare checks missing from Redis were queued again');
    const steps = await requeueLostLadderSteps(deps);
    if (steps) logger.warn({ requeued: steps }, 'welfare ladder steps missing from Redis were queued again');
    await recoverOutbox(deps);
  };
  const round = () => restore().catch((err) => logger.error({ err: (err as Error).message }, 'housekeeping round failed'));
  const timer = setInterval(round, everyMs);
  timer.unref();
  let stopped = false;
  deps.outbox.onRedisReset(async () => {
    if (!stopped) await restore(); // a failure makes the relay check (and restore) again shortly
  });
  return {
    first: round(),
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
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
