import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { runLadderStep } from '../src/delivery/welfare/welfare-ladder.js';

/** welfare.ladder: one step of a not-home's escalation ladder (stops itself on delivery or resolution). */
export async function processWelfareLadder(job: Job<Payload<'welfare.ladder'>>, deps: Deps) {
  return runLadderStep(deps, job.data.tenantId, job.data.routeStopId, new Date(job.data.notHomeAt), job.data.step);
}
