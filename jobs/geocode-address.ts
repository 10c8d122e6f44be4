import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { geocodePerson } from '../src/geocoding/service.js';

/** geocode.address: one person's address → coordinates and a confidence (rate-limited queue). */
export async function processGeocodeAddress(job: Job<Payload<'geocode.address'>>, deps: Deps): Promise<void> {
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  await geocodePerson(deps, job.data.tenantId, job.data.personId, { lastAttempt });
}
