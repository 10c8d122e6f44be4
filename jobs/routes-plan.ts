import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { runRoutePlan } from '../src/delivery/plans/plan-run.js';

/** routes.plan: solves one RoutePlan on a worker thread, reporting progress on the job and the plan. */
export async function processRoutesPlan(job: Job<Payload<'routes.plan'>>, deps: Deps) {
  return runRoutePlan(deps, job.data.tenantId, job.data.routePlanId, (pct) => job.updateProgress(pct));
}
