import type { Deps } from '../deps.js';
import { logger } from '../logger.js';
import { dispatch } from './outbox.js';

/** A message younger than this may still be getting its first job: leave it to its producer. */
const GRACE_MS = 30_000;
/** Rows older than this are not re-queued automatically (an admin can still retry them). */
const WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * Puts back outbox work that Redis lost or a dead worker left behind. (1) A queued or failed
 * message whose job is gone (or finished without sending it) gets a new job. (2) A message stuck
 * in "sending" — its worker died while talking to the provider — is given up with "outcome
 * unknown" instead of being sent again: the provider may have sent it, and we never send twice
 * on our own; the admin page lists it for a person to decide. Idempotent.
 */
export async function recoverOutbox(d: Pick<Deps, 'prisma' | 'queues' | 'config'>, now = new Date()): Promise<{ requeued: number; abandoned: number }> {
  const stuckBefore = new Date(now.getTime() - 2 * (d.config.JOB_LOCK_MS + d.config.NOTIFY_TIMEOUT_MS));
  const abandoned = await d.prisma.notifyMessage.updateMany({
    where: { status: 'sending', claimedAt: { lt: stuckBefore } },
    data: { status: 'given_up', lastError: 'outcome unknown: the worker stopped while sending; not sent again automatically (it may have arrived)' },
  });
  const rows = await d.prisma.notifyMessage.findMany({
    where: { status: { in: ['queued', 'failed'] }, reportedAt: null, updatedAt: { lt: new Date(now.getTime() - GRACE_MS) }, createdAt: { gte: new Date(now.getTime() - WINDOW_MS) } },
    select: { id: true, tenantId: true, notBefore: true, jobId: true }, orderBy: { id: 'asc' }, take: 10_000,
  });
  const queue = d.queues.get('notify.send');
  let requeued = 0;
  for (const row of rows) {
    const job = row.jobId ? await queue.getJob(row.jobId) : undefined;
    const state = job ? await job.getState() : 'missing';
    if (state !== 'missing' && state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
    await dispatch(d, row, now);
    requeued++;
  }
  if (requeued || abandoned.count) logger.warn({ requeued, abandoned: abandoned.count }, 'notify: outbox recovered from the database');
  return { requeued, abandoned: abandoned.count };
}
