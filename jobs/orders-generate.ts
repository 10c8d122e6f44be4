import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { generateOrders, orderDateFor } from '../src/delivery/orders/order-service.js';

/**
 * orders.generate: the tenant's daily run at its cut-off (date omitted → tomorrow in the tenant
 * zone, as seen at the run's scheduled time, not whenever a retry happens to run) or an explicit
 * date. Idempotent, so retries and duplicate runs are harmless.
 */
export async function processOrdersGenerate(job: Job<Payload<'orders.generate'>>, deps: Deps) {
  const { tenantId } = job.data;
  let date = job.data.date;
  if (!date) {
    const tenant = await deps.prisma.tenant.findUnique({ where: { id: tenantId }, select: { timeZone: true } });
    if (!tenant) return { skipped: 'tenant gone' };
    const scheduledAt = new Date(job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0));
    date = orderDateFor(scheduledAt, tenant.timeZone);
  }
  return generateOrders(deps, { tenantId, userId: null }, date);
}
