import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { TenantDb } from '../../db/prisma.js';
import { solveInWorker } from '../../routing/index.js';
import type { InitialRoute, Solution } from '../../routing/index.js';
import { writeAudit } from '../../audit/audit-log.js';
import { buildProblem, plannedRoutes } from './plan-problem.js';
import { unassignedDetail } from './plan-detail.js';
import type { UnassignedEntry } from './plan-detail.js';
import { travelMatrix } from './travel.js';

/** Solver options a plan may carry in `params` (POST /delivery/route-plans). */
export interface PlanParams {
  timeLimitMs?: number;
  seed?: number;
  revision?: number;
  /** Start from this plan's routes (the published one when the plan was created). */
  basePlanId?: string | null;
  [key: string]: unknown;
}

const FINISHED = new Set(['done', 'published', 'superseded']);

/**
 * When a re-plan serves fewer people than the routes it started from, the plan says so and why
 * (pins kept take the time or room); null when it serves at least as many.
 */
function servedFewer(initial: InitialRoute[], active: Map<string, unknown>, solution: Solution, pins: number) {
  const before = initial.reduce((s, r) => s + r.stopIds.filter((id) => active.has(id)).length, 0);
  const after = solution.routes.reduce((s, r) => s + r.stops.length, 0);
  if (!initial.length || after >= before) return null;
  // The sentence is worded when the plan is read, in the reader's locale (plan-detail.ts).
  return { count: before - after, before, after, pins };
}

/** Routes of a plan as solver start routes (stop ids = order ids, in visiting order). */
async function initialRoutes(db: TenantDb, planId: string | null | undefined): Promise<InitialRoute[]> {
  if (!planId) return [];
  const routes = await db.route.findMany({ where: { routePlanId: planId }, include: { stops: { orderBy: { stopNo: 'asc' } } } });
  return routes.map((r) => ({ vehicleId: r.vehicleId, stopIds: r.stops.map((s) => s.orderId) }));
}

/**
 * The routes.plan job: loads the kitchen's active orders and vehicles for the plan's date and
 * slot, builds the travel matrix, runs the solver on a worker thread (progress → RoutePlan and
 * the BullMQ job), and stores routes, stops and the unassigned orders with their reasons.
 * Re-delivery of a finished plan's job does nothing; a crashed run is simply run again.
 */
