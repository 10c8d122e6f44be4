import type { Queues } from '../../queues/queues.js';
import type { TenantForSchedule } from '../../queues/schedules.js';
import { jobId } from '../../queues/definitions.js';

/**
 * The daily orders.generate scheduler of a tenant: a cron pattern at the tenant's cut-off,
 * evaluated by BullMQ in the tenant's own time zone (so 15:00 stays 15:00 local across DST).
 */
export function orderScheduler(tenant: TenantForSchedule) {
  const [hh, mm] = tenant.orderCutoff.split(':').map(Number);
  return {
    id: jobId('orders', tenant.id),
    repeat: { pattern: `${mm} ${hh} * * *`, tz: tenant.timeZone },
    template: { name: 'orders.generate', data: { tenantId: tenant.id } },
  };
}

/** Creates or updates the tenant's scheduler (registered in src/queues/schedules.ts). */
export async function syncOrderSchedule(queues: Queues, tenant: TenantForSchedule): Promise<void> {
  const s = orderScheduler(tenant);
  await queues.get('orders.generate').upsertJobScheduler(s.id, s.repeat, s.template);
}
