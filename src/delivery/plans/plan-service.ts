import type { Deps } from '../../deps.js';
import { noticeRoutesPublished } from '../drivers/delivery-notices.js';
import { tenantDb } from '../../db/prisma.js';
import type { TenantTx } from '../../db/prisma.js';
import { stageJob } from '../../queues/outbox.js';
import { cursorArgs, toPage } from '../../http/common-schemas.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import { jobId } from '../../queues/definitions.js';
import { loadPlan, planView } from './plan-detail.js';
import type { PlanParams } from './plan-run.js';
import { slotByCode } from '../setup/setup-service.js';
import { assertPinsKeepable } from './plan-pins.js';
import { say } from '../../i18n/index.js';
import { DE, DN } from '../messages.js';
import { statusWord } from './plan-words.js';

type D = Pick<Deps, 'prisma' | 'queues'>;

export interface PlanCreate {
  date: string;
  slot: string;
  kitchenId: string;
  timeLimitMs?: number;
  seed?: number;
}

/** Stages the plan's solver job in the plan's transaction (published after commit by the outbox relay). */
function stageSolve(tx: TenantTx, tenantId: string, planId: string, revision: number) {
  return stageJob(tx, 'routes.plan', 'routes.plan', { tenantId, routePlanId: planId }, { jobId: jobId('plan', planId, revision) });
}

/**
 * Creates a draft plan (queued) and, in the same commit, its routes.plan job (outbox). When a plan of the same
 * kitchen/date/slot is already published, the solver starts from its routes, so drivers see
 * as few changes as possible.
 */
export async function createPlan(d: D, ctx: RequestContext, input: PlanCreate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (!(await db.kitchen.findFirst({ where: { id: input.kitchenId }, select: { id: true } }))) throw new NotFoundError(DN.kitchen);
  await slotByCode(db, ctx.tenantId, input.slot);
  await d.queues.assertAvailable();
  const published = await db.routePlan.findFirst({
    where: { kitchenId: input.kitchenId, date: input.date, slotCode: input.slot, status: 'published' },
    select: { id: true },
  });
  const params: PlanParams = { timeLimitMs: input.timeLimitMs ?? 2000, seed: input.seed ?? 1, revision: 1, basePlanId: published?.id ?? null };
  const plan = await db.$transaction(async (tx) => {
    const p = await tx.routePlan.create({
      data: { tenantId: ctx.tenantId, kitchenId: input.kitchenId, date: input.date, slotCode: input.slot, params: params as object, createdBy: ctx.userId },
    });
    await writeAudit(tx, ctx, { action: 'route-plan.create', entity: 'RoutePlan', entityId: p.id, after: p });
    await stageSolve(tx, ctx.tenantId, p.id, 1);
    return p;
  });
  return getPlan(d, ctx, plan.id);
}

export async function getPlan(d: Pick<Deps, 'prisma'>, ctx: RequestContext, id: string) {
  return planView(await loadPlan(tenantDb(d.prisma, ctx.tenantId), id), ctx.timeZone);
}

export async function listPlans(d: Pick<Deps, 'prisma'>, ctx: RequestContext, q: { date?: string; slot?: string; kitchen?: string; limit: number; cursor?: string }) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).routePlan.findMany({
    where: { ...(q.date ? { date: q.date } : {}), ...(q.slot ? { slotCode: q.slot } : {}), ...(q.kitchen ? { kitchenId: q.kitchen } : {}) },
    include: { _count: { select: { routes: true } } },
    ...cursorArgs(q, 'desc'),
  });
  return toPage(rows, q.limit, (p) => ({
    id: p.id, kitchenId: p.kitchenId, date: p.date, slot: p.slotCode, status: p.status, progress: p.progress,
    routes: p._count.routes, unassigned: Array.isArray(p.unassigned) ? p.unassigned.length : 0,
    distanceM: p.distanceM, createdAt: p.createdAt, finishedAt: p.finishedAt, publishedAt: p.publishedAt,
  }));
}

/**
 * Solves a draft again, starting from its current routes and keeping every pinned order on its
 * vehicle (the way to tidy up after pins and moves, or after orders changed).
 */
