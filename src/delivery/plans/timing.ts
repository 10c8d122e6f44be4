import { timeSequence } from '../../routing/index.js';
import type { Problem } from '../../routing/index.js';
import { type Localized, say, type Text } from '../../i18n/index.js';
import { RT } from './plan-messages.js';

/**
 * Timing of a route in a fixed order — what a manager's manual move produces. Pure.
 * The solver never breaks a rule; a manager may, so this reports what a move breaks
 * (late arrival, ride time, capacity, shift) as warnings instead of refusing it.
 */
export interface TimedStop {
  location: number;
  demand: number;
  serviceTime: number;
  window: readonly [number, number];
  maxRideTime: number;
}

export interface TimedVehicle {
  capacity: number;
  shiftStart: number;
  shiftEnd: number;
}

export interface RouteWarning {
  stopNo?: number;
  kind: 'late' | 'ride_time' | 'capacity' | 'shift';
  /** late/shift: minutes over; ride_time: minutes on the road; capacity: meals on board (for the desk's own sentences). */
  minutes?: number;
  /** ride_time: the limit in minutes; capacity: the capacity. */
  limit?: number;
  /** Stored as its English text (JSON); the plan's view words it again in the reader's locale (`warningDetail`). */
  detail: Text;
}

/** A warning's sentence from its kind and numbers (the stored text of older plans is not reused). */
export function warningDetail(w: Pick<RouteWarning, 'kind' | 'minutes' | 'limit'>): Localized {
  const minutes = w.minutes ?? 0;
  const limit = w.limit ?? 0;
  if (w.kind === 'capacity') return say(RT.warnCapacity, { meals: minutes, capacity: limit });
  if (w.kind === 'ride_time') return say(RT.warnRide, { minutes, limit });
  if (w.kind === 'shift') return say(RT.warnShift, { minutes });
  return say(RT.warnLate, { minutes });
}

const warning = (w: Omit<RouteWarning, 'detail'>): RouteWarning => ({ ...w, detail: warningDetail(w) });

export interface RouteTiming {
  departure: number;
  arrival: number;
  distance: number;
  duration: number;
  load: number;
  stops: { arrival: number; serviceStart: number; departure: number; loadBefore: number }[];
  warnings: RouteWarning[];
}

/**
 * Times the stops in the given order from depot 0 and back with the solver's own rule
 * (`timeSequence`, src/routing/sequence-timing.ts): leave as late as every window and the shift
 * end allow, but no later than needed to avoid waiting at a door — hot food spends the least time
 * on the road. When the order cannot keep every window, leave at the shift start (least late).
 * What the order breaks becomes a warning.
 */
export function timeRoute(size: number, durations: ArrayLike<number>, distances: ArrayLike<number>, vehicle: TimedVehicle, stops: TimedStop[]): RouteTiming {
  const dd = (a: number, b: number) => distances[a * size + b];
  const load = stops.reduce((s, x) => s + x.demand, 0);
  const warnings: RouteWarning[] = [];
  if (load > vehicle.capacity) warnings.push(warning({ kind: 'capacity', minutes: load, limit: vehicle.capacity }));
  const problem: Problem = {
    locationCount: size,
    durations: durations instanceof Float64Array ? durations : Float64Array.from(durations),
    vehicles: [{ id: 'van', startLocation: 0, endLocation: 0, capacity: vehicle.capacity, shiftStart: vehicle.shiftStart, shiftEnd: vehicle.shiftEnd }],
    stops: stops.map((s, i) => ({ id: String(i), location: s.location, demand: s.demand, serviceTime: s.serviceTime, timeWindows: [s.window] })),
  };
  const timing = timeSequence(problem, 'van', problem.stops.map((s) => s.id));
  const { departure } = timing;
  let prev = 0;
  let distance = 0;
  let onBoard = load;
  const out: RouteTiming['stops'] = [];
  stops.forEach((s, i) => {
    const { arrival, serviceStart, departure: leave, late } = timing.visits[i];
    distance += dd(prev, s.location);
    if (late > 0) warnings.push(warning({ stopNo: i + 1, kind: 'late', minutes: Math.round(late / 60) }));
    if (arrival - departure > s.maxRideTime) {
      warnings.push(warning({ stopNo: i + 1, kind: 'ride_time', minutes: Math.round((arrival - departure) / 60), limit: Math.round(s.maxRideTime / 60) }));
    }
    out.push({ arrival, serviceStart, departure: leave, loadBefore: onBoard });
    onBoard -= s.demand;
    prev = s.location;
  });
  const arrival = timing.arrival;
  distance += dd(prev, 0);
  if (arrival > vehicle.shiftEnd) warnings.push(warning({ kind: 'shift', minutes: Math.round((arrival - vehicle.shiftEnd) / 60) }));
  return { departure, arrival, distance, duration: arrival - departure, load, stops: out, warnings };
}
