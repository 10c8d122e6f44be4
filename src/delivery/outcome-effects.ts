import type { Deps } from '../deps.js';
import type { TenantTx } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { Actor } from '../audit/audit-log.js';
import { jobId } from '../queues/definitions.js';
import { startWelfareLadder } from './welfare-ladder.js';

type D = Pick<Deps, 'prisma' | 'queues' | 'config'>;

/** The delay before a not-home welfare check turns into an alert. */
export function welfareDelayMs(tenant: { welfareDelayMinutes: number }, config: Pick<Deps['config'], 'WELFARE_DELAY_SECONDS'>): number {
  return (config.WELFARE_DELAY_SECONDS ?? tenant.welfareDelayMinutes * 60) * 1000;
}

/** When the welfare check of a not-home found at `outcomeAt` falls due (the driver's tap, not the upload). */
export async function welfareDueAt(d: Pick<Deps, 'prisma' | 'config'>, tenantId: string, outcomeAt: Date): Promise<Date> {
  const tenant = await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { welfareDelayMinutes: true } });
  return new Date(outcomeAt.getTime() + welfareDelayMs(tenant, d.config));
}

/**
 * One welfare job per stop (deterministic id): a repeated not-home never opens two checks. It is
 * due at the tap's time plus the delay, so a not-home tapped in a dead zone an hour ago is checked
 * at once when it arrives. `fresh` first drops a finished job of an earlier not-home of the same
 * stop (undone or corrected since), which would otherwise swallow the new one under the same id.
 */
export async function scheduleWelfareCheck(d: D, tenantId: string, routeStopId: string, outcomeAt: Date, o: { fresh?: boolean } = {}) {
  const due = await welfareDueAt(d, tenantId, outcomeAt);
  if (o.fresh) await dropWelfareJob(d, routeStopId);
  await d.queues.add('welfare.escalate', { tenantId, routeStopId }, { jobId: jobId('welfare', routeStopId), delay: Math.max(0, due.getTime() - Date.now()) });
  // The escalation ladder of this not-home (office at once, then contacts, then urgent); its steps stop themselves on delivery.
  await startWelfareLadder(d, tenantId, routeStopId, outcomeAt);
  return due;
}

/** Removes the stop's welfare job if it has not run; escalate() re-checks the outcome anyway. */
export async function dropWelfareJob(d: Pick<Deps, 'queues'>, routeStopId: string): Promise<void> {
  d.queues.assertAvailable();
  // A job a worker holds right now cannot be removed; it finds the stop no longer not-home.
  await d.queues.get('welfare.escalate').remove(jobId('welfare', routeStopId)).catch(() => 0);
}

/**
 * What leaving "not home" means for the welfare ladder: the pending check is cancelled and an alert
 * that already opened is closed with the reason, so nobody is sent to a door where the meal was
 * in fact delivered. Runs inside the correction's transaction (the alert part) — the queue part
 * runs after commit via `dropWelfareJob`.
 */
export async function closeWelfareAlert(tx: TenantTx, actor: Actor, routeStopId: string, note: string): Promise<boolean> {
  const alert = await tx.welfareAlert.findFirst({ where: { routeStopId, status: { in: ['open', 'acknowledged'] } } });
  if (!alert) return false;
  const now = new Date();
  const after = await tx.welfareAlert.update({
    where: { id: alert.id },
    data: {
      status: 'resolved', resolvedAt: now, resolvedBy: actor.userId, resolutionNote: note,
      acknowledgedAt: alert.acknowledgedAt ?? now, acknowledgedBy: alert.acknowledgedBy ?? actor.userId,
    },
  });
  await writeAudit(tx, actor, { action: 'welfare-alert.resolve', entity: 'WelfareAlert', entityId: alert.id, before: alert, after });
  return true;
}
