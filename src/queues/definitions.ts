import { z } from 'zod';
import type { JobsOptions } from 'bullmq';

/**
 * Every queue of the system with the zod schema of its payload. Producers and processors both
 * parse with these, so a job can never carry a payload its processor does not expect.
 */
const uuid = z.uuid();
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const queuePayloads = {
  'people.import': z.object({ tenantId: uuid, importRunId: uuid }),
  /** date omitted: tomorrow in the tenant's zone (what the daily scheduler sends). */
  'orders.generate': z.object({ tenantId: uuid, date: localDate.optional() }),
  'routes.plan': z.object({ tenantId: uuid, routePlanId: uuid }),
  'welfare.escalate': z.object({ tenantId: uuid, routeStopId: uuid }),
  /** month omitted: the previous month in the tenant's zone. */
  'subsidy.settle': z.object({ tenantId: uuid, canteenId: uuid.optional(), month: z.string().regex(/^\d{4}-\d{2}$/).optional() }),
  /** date omitted: yesterday in the tenant's zone. */
  'audit.scan': z.object({ tenantId: uuid, date: localDate.optional() }),
  'roster.plan': z.object({ tenantId: uuid, rosterRunId: uuid }),
  /** Geocodes one person's current address (rate-limited; see src/geocoding). */
  'geocode.address': z.object({ tenantId: uuid, personId: uuid }),
  /** Puts a tenant's overdue residents' tickets before its admins (every 15 minutes). */
  'tickets.escalate': z.object({ tenantId: uuid }),
  /** Sends one outbox message (src/notify); the row is claimed first, so a retried job never sends twice. */
  'notify.send': z.object({ tenantId: uuid, messageId: uuid }),
  /** One step of a not-home's welfare ladder (src/delivery/welfare/welfare-ladder.ts). */
  /** A published route leaves the kitchen (at its departAt): "meal on its way" to the first stop's family (src/delivery/drivers/delivery-notices.ts). */
  'route.depart': z.object({ tenantId: uuid, routeId: uuid }),
  'welfare.ladder': z.object({ tenantId: uuid, routeStopId: uuid, notHomeAt: z.iso.datetime(), step: z.number().int().min(0).max(20) }),
} as const;

export type QueueName = keyof typeof queuePayloads;
export type Payload<Q extends QueueName> = z.infer<(typeof queuePayloads)[Q]>;
export const QUEUE_NAMES = Object.keys(queuePayloads) as QueueName[];

/** Retries with exponential back-off; bounded retention so Redis does not grow without end. */
export const defaultJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
};

/** Per-queue overrides: a welfare alert must never be lost, so it retries for longer. */
export const queueJobOptions: Partial<Record<QueueName, JobsOptions>> = {
  'welfare.escalate': { attempts: 20, backoff: { type: 'exponential', delay: 5000 } },
  'routes.plan': { attempts: 2 },
  'roster.plan': { attempts: 2 },
  'geocode.address': { attempts: 3, backoff: { type: 'exponential', delay: 1000 } },
  // Provider rate limits last seconds to minutes: 8 attempts from 3 s doubling span about 6 min.
  'notify.send': { attempts: 8, backoff: { type: 'exponential', delay: 3000 } },
  'welfare.ladder': { attempts: 20, backoff: { type: 'exponential', delay: 5000 } },
};

/** Job ids come from business keys; BullMQ forbids ':' in custom ids. */
export function jobId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replaceAll(':', '-')).join('.');
}
