import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError } from '../../http/errors.js';
import type { StopOutcome } from '../../generated/prisma/enums.js';
import { closeWelfareAlert, dropWelfareJobAfterCommit, scheduleWelfareCheck } from './outcome-effects.js';
import { checkOutcomeTime, loadStopForOutcome, outcomeAnswer, UNDO_GRACE_MS } from './outcome-service.js';
import type { LoadedOutcomeStop } from './outcome-service.js';
import { render, say, t } from '../../i18n/index.js';
import { DE, WM } from '../messages.js';
import { outcomeWord } from '../plans/plan-words.js';

type D = Pick<Deps, 'prisma' | 'queues' | 'config'>;

interface OutcomeState {
  outcome: StopOutcome;
  outcomeAt: Date | null;
  outcomeNote: string | null;
  outcomeBy: string | null;
}

const stateOf = (s: OutcomeState): OutcomeState => ({ outcome: s.outcome, outcomeAt: s.outcomeAt, outcomeNote: s.outcomeNote, outcomeBy: s.outcomeBy });

/**
 * What the outcome triggered, run again for the new one: leaving "not home" cancels the welfare
 * check (and closes an alert that already opened, with the reason); arriving at "not home"
 * schedules a fresh one, due at the new outcome's time plus the delay.
 */
async function applyChange(d: D, ctx: RequestContext, stop: LoadedOutcomeStop, next: OutcomeState, audit: { action: string; reason: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const leavesNotHome = stop.outcome === 'not_home' && next.outcome !== 'not_home';
  const entersNotHome = next.outcome === 'not_home' && stop.outcome !== 'not_home';
  if (leavesNotHome || entersNotHome) await d.queues.assertAvailable();
  const { updated, alertClosed } = await db.$transaction(async (tx) => {
    const row = await tx.routeStop.update({ where: { id: stop.id }, data: { ...next, outcomeRecordedAt: null } });
    await writeAudit(tx, ctx, {
      action: audit.action, entity: 'RouteStop', entityId: stop.id,
      before: stateOf(stop), after: { ...stateOf(row), reason: audit.reason },
    });
    const closed = leavesNotHome ? await closeWelfareAlert(tx, ctx, stop.id, t(ctx.locale, WM.outcomeChanged, { outcome: render(ctx.locale, outcomeWord(next.outcome)), reason: audit.reason })) : false;
    if (leavesNotHome) dropWelfareJobAfterCommit(d, stop.id);
    if (entersNotHome) await scheduleWelfareCheck(tx, d, ctx.tenantId, stop.id, next.outcomeAt ?? new Date(), { fresh: true });
    return { updated: row, alertClosed: closed };
  });
  return { ...(await outcomeAnswer(d, ctx, { ...stop, ...updated }, true)), alertClosed };
}

/**
 * The driver takes back their own last tap (a wrong button) within the grace period after the
 * server stored it: the stop returns to what it was before that tap. Later, only a kitchen
 * manager can correct it (409 says so).
 */
export async function undoOutcome(d: D, ctx: RequestContext, stopId: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const { stop } = await loadStopForOutcome(db, ctx, stopId, { anyDriver: false });
  if (stop.outcome === 'pending' || !stop.outcomeRecordedAt || stop.outcomeBy !== ctx.userId) {
    throw new ConflictError(say(DE.nothingToUndo), { reason: 'nothing_to_undo' });
  }
  if (Date.now() > stop.outcomeRecordedAt.getTime() + UNDO_GRACE_MS) {
    throw new ConflictError(say(DE.undoExpired, { minutes: UNDO_GRACE_MS / 60_000 }), { reason: 'undo_expired' });
  }
  // The state before the tap being undone is the `before` of its audit row.
  const last = await db.auditLog.findFirst({ where: { entity: 'RouteStop', entityId: stopId, action: 'stop.outcome' }, orderBy: { at: 'desc' } });
  const before = (last?.before ?? {}) as Partial<Record<keyof OutcomeState, string | null>>;
  const previous: OutcomeState = {
    outcome: (before.outcome as StopOutcome | undefined) ?? 'pending',
    outcomeAt: before.outcomeAt ? new Date(before.outcomeAt) : null,
    outcomeNote: before.outcomeNote ?? null,
    outcomeBy: before.outcomeBy ?? null,
  };
  if (previous.outcome === 'pending') Object.assign(previous, { outcomeAt: null, outcomeNote: null, outcomeBy: null });
  return applyChange(d, ctx, stop, previous, { action: 'stop.outcome.undo', reason: 'undone by the driver' });
}

export interface CorrectionInput {
  status: 'pending' | 'delivered' | 'not_home' | 'refused';
  at?: string;
  note?: string;
  reason: string;
}

/**
 * A kitchen manager corrects a recorded outcome (the driver tapped 拒收 by mistake, or the
 * family called: the meal was taken in after all). Any outcome may become any other, with a
 * reason; the time rule applies to the corrected time.
 */
export async function correctOutcome(d: D, ctx: RequestContext, stopId: string, input: CorrectionInput) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const { stop, earliest } = await loadStopForOutcome(db, ctx, stopId, { anyDriver: true });
  const at = input.status === 'pending' ? null : input.at ? new Date(input.at) : (stop.outcomeAt ?? new Date());
  if (at) checkOutcomeTime(at, earliest, ctx.timeZone);
  if (input.status === stop.outcome && (at?.getTime() ?? null) === (stop.outcomeAt?.getTime() ?? null) && input.note === undefined) {
    throw new ConflictError(say(DE.nothingToCorrect, { current: outcomeWord(stop.outcome) }), { current: stop.outcome });
  }
  const next: OutcomeState = input.status === 'pending'
    ? { outcome: 'pending', outcomeAt: null, outcomeNote: null, outcomeBy: null }
    : { outcome: input.status, outcomeAt: at, outcomeNote: input.note ?? stop.outcomeNote, outcomeBy: ctx.userId };
  return applyChange(d, ctx, stop, next, { action: 'stop.outcome.correct', reason: input.reason });
}

/** The outcome history of a stop (taps, undos, corrections), oldest first, for the manager. */
export async function outcomeHistory(d: Pick<Deps, 'prisma'>, ctx: RequestContext, stopId: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await loadStopForOutcome(db, ctx, stopId, { anyDriver: true }).catch((err) => {
    if (!(err instanceof ConflictError)) throw err;
  });
  const rows = await db.auditLog.findMany({
    where: { entity: 'RouteStop', entityId: stopId, action: { in: ['stop.outcome', 'stop.outcome.undo', 'stop.outcome.correct'] } },
    orderBy: { at: 'asc' },
  });
  return rows.map((r) => ({ action: r.action, at: r.at, actorUserId: r.actorUserId, before: r.before, after: r.after }));
}
