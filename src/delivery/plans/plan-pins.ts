import type { Deps } from '../../deps.js';
import type { TenantDb, TenantTx } from '../../db/prisma.js';
import { UnprocessableError } from '../../http/errors.js';
import { say } from '../../i18n/index.js';
import { solve } from '../../routing/index.js';
import type { UnassignedReason } from '../../routing/index.js';
import { buildProblem } from './plan-problem.js';
import type { OrderInput, PlanContext, VehicleInput } from './plan-problem.js';
import { PM } from './plan-messages.js';
import { travelMatrix } from './travel.js';

/** Why the orders pinned to one vehicle cannot all ride it (null: they can). */
export interface PinProblem {
  reason: UnassignedReason | 'no_location';
  orderId: string | null;
}

/**
 * Can one vehicle serve every order pinned to it, on its own (nobody else on board)? Pure given the
 * travel matrix: capacity is summed, then the pure solver routes only those doors on only that
 * vehicle — if even that leaves a door out, the pin set cannot be kept, whatever re-planning does.
 */
export function pinProblem(c: PlanContext, vehicle: VehicleInput, pinned: OrderInput[], durations: Float64Array, distances: Float64Array): PinProblem | null {
  const meals = pinned.reduce((s, o) => s + o.quantity, 0);
  if (meals > vehicle.capacity) return { reason: 'capacity', orderId: null };
  const unlocated = pinned.find((o) => o.lat === null || o.lng === null);
  if (unlocated) return { reason: 'no_location', orderId: unlocated.id };
  const built = buildProblem(c, pinned.map((o) => ({ ...o, pinnedVehicleId: vehicle.id })), [vehicle], durations, distances);
  const solution = solve(built.problem, { maxIterations: 400, seed: 1 });
  const out = solution.unassigned[0];
  return out ? { reason: out.reason, orderId: out.stopId } : null;
}

type Db = TenantDb | TenantTx;

/**
 * Refuses (422, in the manager's words) a pin set that a vehicle cannot keep: `extra` are orders
 * about to be pinned to `vehicleId` on top of those already pinned there. Runs BEFORE the pin is
 * written, so nobody is dropped from a plan by a pin that could never hold.
 */
export async function assertPinsKeepable(
  d: Pick<Deps, 'prisma' | 'config'>, db: Db,
  at: { tenantId: string; kitchenId: string; date: string; slotCode: string; vehicleId: string; extra?: string[] },
): Promise<void> {
  const [tenant, kitchen, slot, vehicle, orders] = await Promise.all([
    d.prisma.tenant.findUniqueOrThrow({ where: { id: at.tenantId }, select: { timeZone: true } }),
    db.kitchen.findFirstOrThrow({ where: { id: at.kitchenId } }),
    db.mealSlot.findFirstOrThrow({ where: { code: at.slotCode } }),
    db.vehicle.findFirstOrThrow({ where: { id: at.vehicleId } }),
    db.dailyOrder.findMany({
      where: { kitchenId: at.kitchenId, date: at.date, slotCode: at.slotCode, status: 'active', OR: [{ pinnedVehicleId: at.vehicleId }, { id: { in: at.extra ?? [] } }] },
      include: { recipient: { include: { person: { select: { name: true, lat: true, lng: true } } } } },
      orderBy: { id: 'asc' },
    }),
  ]);
  if (!vehicle.active) throw new UnprocessableError(say(PM.pinInactive, { vehicle: vehicle.name }), { reason: 'pinned_vehicle_unavailable' });
  if (!orders.length) return;
  const c: PlanContext = { date: at.date, timeZone: tenant.timeZone, slot, kitchen };
  const inputs = orders.map((o) => ({ ...o, lat: o.recipient.person.lat, lng: o.recipient.person.lng }));
  const located = inputs.filter((o) => o.lat !== null && o.lng !== null);
  const matrix = await travelMatrix([{ lat: kitchen.lat, lon: kitchen.lng }, ...located.map((o) => ({ lat: o.lat!, lon: o.lng! }))], d.config);
  const problem = pinProblem(c, vehicle, inputs, matrix.durations, matrix.distances);
  if (!problem) return;
  const name = orders.find((o) => o.id === problem.orderId)?.recipient.person.name ?? '';
  const p = { vehicle: vehicle.name, count: orders.length, name, start: slot.windowStart, end: slot.windowEnd, shiftStart: vehicle.shiftStart, shiftEnd: vehicle.shiftEnd };
  const sentence = {
    capacity: () => say(PM.pinVanFull, { vehicle: vehicle.name, meals: orders.reduce((s, o) => s + o.quantity, 0), capacity: vehicle.capacity }),
    no_location: () => say(PM.pinNoLocation, p),
    time_window: () => say(PM.pinWindow, p),
    shift: () => say(PM.pinShift, p),
    ride_time: () => say(PM.pinRide, { ...p, minutes: slot.maxRideMinutes }),
  }[problem.reason as 'capacity'] ?? (() => say(PM.pinWindow, p));
  throw new UnprocessableError(sentence(), { reason: problem.reason, orderId: problem.orderId });
}
