import type { Deps } from '../../deps.js';
import { jobId } from '../../queues/definitions.js';
import { welfareDelayMs } from '../drivers/outcome-service.js';

/** A not-home older than this was surely followed up by people; raising it now would be noise. */
const RECOVERY_WINDOW_MS = 48 * 3_600_000;

/**
 * Re-queues welfare checks that Redis lost (flushed, failed over without its append-only file,
 * restored from an old backup): every not-home stop of the last 48 h that has no alert and no
 * welfare.escalate job gets its job again, under the same deterministic id, due at the outcome's
 * time plus the tenant's delay (at once if that has passed). escalate() still opens at most one
 * alert per stop and none if the meal was delivered meanwhile, so running this often is harmless.
 * Returns how many checks were re-queued.
 */
export async function requeueLostWelfareChecks(d: Pick<Deps, 'prisma' | 'queues' | 'config'>, now = new Date()): Promise<number> {
  const stops = await d.prisma.routeStop.findMany({
    where: { outcome: 'not_home', outcomeAt: { gte: new Date(now.getTime() - RECOVERY_WINDOW_MS) }, alert: { is: null } },
    select: { id: true, tenantId: true, outcomeAt: true },
    orderBy: { outcomeAt: 'asc' },
    take: 10_000,
  });
  if (!stops.length) return 0;
  const tenants = new Map((await d.prisma.tenant.findMany({
    where: { id: { in: [...new Set(stops.map((s) => s.tenantId))] } }, select: { id: true, welfareDelayMinutes: true },
  })).map((t) => [t.id, t]));
  const queue = d.queues.get('welfare.escalate');
  let requeued = 0;
  for (const s of stops) {
    const id = jobId('welfare', s.id);
    if (await queue.getJob(id)) continue;
    const due = s.outcomeAt!.getTime() + welfareDelayMs(tenants.get(s.tenantId)!, d.config);
    await d.queues.add('welfare.escalate', { tenantId: s.tenantId, routeStopId: s.id }, { jobId: id, delay: Math.max(0, due - now.getTime()) });
    requeued++;
  }
  return requeued;
}
