import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { TenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { hasRole } from '../../http/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import { CLOCK_SKEW_MS, instantAt, localTimeOf } from '../../time/index.js';
import { scheduleWelfareCheck, welfareDueAt } from './outcome-effects.js';
import { noticeNextStop } from './delivery-notices.js';
import { afterCommit } from '../../db/transactions.js';
import { say } from '../../i18n/index.js';
import { DE, DN } from '../messages.js';
import { outcomeWord } from '../plans/plan-words.js';

export { scheduleWelfareCheck, welfareDelayMs } from './outcome-effects.js';

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

/** How long the driver may take back their own tap (a wrong button), from when the server stored it. */
export const UNDO_GRACE_MS = 2 * 60_000;

/**
 * Drivers leave a little before the planned time; a door reached up to this long before the
 * planned departure still counts (never before the meals were ready).
 */
export const EARLY_DEPARTURE_MS = 15 * 60_000;

/** The earliest moment an outcome of this route can be true: when its food could have left the kitchen. */
export function leftKitchenAt(route: { departAt: Date }, readyAt: Date): Date {
  return new Date(Math.max(readyAt.getTime(), route.departAt.getTime() - EARLY_DEPARTURE_MS));
}

/**
 * The outcome time rule (ours; the schema's generic future check stands before it): not in the
 * future beyond the clock skew, and not before the food left the kitchen. Refused with the field
 * named, so a driver's phone with a wrong clock is told instead of skewing the on-time figures.
 */
export function checkOutcomeTime(at: Date, earliest: Date, zone: string, now = new Date(), field = 'body.at'): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new ValidationError([{ path: field, message: say(DE.inFuture, { minutes: CLOCK_SKEW_MS / 60_000 }), code: 'future' }]);
  }
  if (at < earliest) {
    throw new ValidationError([{ path: field, message: say(DE.beforeDeparture, { time: localTimeOf(earliest, zone) }), code: 'before_departure' }]);
  }
}

/** Is a stored arrival time believable (for the dashboard: legacy rows were never checked)? */
export function isPlausible(at: Date | null, earliest: Date, now = new Date()): at is Date {
  return !!at && at >= earliest && at.getTime() <= now.getTime() + CLOCK_SKEW_MS;
}

/** A stop with what the outcome rules need: the route, its plan, the order, the slot's ready time. */
export async function loadStopForOutcome(db: TenantDb, ctx: RequestContext, stopId: string, o: { anyDriver: boolean }) {
  const stop = await db.routeStop.findFirst({
    where: { id: stopId, ...(o.anyDriver ? {} : { route: { driverUserId: ctx.userId } }) },
    include: { route: { include: { plan: { select: { status: true, date: true, slotCode: true } } } }, order: { select: { status: true } } },
  });
  if (!stop) throw new NotFoundError(DN.stop);
  const planStatus = stop.route.plan.status;
  if (planStatus !== 'published') {
    throw new ConflictError(say(planStatus === 'superseded' ? DE.routeSuperseded : DE.routeNotPublished));
  }
  if (stop.outcome === 'cancelled' || stop.order.status === 'cancelled') throw new ConflictError(say(DE.mealCancelled));
  const slot = await db.mealSlot.findFirstOrThrow({ where: { code: stop.route.plan.slotCode } });
  const earliest = leftKitchenAt(stop.route, instantAt(stop.route.plan.date, slot.readyTime, ctx.timeZone));
  return { stop, earliest };
}

export type LoadedOutcomeStop = Awaited<ReturnType<typeof loadStopForOutcome>>['stop'];

/** The answer of every outcome write: the stop's outcome now, the welfare check, the undo deadline. */
export async function outcomeAnswer(d: Pick<Deps, 'prisma' | 'config'>, ctx: RequestContext, s: LoadedOutcomeStop, changed: boolean) {
  const undoUntil = s.outcomeRecordedAt && s.outcomeBy === ctx.userId && s.outcome !== 'pending'
    ? new Date(s.outcomeRecordedAt.getTime() + UNDO_GRACE_MS) : null;
  const welfareCheckAt = s.outcome === 'not_home' && s.outcomeAt ? await welfareDueAt(d, ctx.tenantId, s.outcomeAt) : null;
  return {
    stopId: s.id,
    outcome: s.outcome,
    outcomeAt: s.outcomeAt,
    outcomeNote: s.outcomeNote,
    changed,
    welfareCheck: s.outcome === 'not_home' ? ('scheduled' as const) : null,
    welfareCheckAt,
    undoUntil: undoUntil && undoUntil > new Date() ? undoUntil : null,
  };
}

/**
 * Proof of delivery. A driver may record outcomes only on stops of their own routes (another
 * driver's stop is simply not found); the route must be published and current, and the stop not
 * cancelled (409); the time must be plausible (400 body.at). Recording the outcome the stop
 * already has changes nothing. `not_home` stages the welfare check in the outcome's own commit
 * (outbox), so a 2xx means the check exists and reaches the queue after commit.
 */
export async function recordOutcome(d: Pick<Deps, 'prisma' | 'queues' | 'config'>, ctx: RequestContext, stopId: string, input: OutcomeInput) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const { stop, earliest } = await loadStopForOutcome(db, ctx, stopId, { anyDriver: hasRole(ctx, 'admin', 'kitchen_manager') });
  if (!NEXT[stop.outcome]?.includes(input.status)) {
    throw new ConflictError(say(DE.outcomeFixed, { current: outcomeWord(stop.outcome), next: outcomeWord(input.status) }), { current: stop.outcome });
  }
  const outcomeAt = input.at ? new Date(input.at) : new Date();
  checkOutcomeTime(outcomeAt, earliest, ctx.timeZone);
  if (input.status === 'not_home') await d.queues.assertAvailable();
  const unchanged = stop.outcome === input.status;
  const after = unchanged
    ? stop
    : await db.$transaction(async (tx) => {
        const updated = await tx.routeStop.update({
          where: { id: stopId },
          data: { outcome: input.status, outcomeAt, outcomeNote: input.note ?? null, outcomeBy: ctx.userId, outcomeRecordedAt: new Date() },
        });
        await writeAudit(tx, ctx, {
          action: 'stop.outcome', entity: 'RouteStop', entityId: stopId,
          before: { outcome: stop.outcome, outcomeAt: stop.outcomeAt, outcomeNote: stop.outcomeNote, outcomeBy: stop.outcomeBy },
          after: { outcome: updated.outcome, outcomeAt: updated.outcomeAt, outcomeNote: updated.outcomeNote, outcomeBy: updated.outcomeBy },
        });
        // Same commit as the outcome: a not-home is never stored without its welfare check.
        if (input.status === 'not_home') await scheduleWelfareCheck(tx, d, ctx.tenantId, stopId, outcomeAt);
        return { ...stop, ...updated };
      });
  // "Meal on its way" to the next door's family: a notice, sent after the outcome committed.
  if (!unchanged) afterCommit(() => noticeNextStop(d, ctx.tenantId, stopId));
  return outcomeAnswer(d, ctx, after, !unchanged);
}
