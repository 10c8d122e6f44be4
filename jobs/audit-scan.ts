import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { runAuditScan } from '../src/canteen/audit-service.js';
import { addDays, today } from '../src/time/index.js';

/** audit.scan: scans the month up to a date (default: yesterday in the tenant zone) and upserts findings. */
export async function processAuditScan(job: Job<Payload<'audit.scan'>>, deps: Deps) {
  const tenant = await deps.prisma.tenant.findUnique({ where: { id: job.data.tenantId }, select: { id: true, timeZone: true } });
  if (!tenant) return { skipped: 'tenant not found' };
  const date = job.data.date ?? addDays(today(tenant.timeZone), -1);
  return runAuditScan(deps, { tenantId: tenant.id, userId: null, timeZone: tenant.timeZone }, date);
}
