import type { Queues } from '../queues/queues.js';
import type { TenantForSchedule } from '../queues/schedules.js';

/** Local times (cron, tenant zone): the audit at 01:30 every night, settlement at 02:00 on the 1st. */
export const AUDIT_SCAN_CRON = '30 1 * * *';
export const SETTLEMENT_CRON = '0 2 1 * *';

export const auditSchedulerId = (tenantId: string) => `audit-scan.${tenantId}`;
export const settlementSchedulerId = (tenantId: string) => `subsidy-settle.${tenantId}`;

/**
 * The canteen domain's recurring jobs of a tenant: the nightly audit scans yesterday's month, the
 * monthly settlement settles the previous month (payloads without a date mean exactly that).
 */
export async function syncCanteenSchedules(queues: Queues, tenant: TenantForSchedule): Promise<void> {
  await queues.get('audit.scan').upsertJobScheduler(
    auditSchedulerId(tenant.id),
    { pattern: AUDIT_SCAN_CRON, tz: tenant.timeZone },
    { name: 'audit.scan', data: { tenantId: tenant.id } },
  );
  await queues.get('subsidy.settle').upsertJobScheduler(
    settlementSchedulerId(tenant.id),
    { pattern: SETTLEMENT_CRON, tz: tenant.timeZone },
    { name: 'subsidy.settle', data: { tenantId: tenant.id } },
  );
}
