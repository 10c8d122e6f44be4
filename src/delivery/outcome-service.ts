import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { hasRole } from '../http/context.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { jobId } from '../queues/definitions.js';

export type OutcomeStatus = 'delivered' | 'not_home' | 'refused';

export interface OutcomeInput {
  status: OutcomeStatus;
  at?: string;
  note?: string;
}

/** Which outcome may follow which: a second knock after "not home" may still deliver. */
const NEXT: Record<string, OutcomeStatus[]> = {
  pending: ['delivered', 'not_home', 'refused'],
  not_home: ['delivered', 'refused', 'not_home'],
  delivered: ['delivered'],
  refused: ['refused'],
};

/** The delay before a not-home welfare check turns into an alert. */
export function welfareDelayMs(tenant: { welfareDelayMinutes: number }, config: Pick<Deps['config'], 'WELFARE_DELAY_SECONDS'>): number {
  return (config.WELFARE_DELAY_SECONDS ?? tenant.welfareDelayMinutes * 60) * 1000;
}

/** One welfare job per stop (deterministic id): a repeated not-home never opens two checks. */
export async function scheduleWelfareCheck(d: Pick<Deps, 'prisma' | 'queues' | 'config'>, tenantId: string, routeStopId: string) {
  const tenant = await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { welfareDelayMinutes: true } });
  await d.queues.add('welfare.escalate', { tenantId, routeStopId }, { jobId: jobId('welfare', routeStopId), delay: welfareDelayMs(tenant, d.config) });
}

/**
 * Proof of delivery. A driver may record outcomes only on stops of their own routes (another
 * driver's stop is simply not found); the route must be published and current, and the stop not
 * cancelled (409). Recording the outcome the stop already has changes nothing. `not_home`
 * schedules the welfare check (before answering, so a 2xx means the check is queued).
 */
export async function recordOutcome(d: Pick<Deps, 'prisma' | 'queues' | 'config'>, ctx: RequestContext, stopId: string, input: OutcomeInput) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const manager = hasRole(ctx, 'admin', 'kitchen_manager');
  const stop = await db.routeStop.findFirst({
    where: { id: stopId, ...(manager ? {} : { route: { driverUserId: ctx.userId } }) },
    include: { route: { include: { plan: { select: { status: true } } } }, order: { select: { status: true } } },
  });
  if (!stop) throw new NotFoundError('stop');
  const planStatus = stop.route.plan.status;
  if (planStatus !== 'published') {
    throw new ConflictError(planStatus === 'superseded' ? 'This route was replaced by a newer plan; reload your routes.' : 'This route is not published yet.');
  }
  if (stop.outcome === 'cancelled' || stop.order.status === 'cancelled') throw new ConflictError('This meal was cancelled; no outcome can be recorded.');
  if (!NEXT[stop.outcome]?.includes(input.status)) {
    throw new ConflictError(`The stop is already ${stop.outcome}; it cannot become ${input.status}.`, { current: stop.outcome });
  }
  if (input.status === 'not_home') d.queues.assertAvailable();
  const outcomeAt = input.at ? new Date(input.at) : new Date();
  const unchanged = stop.outcome === input.status;
  const after = unchanged
    ? stop
    : await db.$transaction(async (tx) => {
        const updated = await tx.routeStop.update({
          where: { id: stopId },
          data: { outcome: input.status, outcomeAt, outcomeNote: input.note ?? null, outcomeBy: ctx.userId },
        });
        await writeAudit(tx, ctx, {
          action: 'stop.outcome', entity: 'RouteStop', entityId: stopId,
          before: { outcome: stop.outcome, outcomeAt: stop.outcomeAt, outcomeNote: stop.outcomeNote },
          after: { outcome: updated.outcome, outcomeAt: updated.outcomeAt, outcomeNote: updated.outcomeNote },
        });
        return updated;
      });
  // Also on a repeated not-home: if the first attempt stored the outcome but could not reach
  // Redis, the retry still queues the check (same job id, so never twice).
  if (input.status === 'not_home') await scheduleWelfareCheck(d, ctx.tenantId, stopId);
  return {
    stopId,
    outcome: after.outcome,
    outcomeAt: after.outcomeAt,
    outcomeNote: after.outcomeNote,
    changed: !unchanged,
    welfareCheck: input.status === 'not_home' ? 'scheduled' : null,
  };
}
