import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Deps } from '../deps.js';
import type { Modules, Processor } from '../kernel/modules.js';
import { logger } from '../logger.js';
import { queuePayloads, QUEUE_NAMES } from '../queues/definitions.js';
import type { QueueName } from '../queues/definitions.js';
import { markJobDone } from '../queues/outbox.js';
import { createWorkerRedis } from '../queues/redis.js';
import { assertPayloadOwnership } from './ownership.js';

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

/**
 * Starts one BullMQ worker per queue that has a processor in the modules. Payloads are
 * re-validated and their ownership re-checked here, before the processor sees them.
 */
export function startQueueWorkers(
  deps: Deps,
  modules: Modules,
  opts: { prefix?: string; concurrency?: number } = {},
): RunningWorkers {
  const connection = createWorkerRedis(deps.config.REDIS_URL);
  connection.on('error', () => {});
  const workers = QUEUE_NAMES.filter((q) => modules.processors[q]).map((name) => {
    const processor = modules.processors[name] as Processor<QueueName>;
    const worker = new Worker(
      name,
      async (job: Job) => {
        const payload = queuePayloads[name].parse(job.data);
        await assertPayloadOwnership(deps, name, payload);
        const result = await processor(Object.assign(job, { data: payload }), deps, modules);
        // Finished: the outbox no longer publishes it again after a Redis reset.
        await markJobDone(deps.prisma, name, job.id);
        return result;
      },
      {
        connection,
        prefix: opts.prefix ?? deps.config.QUEUE_PREFIX,
        concurrency: opts.concurrency ?? 2,
        lockDuration: deps.config.JOB_LOCK_MS,
        stalledInterval: deps.config.JOB_LOCK_MS,
        // The geocoder's rate limit holds across every worker process (BullMQ's limiter is per queue).
        ...(name === 'geocode.address' ? { limiter: { max: deps.config.GEOCODER_RATE_PER_SEC, duration: 1000 } } : {}),
      },
    );
    worker.on('failed', (job, err) => {
      logger.warn({ queue: name, jobId: job?.id, err: err.message }, 'job failed');
      if (job && (job.finishedOn || job.attemptsMade >= (job.opts.attempts ?? 1)))
        void markJobDone(deps.prisma, name, job.id).catch(() => {});
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
