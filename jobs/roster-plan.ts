import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { runRoster } from '../src/nursing/roster/roster-service.js';

/** roster.plan: solves a roster run off the main thread and stores it, reporting progress. */
export async function processRosterPlan(job: Job<Payload<'roster.plan'>>, deps: Deps): Promise<void> {
  await runRoster(deps, job.data.tenantId, job.data.rosterRunId, (pct) => job.updateProgress(pct));
}
