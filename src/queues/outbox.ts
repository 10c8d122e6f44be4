import { randomUUID } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PrismaClient, TenantTx } from '../db/prisma.js';
import { afterCommit } from '../db/transactions.js';
import { ValidationError } from '../http/errors.js';
import { logger } from '../logger.js';
import { queuePayloads } from './definitions.js';
import type { Payload, QueueName } from './definitions.js';
import type { Queues } from './queues.js';
import { zodIssuesToFieldErrors } from '../http/validate.js';

/** The running relays of this process; a commit that staged jobs wakes them all. */
const relays = new Set<OutboxRelay>();

export interface StageOptions extends Omit<JobsOptions, 'jobId' | 'delay' | 'repeat'> {
  /** Deterministic id from business keys (no ':'): the same job staged twice runs once. */
  jobId: string;
  /** When the job falls due (default now); the BullMQ delay is computed when it is published. */
  runAt?: Date;
  /** Drop a finished job under the same id first (a fresh check after an earlier one ran). */
  replace?: boolean;
}

/**
 * Stages a job in the caller's transaction: the job exists if and only if the change that asked
 * for it committed. The relay publishes it to BullMQ after commit (at once, or when Redis is back).
 * Staging the same (queue, jobId) again replaces the staged job and publishes it anew.
 */
export async function stageJob<Q extends QueueName>(tx: TenantTx, queue: Q, name: string, data: Payload<Q>, opts: StageOptions): Promise<void> {
  const parsed = queuePayloads[queue].safeParse(data);
  if (!parsed.success) {
    throw new ValidationError(zodIssuesToFieldErrors('job', parsed.error.issues));
  }
  const { jobId, runAt = new Date(), replace = false, ...options } = opts;
  const tenantId = (parsed.data as { tenantId: string }).tenantId;
  await tx.$executeRaw`
    INSERT INTO "OutboxJob" (id, "tenantId", queue, name, "jobId", data, options, "runAt", replace)
    VALUES (${randomUUID()}::uuid, ${tenantId}::uuid, ${queue}, ${name}, ${jobId}, ${JSON.stringify(parsed.data)}::jsonb,
            ${JSON.stringify(options)}::jsonb, ${runAt}, ${replace})
    ON CONFLICT (queue, "jobId") DO UPDATE SET
      "tenantId" = EXCLUDED."tenantId", name = EXCLUDED.name, data = EXCLUDED.data, options = EXCLUDED.options,
      "runAt" = EXCLUDED."runAt", replace = EXCLUDED.replace, "createdAt" = now(),
      "publishedAt" = NULL, "doneAt" = NULL, "claimedUntil" = NULL, "publishAttempts" = 0, "lastError" = NULL`;
  // Published right after commit (the unit of work waits briefly for it, so a 2xx normally means
  // the job is in Redis); if Redis is away, the relay publishes it when Redis is back.
  afterCommit(() => Promise.all([...relays].map((r) => r.drain())));
}

/** The worker marks a job done (succeeded, or failed for good): it is no longer re-published. */
export async function markJobDone(prisma: PrismaClient, queue: string, jobId: string | undefined): Promise<void> {
  if (!jobId) return;
  await prisma.outboxJob.updateMany({ where: { queue, jobId, doneAt: null, publishedAt: { not: null } }, data: { doneAt: new Date() } });
}

interface ClaimedRow {
  id: string;
  queue: QueueName;
  name: string;
  jobId: string;
  data: unknown;
  options: JobsOptions;
  runAt: Date;
  replace: boolean;
  createdAt: Date;
}

const CLAIM_SECONDS = 30;
const BATCH = 100;
/** A published job younger than this that is missing from Redis was lost, and is published again. */
const RESTORE_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * Publishes staged jobs after commit; one per process (API and worker). It drains when a
 * transaction staged jobs, every few seconds, at start and whenever Redis (re)connects. It also
 * notices a Redis that came back empty (its marker key is gone): jobs published but not finished
 * are published again, and the process's `onRedisReset` hooks run (schedules, welfare checks).
 */
export class OutboxRelay {
  private draining?: Promise<void>;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private readonly resetHooks: (() => Promise<unknown>)[] = [];
  private readonly kick = () => void this.drain();
  private readonly onReady = () => void this.checkRedis().then(this.kick);

  constructor(
    private readonly prisma: PrismaClient,
    private readonly queues: Queues,
    private readonly redis: Redis,
    private readonly opts: { everyMs?: number; checkRedisEveryMs?: number } = {},
  ) {}

  private get markerKey() {
    return `${this.queues.prefix}:outbox:alive`;
  }

