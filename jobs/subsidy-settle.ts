import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { settleMonth } from '../src/canteen/settlement-service.js';
import { monthOfDate, previousMonth } from '../src/canteen/slots.js';
import { today } from '../src/time/index.js';

/** subsidy.settle: settles a month (default: the previous one in the tenant zone) for every canteen or one. */
export async function processSubsidySettle(job: Job<Payload<'subsidy.settle'>>, deps: Deps) {
  const tenant = await deps.prisma.tenant.findUnique({ where: { id: job.data.tenantId }, select: { id: true, timeZone: true } });
  if (!tenant) return { skipped: 'tenant not found' };
  const month = job.data.month ?? previousMonth(monthOfDate(today(tenant.timeZone)));
  const settled = await settleMonth(deps, { tenantId: tenant.id, userId: null, timeZone: tenant.timeZone }, month, job.data.canteenId);
  return { month, canteens: settled.length, subsidyDue: settled.reduce((s, x) => s + x.totals.subsidyDue, 0) };
}
