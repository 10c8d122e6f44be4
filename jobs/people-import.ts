import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import type { Modules } from '../src/kernel/modules.js';
import { runImport } from '../src/imports/service.js';

/** people.import: parses the stored upload and applies it row by row, reporting progress. */
export async function processPeopleImport(job: Job<Payload<'people.import'>>, deps: Deps, modules: Modules): Promise<void> {
  await runImport(deps, modules, job.data.tenantId, job.data.importRunId, (pct) => job.updateProgress(pct));
}
