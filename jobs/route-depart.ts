import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { noticeFirstStop } from '../src/delivery/drivers/delivery-notices.js';

/** route.depart: the route leaves the kitchen; the first stop's family hears "meal on its way" (once per stop). */
export async function processRouteDepart(job: Job<Payload<'route.depart'>>, deps: Deps) {
  return noticeFirstStop(deps, job.data.tenantId, job.data.routeId);
}
