import type { Queues } from '../queues/queues.js';
import type { TenantForSchedule } from '../queues/schedules.js';

/** Overdue tickets are looked for every 15 minutes: an SLA counted in hours is escalated within a quarter of one. */
export const TICKETS_ESCALATE_CRON = '*/15 * * * *';
export const ticketsSchedulerId = (tenantId: string) => `tickets-escalate.${tenantId}`;

export async function syncVoiceSchedules(queues: Queues, tenant: TenantForSchedule): Promise<void> {
  await queues.get('tickets.escalate').upsertJobScheduler(
    ticketsSchedulerId(tenant.id),
    { pattern: TICKETS_ESCALATE_CRON, tz: tenant.timeZone },
    { name: 'tickets.escalate', data: { tenantId: tenant.id } },
  );
}
