import type { Deps } from '../deps.js';
import type { Modules } from '../kernel/modules.js';
import type { Queues } from './queues.js';

export interface TenantForSchedule {
  id: string;
  timeZone: string;
  orderCutoff: string;
}

/**
 * Recurring per-tenant work (daily orders at the cut-off, nightly audit, monthly settlement) is
 * declared with BullMQ job schedulers in the tenant's time zone. A domain declares its sync in
 * its module (`schedules` in src/modules.ts); `Modules.syncTenantSchedules` runs them all.
 */
export type ScheduleSync = (queues: Queues, tenant: TenantForSchedule) => Promise<void>;

/** Upserts the job schedulers of every tenant (worker start and housekeeping; cheap and idempotent). */
export async function syncAllSchedules(
  deps: Pick<Deps, 'prisma' | 'queues'>,
  modules: Pick<Modules, 'syncTenantSchedules'>,
): Promise<void> {
  const tenants = await deps.prisma.tenant.findMany({ select: { id: true, timeZone: true, orderCutoff: true } });
  for (const t of tenants) await modules.syncTenantSchedules(deps.queues, t);
}
