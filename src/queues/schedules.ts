import type { Queues } from './queues.js';
import { syncOrderSchedule } from '../delivery/order-schedule.js';
import { syncCanteenSchedules } from '../canteen/schedules.js';
import { syncVoiceSchedules } from '../voice/schedules.js';

export interface TenantForSchedule {
  id: string;
  timeZone: string;
  orderCutoff: string;
}

type ScheduleSync = (queues: Queues, tenant: TenantForSchedule) => Promise<void>;

/**
 * Recurring per-tenant work (daily orders at the cut-off, nightly audit, monthly settlement) is
 * declared with BullMQ job schedulers in the tenant's time zone. Domains add their sync here.
 */
export const scheduleSyncs: ScheduleSync[] = [syncOrderSchedule, syncCanteenSchedules, syncVoiceSchedules];

/** Creates or updates every job scheduler of a tenant (idempotent: upsert by scheduler id). */
export async function syncTenantSchedules(queues: Queues, tenant: TenantForSchedule): Promise<void> {
  for (const sync of scheduleSyncs) await sync(queues, tenant);
}