export async function runRoutePlan(deps: Pick<Deps, 'prisma' | 'config'>, tenantId: string, planId: string, report: (pct: number) => Promise<void>) {
  const db = tenantDb(deps.prisma, tenantId);
  const plan = await db.routePlan.findFirst({ where: { id: planId } });
  if (!plan || FINISHED.has(plan.status)) return { skipped: plan ? plan.status : 'gone' };
  const params = (plan.params ?? {}) as PlanParams;
  await db.routePlan.update({ where: { id: planId }, data: { status: 'running', progress: 0, error: null } });
  try {
    const tenant = await deps.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    const [kitchen, slot, vehicles, orders] = await Promise.all([
      db.kitchen.findFirstOrThrow({ where: { id: plan.kitchenId } }),
      db.mealSlot.findFirstOrThrow({ where: { code: plan.slotCode } }),
      db.vehicle.findMany({ where: { kitchenId: plan.kitchenId, active: true }, orderBy: { name: 'asc' } }),
      db.dailyOrder.findMany({
        where: { kitchenId: plan.kitchenId, date: plan.date, slotCode: plan.slotCode, status: 'active' },
        include: { recipient: { include: { person: { select: { name: true, lat: true, lng: true } } } } },
        orderBy: { id: 'asc' },
      }),
    ]);
    const ctx = { date: plan.date, timeZone: tenant.timeZone, slot, kitchen };
    const orderInputs = orders.map((o) => ({ ...o, lat: o.recipient.person.lat, lng: o.recipient.person.lng }));
    const draft = buildProblem(ctx, orderInputs, vehicles);
    const matrix = await travelMatrix(draft.points, deps.config);
    const built = buildProblem(ctx, orderInputs, vehicles, matrix.durations, matrix.distances);
    // Re-planning starts from this plan's routes (its pins and moves); a new plan from the published one.
    const initial = await initialRoutes(db, (await db.route.count({ where: { routePlanId: planId } })) ? planId : params.basePlanId);

    let last = 0;
    let writing: Promise<unknown> = Promise.resolve();
    // On a worker thread: the BullMQ worker keeps renewing locks and serving other queues meanwhile.
    const solution: Solution = await solveInWorker(built.problem, {
      timeLimitMs: params.timeLimitMs ?? 2000,
      seed: params.seed ?? 1,
      objective: 'vehicles',
      minimise: 'duration',
      initial,
      onProgress: (p) => {
        const pct = Math.min(99, Math.floor(p.fraction * 100));
        if (pct < last + 5) return;
        last = pct;
        writing = writing.then(() => Promise.all([db.routePlan.update({ where: { id: planId }, data: { progress: pct } }), report(pct)])).catch(() => {});
      },
    });
    await writing;

    const byId = new Map(orders.map((o) => [o.id, o]));
    const vehicleById = new Map(vehicles.map((v) => [v.id, v]));
    const unassigned: UnassignedEntry[] = [
      ...built.skipped.map((s) => ({ orderId: s.orderId, reason: s.reason as string, fitsAlone: false })),
      ...solution.unassigned.map((u) => ({ orderId: u.stopId, reason: u.reason as string, fitsAlone: u.fitsAlone })),
    ].map(({ orderId, reason, fitsAlone }) => {
      const o = byId.get(orderId)!;
      return { orderId, recipientId: o.recipientId, name: o.recipient.person.name, reason, fitsAlone, quantity: o.quantity, detail: String(unassignedDetail(reason)) };
    });
    const fewer = servedFewer(initial, byId, solution, orders.filter((o) => o.pinnedVehicleId).length);
    const routes = plannedRoutes(solution, built.origin);
    await db.$transaction(async (tx) => {
      await tx.route.deleteMany({ where: { routePlanId: planId } });
      let routeNo = 0;
      for (const r of routes) {
        const route = await tx.route.create({
          data: {
            tenantId, routePlanId: planId, vehicleId: r.vehicleId, driverUserId: vehicleById.get(r.vehicleId)!.driverUserId,
            routeNo: ++routeNo, distanceM: r.distanceM, durationS: r.durationS, load: r.load, departAt: r.departAt, returnAt: r.returnAt,
          },
        });
        await tx.routeStop.createMany({
          data: r.stops.map((s, i) => ({ tenantId, routeId: route.id, orderId: s.orderId, stopNo: i + 1, eta: s.eta, serviceStart: s.serviceStart, departure: s.departure, load: s.load })),
        });
      }
      const after = await tx.routePlan.update({
        where: { id: planId },
        data: {
          status: 'done', progress: 100, finishedAt: new Date(), error: null,
          distanceM: routes.reduce((s, r) => s + r.distanceM, 0),
          durationS: routes.reduce((s, r) => s + r.durationS, 0),
          unassigned: unassigned as unknown as object[],
          params: { ...params, servedFewer: fewer, matrix: matrix.source, ...(matrix.failure ? { matrixError: matrix.failure } : {}), iterations: solution.iterations, orders: orders.length },
        },
      });
      await writeAudit(tx, { tenantId, userId: plan.createdBy, requestId: null }, {
        action: 'route-plan.solve', entity: 'RoutePlan', entityId: planId,
        after: { status: after.status, routes: routes.length, unassigned: unassigned.length, distanceM: after.distanceM },
      });
    }, { timeout: 60_000 });
    await report(100);
    return { routes: routes.length, unassigned: unassigned.length };
  } catch (err) {
    await db.routePlan.update({ where: { id: planId }, data: { status: 'failed', error: (err as Error).message, finishedAt: new Date() } });
    throw err;
  }
}
