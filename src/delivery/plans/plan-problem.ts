import type { LatLon, Problem, Solution, Stop, Vehicle } from '../../routing/index.js';
import { instantAt } from '../../time/index.js';

/**
 * Turns a kitchen's orders and vehicles for one date and slot into a routing problem, and the
 * solver's answer back into instants. Pure (no I/O, no clock).
 *
 * Time unit: seconds after the slot's ready time (when the food leaves the pass), so the
 * solver's numbers stay small and a vehicle cannot leave before the food is ready.
 */
export interface SlotInput {
  readyTime: string;
  windowStart: string;
  windowEnd: string;
  maxRideMinutes: number;
  serviceMinutes: number;
}

export interface OrderInput {
  id: string;
  quantity: number;
  windowStart: string | null;
  windowEnd: string | null;
  pinnedVehicleId: string | null;
  lat: number | null;
  lng: number | null;
}

export interface VehicleInput {
  id: string;
  capacity: number;
  shiftStart: string;
  shiftEnd: string;
}

export interface BuiltProblem {
  problem: Problem;
  points: LatLon[];
  /** Orders that cannot be planned at all (no coordinates). */
  skipped: { orderId: string; reason: 'no_location' }[];
  origin: Date;
}

export interface PlanContext {
  date: string;
  timeZone: string;
  slot: SlotInput;
  kitchen: { lat: number; lng: number };
}

export function relSeconds(c: PlanContext, origin: Date, localTime: string): number {
  return Math.round((instantAt(c.date, localTime, c.timeZone).getTime() - origin.getTime()) / 1000);
}

/** The stop's delivery window: the order's narrower one if it has one, else the slot's. */
export function windowOf(slot: SlotInput, o: { windowStart: string | null; windowEnd: string | null }) {
  return { start: o.windowStart ?? slot.windowStart, end: o.windowEnd ?? slot.windowEnd };
}

export function buildProblem(c: PlanContext, orders: OrderInput[], vehicles: VehicleInput[], durations?: Float64Array, distances?: Float64Array): BuiltProblem {
  const origin = instantAt(c.date, c.slot.readyTime, c.timeZone);
  const points: LatLon[] = [{ lat: c.kitchen.lat, lon: c.kitchen.lng }];
  const skipped: BuiltProblem['skipped'] = [];
  const stops: Stop[] = [];
  // A pin outweighs every unpinned door together (the solver maximises served priority first):
  // a manager's pin is kept whenever it can be, and the search drops someone else instead.
  const pinPriority = orders.filter((o) => !o.pinnedVehicleId).length + 1;
  for (const o of orders) {
    if (o.lat === null || o.lng === null) {
      skipped.push({ orderId: o.id, reason: 'no_location' });
      continue;
    }
    points.push({ lat: o.lat, lon: o.lng });
    const w = windowOf(c.slot, o);
    stops.push({
      id: o.id,
      location: points.length - 1,
      demand: o.quantity,
      serviceTime: c.slot.serviceMinutes * 60,
      timeWindows: [[relSeconds(c, origin, w.start), relSeconds(c, origin, w.end)]],
      maxRideTime: c.slot.maxRideMinutes * 60,
      ...(o.pinnedVehicleId ? { pinnedVehicleId: o.pinnedVehicleId, priority: pinPriority } : {}),
    });
  }
  const fleet: Vehicle[] = vehicles.map((v) => ({
    id: v.id,
    startLocation: 0,
    endLocation: 0,
    capacity: v.capacity,
    shiftStart: Math.max(0, relSeconds(c, origin, v.shiftStart)),
    shiftEnd: relSeconds(c, origin, v.shiftEnd),
  }));
  const size = points.length;
  return {
    problem: { locationCount: size, durations: durations ?? new Float64Array(size * size), distances, vehicles: fleet, stops },
    points,
    skipped,
    origin,
  };
}

/** Seconds after the origin → an instant. */
export function at(origin: Date, seconds: number): Date {
  return new Date(origin.getTime() + Math.round(seconds) * 1000);
}

export interface PlannedRoute {
  vehicleId: string;
  distanceM: number;
  durationS: number;
  load: number;
  departAt: Date;
  returnAt: Date;
  stops: { orderId: string; eta: Date; serviceStart: Date; departure: Date; load: number }[];
}

/** The solver's routes in instants, with loads as meals on board on arrival. */
export function plannedRoutes(solution: Solution, origin: Date): PlannedRoute[] {
  return solution.routes.map((r) => ({
    vehicleId: r.vehicleId,
    distanceM: Math.round(r.distance),
    durationS: Math.round(r.duration),
    load: r.load,
    departAt: at(origin, r.departure),
    returnAt: at(origin, r.arrival),
    stops: r.stops.map((s) => ({
      orderId: s.stopId,
      eta: at(origin, s.arrival),
      serviceStart: at(origin, s.serviceStart),
      departure: at(origin, s.departure),
      load: s.loadBefore,
    })),
  }));
}
