import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../http/errors.js';
import { instantAt } from '../../time/index.js';
import { at, relSeconds, windowOf } from './plan-problem.js';
import type { UnassignedEntry } from './plan-detail.js';
import { getPlan } from './plan-service.js';
import { assertPinsKeepable } from './plan-pins.js';
import { timeRoute } from './timing.js';
import type { RouteTiming } from './timing.js';
import { travelMatrix } from './travel.js';
import { say } from '../../i18n/index.js';
import { DE, DN } from '../messages.js';
import { statusWord } from './plan-words.js';

export interface MoveInput {
  orderId: string;
  vehicleId: string;
  /** 1-based position in the target route; default: last. */
  position?: number;
}

/**
 * A manager moves one order (a stop, or an unassigned order) to a vehicle, at a position. The
 * order is pinned to that vehicle, the two routes are re-timed in their new order, and whatever
 * the move breaks (late, ride time, capacity, shift) is shown as route warnings — the manager
 * decides; "re-plan" tidies up around the pins.
 */
export async function moveOrder(d: Pick<Deps, 'prisma' | 'config'>, ctx: RequestContext, planId: string, input: MoveInput) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const plan = await db.routePlan.findFirst({ where: { id: planId }, include: { routes: { include: { stops: { orderBy: { stopNo: 'asc' } } } } } });
  if (!plan) throw new NotFoundError(DN.routePlan);
  if (plan.status !== 'done') throw new ConflictError(say(DE.editOnlyDone, { status: statusWord(plan.status) }));
  const order = await db.dailyOrder.findFirst({ where: { id: input.orderId, kitchenId: plan.kitchenId, date: plan.date, slotCode: plan.slotCode } });
  if (!order) throw new UnprocessableError(say(DE.orderNotInPlan), { errors: [{ path: 'body.orderId', message: say(DE.notInPlan) }] });
  if (order.status !== 'active') throw new ConflictError(say(DE.orderCancelled));
  const vehicle = await db.vehicle.findFirst({ where: { id: input.vehicleId, kitchenId: plan.kitchenId, active: true } });
  if (!vehicle) throw new UnprocessableError(say(DE.noActiveVehicle), { errors: [{ path: 'body.vehicleId', message: say(DE.unknownVehicle) }] });

  // A move pins the order to the vehicle: refuse it when the vehicle could never keep its pins.
  await assertPinsKeepable(d, db, { tenantId: ctx.tenantId, kitchenId: plan.kitchenId, date: plan.date, slotCode: plan.slotCode, vehicleId: vehicle.id, extra: [order.id] });

  // The new stop sequences (order ids) of the routes the move touches.
  const sequences = new Map(plan.routes.map((r) => [r.vehicleId, r.stops.map((s) => s.orderId)]));
  const source = plan.routes.find((r) => r.stops.some((s) => s.orderId === order.id));
  if (source) sequences.set(source.vehicleId, sequences.get(source.vehicleId)!.filter((id) => id !== order.id));
  const target = sequences.get(vehicle.id) ?? [];
  const pos = Math.min(Math.max(1, input.position ?? target.length + 1), target.length + 1);
  target.splice(pos - 1, 0, order.id);
  sequences.set(vehicle.id, target);
  const touched = [...new Set([vehicle.id, ...(source ? [source.vehicleId] : [])])];

  const tenant = await d.prisma.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId } });
  const [kitchen, slot, orders, vehicles] = await Promise.all([
    db.kitchen.findFirstOrThrow({ where: { id: plan.kitchenId } }),
    db.mealSlot.findFirstOrThrow({ where: { code: plan.slotCode } }),
    db.dailyOrder.findMany({ where: { id: { in: touched.flatMap((v) => sequences.get(v)!) } }, include: { recipient: { include: { person: true } } } }),
    db.vehicle.findMany({ where: { id: { in: touched } } }),
  ]);
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const missing = orders.find((o) => o.recipient.person.lat === null || o.recipient.person.lng === null);
  if (missing) throw new UnprocessableError(say(DE.noCoordinates, { name: missing.recipient.person.name }));
  const c = { date: plan.date, timeZone: tenant.timeZone, slot, kitchen };
  const origin = instantAt(plan.date, slot.readyTime, tenant.timeZone);
  const rel = (t: string) => relSeconds(c, origin, t);

  // Time the touched routes first (the matrix may be an HTTP call), then write them in one go.
  const timed: { vehicleId: string; seq: string[]; timing: RouteTiming | null; driverUserId?: string }[] = [];
  for (const vehicleId of touched) {
    const seq = sequences.get(vehicleId)!;
    if (!seq.length) {
      timed.push({ vehicleId, seq, timing: null });
      continue;
    }
    const v = vehicles.find((x) => x.id === vehicleId)!;
    const seqOrders = seq.map((id) => orderById.get(id)!);
    const points = [{ lat: kitchen.lat, lon: kitchen.lng }, ...seqOrders.map((o) => ({ lat: o.recipient.person.lat!, lon: o.recipient.person.lng! }))];
    const matrix = await travelMatrix(points, d.config);
    const timing = timeRoute(matrix.size, matrix.durations, matrix.distances,
      { capacity: v.capacity, shiftStart: Math.max(0, rel(v.shiftStart)), shiftEnd: rel(v.shiftEnd) },
      seqOrders.map((o, i) => {
        const w = windowOf(slot, o);
        return { location: i + 1, demand: o.quantity, serviceTime: slot.serviceMinutes * 60, window: [rel(w.start), rel(w.end)] as const, maxRideTime: slot.maxRideMinutes * 60 };
      }));
    timed.push({ vehicleId, seq, timing, driverUserId: v.driverUserId });
  }

  await db.$transaction(async (tx) => {
    let nextNo = Math.max(0, ...plan.routes.map((r) => r.routeNo));
    for (const { vehicleId, seq, timing, driverUserId } of timed) {
      const existing = plan.routes.find((r) => r.vehicleId === vehicleId);
      if (existing) await tx.route.delete({ where: { id: existing.id } });
      if (!timing) continue;
      const route = await tx.route.create({
        data: {
          tenantId: ctx.tenantId, routePlanId: planId, vehicleId, driverUserId: driverUserId!, routeNo: existing?.routeNo ?? ++nextNo,
          distanceM: Math.round(timing.distance), durationS: Math.round(timing.duration), load: timing.load,
          departAt: at(origin, timing.departure), returnAt: at(origin, timing.arrival), warnings: timing.warnings.map((w) => ({ ...w, detail: String(w.detail) })),
        },
      });
      await tx.routeStop.createMany({
        data: timing.stops.map((s, i) => ({
          tenantId: ctx.tenantId, routeId: route.id, orderId: seq[i], stopNo: i + 1, eta: at(origin, s.arrival),
          serviceStart: at(origin, s.serviceStart), departure: at(origin, s.departure), load: s.loadBefore,
        })),
      });
    }
    const routes = await tx.route.findMany({ where: { routePlanId: planId } });
    const unassigned = ((plan.unassigned ?? []) as unknown as UnassignedEntry[]).filter((u) => u.orderId !== order.id);
    const after = await tx.routePlan.update({
      where: { id: planId },
      data: { distanceM: routes.reduce((s, r) => s + r.distanceM, 0), durationS: routes.reduce((s, r) => s + r.durationS, 0), unassigned: unassigned as unknown as object[] },
    });
    await tx.dailyOrder.update({ where: { id: order.id }, data: { pinnedVehicleId: vehicle.id } });
    await writeAudit(tx, ctx, { action: 'route-plan.move', entity: 'RoutePlan', entityId: planId, after: { ...input, position: pos, from: source?.vehicleId ?? null, distanceM: after.distanceM } });
  }, { timeout: 30_000 });
  return getPlan(d, ctx, planId);
}