export async function replan(d: D & Pick<Deps, 'config'>, ctx: RequestContext, id: string, opts: { timeLimitMs?: number; seed?: number }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await d.queues.assertAvailable();
  const plan = await db.routePlan.findFirst({ where: { id } });
  if (!plan) throw new NotFoundError(DN.routePlan);
  // Every vehicle must be able to keep its pins on its own; otherwise refuse before anyone is dropped.
  const pinned = await db.dailyOrder.findMany({
    where: { kitchenId: plan.kitchenId, date: plan.date, slotCode: plan.slotCode, status: 'active', pinnedVehicleId: { not: null } },
    select: { pinnedVehicleId: true }, distinct: ['pinnedVehicleId'],
  });
  for (const { pinnedVehicleId } of ['done', 'failed'].includes(plan.status) ? pinned : []) {
    await assertPinsKeepable(d, db, { tenantId: ctx.tenantId, kitchenId: plan.kitchenId, date: plan.date, slotCode: plan.slotCode, vehicleId: pinnedVehicleId! });
  }
  const revision = await db.$transaction(async (tx) => {
    const before = await tx.routePlan.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.routePlan);
    if (!['done', 'failed'].includes(before.status)) {
      throw new ConflictError(before.status === 'published' ? say(DE.cannotReplanPublished) : say(DE.cannotReplan, { status: statusWord(before.status) }));
    }
    const params = (before.params ?? {}) as PlanParams;
    const next = { ...params, ...opts, revision: (params.revision ?? 1) + 1 };
    const after = await tx.routePlan.update({ where: { id }, data: { status: 'queued', progress: 0, error: null, finishedAt: null, params: next as object } });
    await writeAudit(tx, ctx, { action: 'route-plan.replan', entity: 'RoutePlan', entityId: id, before, after });
    await stageSolve(tx, ctx.tenantId, id, next.revision);
    return next.revision;
  });
  return getPlan(d, ctx, id);
}

/**
 * Publishes a finished draft: its routes become visible to their drivers, and the previously
 * published plan of the same kitchen/date/slot is superseded. Outcomes drivers already recorded
 * on the old plan carry over to the same orders in the new one.
 */
export async function publishPlan(d: Pick<Deps, 'prisma' | 'queues'>, ctx: RequestContext, id: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.routePlan.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.routePlan);
    if (before.status !== 'done') throw new ConflictError(say(DE.publishOnlyDone, { status: statusWord(before.status) }));
    const previous = await tx.routePlan.findMany({
      where: { kitchenId: before.kitchenId, date: before.date, slotCode: before.slotCode, status: 'published', NOT: { id } },
      select: { id: true },
    });
    if (previous.length) {
      const oldStops = await tx.routeStop.findMany({
        where: { route: { routePlanId: { in: previous.map((p) => p.id) } }, outcome: { in: ['delivered', 'not_home', 'refused'] } },
      });
      for (const s of oldStops) {
        await tx.routeStop.updateMany({
          where: { orderId: s.orderId, route: { routePlanId: id } },
          data: { outcome: s.outcome, outcomeAt: s.outcomeAt, outcomeNote: s.outcomeNote, outcomeBy: s.outcomeBy },
        });
        // The photo / signature belongs with the outcome: the manager's board and the driver's card
        // read the published plan's stops, so it moves to the order's stop there (the file stays put).
        const moved = await tx.routeStop.findFirst({ where: { orderId: s.orderId, route: { routePlanId: id } }, select: { id: true } });
        if (moved) await tx.stopProof.updateMany({ where: { routeStopId: s.id }, data: { routeStopId: moved.id } });
      }
      await tx.routePlan.updateMany({ where: { id: { in: previous.map((p) => p.id) } }, data: { status: 'superseded' } });
    }
    const after = await tx.routePlan.update({ where: { id }, data: { status: 'published', publishedAt: new Date(), publishedBy: ctx.userId } });
    // Each route's departure, in the publish's own commit: "meal on its way" to its first stop's family then.
    for (const r of await tx.route.findMany({ where: { routePlanId: id }, select: { id: true, departAt: true } })) {
      await stageJob(tx, 'route.depart', 'route.depart', { tenantId: ctx.tenantId, routeId: r.id }, { jobId: jobId('depart', r.id), runAt: r.departAt });
    }
    await writeAudit(tx, ctx, { action: 'route-plan.publish', entity: 'RoutePlan', entityId: id, before, after: { ...after, superseded: previous.map((p) => p.id) } });
  });
  await noticeRoutesPublished(d, ctx.tenantId, id);
  return getPlan(d, ctx, id);
}