  start(): this {
    relays.add(this);
    this.redis.on('ready', this.onReady);
    this.timers.push(setInterval(this.kick, this.opts.everyMs ?? 5_000), setInterval(() => void this.checkRedis(), this.opts.checkRedisEveryMs ?? 15_000));
    for (const t of this.timers) t.unref();
    if (this.redis.status === 'ready') this.onReady();
    return this;
  }

  stop(): void {
    relays.delete(this);
    this.redis.off('ready', this.onReady);
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Runs `hook` whenever Redis is found to have lost its data (also once on a fresh Redis). */
  onRedisReset(hook: () => Promise<unknown>): void {
    this.resetHooks.push(hook);
  }

  /** Publishes every pending staged job; concurrent calls coalesce into one more round. */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        while (await this.publishBatch()) {
          /* next batch */
        }
      } while (this.again);
    })()
      .catch((err) => logger.warn({ err: (err as Error).message }, 'outbox relay round failed; retried shortly'))
      .finally(() => (this.draining = undefined));
    return this.draining;
  }

  /** Publishes one claimed batch; true when a full batch went out (there may be more). */
  private async publishBatch(): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    const rows = await this.prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxJob" SET "claimedUntil" = now() + make_interval(secs => ${CLAIM_SECONDS}), "publishAttempts" = "publishAttempts" + 1
      WHERE id IN (SELECT id FROM "OutboxJob" WHERE "publishedAt" IS NULL AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
                   ORDER BY "createdAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
      RETURNING id, queue, name, "jobId", data, options, "runAt", replace, "createdAt"`;
    for (const row of rows) {
      try {
        await this.publish(row);
      } catch (err) {
        // Redis is unreachable or slow: give the rest back, the next round (or reconnect) retries.
        const ids = rows.map((r) => r.id);
        await this.prisma.$executeRaw`UPDATE "OutboxJob" SET "claimedUntil" = NULL, "lastError" = ${(err as Error).message.slice(0, 500)}
                                      WHERE id = ANY(${ids}::uuid[]) AND "publishedAt" IS NULL`;
        return false;
      }
      // Only the version that was claimed: a row staged again meanwhile is published again.
      await this.prisma.outboxJob.updateMany({ where: { id: row.id, createdAt: row.createdAt }, data: { publishedAt: new Date(), claimedUntil: null } });
    }
    return rows.length === BATCH;
  }

  private async publish(row: ClaimedRow): Promise<void> {
    const queue = this.queues.get(row.queue);
    if (row.replace) await queue.remove(row.jobId).catch(() => 0); // a job a worker holds now stays; it re-checks anyway
    const delay = Math.max(0, new Date(row.runAt).getTime() - Date.now());
    await this.queues.add(row.queue, row.data as Payload<QueueName>, { ...row.options, jobId: row.jobId, delay });
  }

  /** If Redis lost its data (marker gone): re-publish unfinished jobs and run the reset hooks. */
  async checkRedis(): Promise<void> {
    // Finished jobs are kept as long as they could be restored, then dropped (cheap, indexed).
    await this.prisma.outboxJob.deleteMany({ where: { doneAt: { lt: new Date(Date.now() - RESTORE_WINDOW_MS) } } }).catch(() => {});
    try {
      if (this.redis.status !== 'ready') return;
      const created = await this.redis.set(this.markerKey, new Date().toISOString(), 'NX');
      if (created !== 'OK') return;
      const restored = await this.restoreLostJobs();
      if (restored) logger.warn({ restored }, 'jobs lost by Redis were published again from the outbox');
      for (const hook of this.resetHooks) await hook();
    } catch (err) {
      // Let the next check try again: the marker must not claim a restore that did not happen.
      await this.redis.del(this.markerKey).catch(() => 0);
      logger.warn({ err: (err as Error).message }, 'restoring after a Redis reset failed; retried shortly');
    }
  }

  /** Published, unfinished jobs that Redis no longer has go back to "pending"; returns how many. */
  async restoreLostJobs(): Promise<number> {
    const rows = await this.prisma.outboxJob.findMany({
      where: { publishedAt: { not: null }, doneAt: null, createdAt: { gte: new Date(Date.now() - RESTORE_WINDOW_MS) } },
      select: { id: true, queue: true, jobId: true },
      take: 10_000,
    });
    const lost: string[] = [];
    for (const row of rows) {
      const job = await this.queues.get(row.queue as QueueName).getJob(row.jobId);
      if (!job) lost.push(row.id);
      else if (job.finishedOn) await this.prisma.outboxJob.update({ where: { id: row.id }, data: { doneAt: new Date(job.finishedOn) } });
    }
    if (lost.length) {
      await this.prisma.outboxJob.updateMany({ where: { id: { in: lost } }, data: { publishedAt: null, claimedUntil: null } });
      await this.drain();
    }
    return lost.length;
  }
}
