import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { runImport } from '../src/imports/service.js';

/** people.import: parses the stored upload and applies it row by row, reporting progress. */
export async function processPeopleImport(job: Job<Payload<'people.import'>>, deps: Deps): Promise<void> {
  await runImport(deps, job.data.tenantId, job.data.importRunId, (pct) => job.updateProgress(pct));
}
