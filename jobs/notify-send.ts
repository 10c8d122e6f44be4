import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { sendMessage } from '../src/notify/sender.js';

/** notify.send: sends one outbox message (claimed first: never twice). */
export async function processNotifySend(job: Job<Payload<'notify.send'>>, deps: Deps) {
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  return sendMessage(deps, job.data.tenantId, job.data.messageId, { id: job.id, lastAttempt });
}
