import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { escalate } from '../src/delivery/welfare/welfare-service.js';

/** welfare.escalate: opens the not-home alert unless the stop was delivered meanwhile (exactly once per stop). */
export async function processWelfareEscalate(job: Job<Payload<'welfare.escalate'>>, deps: Deps) {
  return escalate(deps, job.data.tenantId, job.data.routeStopId);
}
