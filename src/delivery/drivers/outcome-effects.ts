import type { Deps } from '../../deps.js';
import type { TenantTx } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { Actor } from '../../audit/audit-log.js';
import { jobId } from '../../queues/definitions.js';
import { stageJob } from '../../queues/outbox.js';
import { afterCommit } from '../../db/transactions.js';
import { startWelfareLadder } from '../welfare/welfare-ladder.js';

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
 * staged in the outcome's transaction (outbox), so the check exists if and only if the not-home
 * committed — with or without an Idempotency-Key — and reaches Redis after commit (or when Redis is
 * back). It is due at the tap's time plus the delay, so a not-home tapped in a dead zone an hour
 * ago is checked at once when it arrives. `fresh` first drops a finished job of an earlier
 * not-home of the same stop (undone or corrected since), which would otherwise swallow the new one.
 */
export async function scheduleWelfareCheck(tx: TenantTx, d: Pick<Deps, 'prisma' | 'config'>, tenantId: string, routeStopId: string, outcomeAt: Date, o: { fresh?: boolean } = {}) {
  const due = await welfareDueAt(d, tenantId, outcomeAt);
  await stageJob(tx, 'welfare.escalate', 'welfare.escalate', { tenantId, routeStopId }, { jobId: jobId('welfare', routeStopId), runAt: due, replace: o.fresh });
  // The escalation ladder of this not-home (office at once, then contacts, then urgent), staged in the
  // same commit; its steps stop themselves on delivery.
  await startWelfareLadder(tx, d, tenantId, routeStopId, outcomeAt);
  return due;
}

/**
 * Removes the stop's welfare job once the change that cancelled it has committed. Best effort
 * (Redis may be down): escalate() re-checks the outcome, so a job left behind opens no alert.
 */
export function dropWelfareJobAfterCommit(d: Pick<Deps, 'queues'>, routeStopId: string): void {
  // A job a worker holds right now cannot be removed; it finds the stop no longer not-home.
  afterCommit(() => d.queues.get('welfare.escalate').remove(jobId('welfare', routeStopId)).catch(() => 0));
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
