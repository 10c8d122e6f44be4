import type { Job } from 'bullmq';
import type { Deps } from '../src/deps.js';
import type { Payload } from '../src/queues/definitions.js';
import { escalateOverdue } from '../src/voice/escalation.js';

/** tickets.escalate: marks the tenant's overdue tickets escalated and tells the admins (each once, audited). */
export async function processTicketsEscalate(job: Job<Payload<'tickets.escalate'>>, deps: Deps) {
  return { escalated: await escalateOverdue(deps, job.data.tenantId) };
}
