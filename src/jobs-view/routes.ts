import { z } from 'zod';
import type { Job, JobType } from 'bullmq';
import type { ApiRouter } from '../http/api-router.js';
import type { Deps } from '../deps.js';
import { QUEUE_NAMES } from '../queues/definitions.js';
import type { QueueName } from '../queues/definitions.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const satisfies readonly JobType[];
/** Jobs read per queue and state: Redis holds every tenant's jobs, so a bound keeps this cheap. */
export const SCAN_PER_STATE = 500;

const jobSchema = z.object({
  queue: z.enum(QUEUE_NAMES as [QueueName, ...QueueName[]]),
  id: z.string(),
  state: z.enum(STATES),
  progress: z.unknown(),
  attemptsMade: z.number().int(),
  createdAt: z.iso.datetime(),
  processedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  failedReason: z.string().nullable(),
});

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

/**
 * The tenant's own view of its background jobs: read-only, without payloads or results (those
 * may carry personal data, and acting on jobs is the platform operator's, via /admin/queues).
 */
export function registerJobRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'get', path: '/jobs', summary: 'Your tenant’s background jobs (read-only, no payloads)', tags: ['jobs'], access: ['admin'],
      description: `Reads the newest ${SCAN_PER_STATE} jobs of each queue and state and keeps the tenant's; \`truncated\` says when older ones were not read.`,
      query: z.strictObject({ queue: z.enum(QUEUE_NAMES as [QueueName, ...QueueName[]]).optional(), state: z.enum(STATES).optional() }),
      responses: { 200: { description: 'Jobs, newest first', schema: z.object({ items: z.array(jobSchema), truncated: z.boolean() }) } } },
    async ({ ctx, query }) => {
      await deps.queues.assertAvailable();
      const items: z.infer<typeof jobSchema>[] = [];
      let truncated = false;
      for (const name of query.queue ? [query.queue] : QUEUE_NAMES) {
        const queue = deps.queues.get(name);
        for (const state of query.state ? [query.state] : STATES) {
          const jobs: Job[] = await queue.getJobs([state], 0, SCAN_PER_STATE - 1);
          if (jobs.length >= SCAN_PER_STATE) truncated = true;
          for (const job of jobs) {
            if (!job || (job.data as { tenantId?: unknown })?.tenantId !== ctx.tenantId) continue;
            items.push({
              queue: name, id: String(job.id), state, progress: job.progress, attemptsMade: job.attemptsMade,
              createdAt: new Date(job.timestamp).toISOString(), processedAt: iso(job.processedOn), finishedAt: iso(job.finishedOn),
              failedReason: job.failedReason ? job.failedReason.slice(0, 500) : null,
            });
          }
        }
      }
      items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { body: { items, truncated } };
    },
  );
}
