/**
 * Independent re-check of a routing `Solution` against its `Problem`. It imports ONLY the public
 * types, never solver internals, and recomputes every schedule, load and total from scratch.
 * Returns the list of violations (empty = valid).
 */
import type { Matrix, Problem, Solution } from '../../../src/routing/types.js';

export interface ValidateOptions {
  /** Pins passed to solve() as options (stop id → vehicle id), on top of Stop.pinnedVehicleId. */
  pins?: Readonly<Record<string, string>>;
  /** Absolute tolerance for float comparisons. */
  eps?: number;
}

const REASONS = new Set(['capacity', 'time_window', 'ride_time', 'shift', 'pinned_vehicle_unavailable', 'no_vehicle']);

function at(m: Matrix, size: number, i: number, j: number): number {
  return m instanceof Float64Array ? m[i * size + j] : m[i][j];
}

/** Returns human-readable violations of hard constraints and bookkeeping errors. */
export function validateSolution(problem: Problem, sol: Solution, opts: ValidateOptions = {}): string[] {
  const eps = opts.eps ?? 1e-6;
  const errors: string[] = [];
  const L = problem.locationCount;
  const dur = (i: number, j: number): number => at(problem.durations, L, i, j);
  const dist = (i: number, j: number): number => at(problem.distances ?? problem.durations, L, i, j);
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));
  const stops = new Map(problem.stops.map((s) => [s.id, s]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const seen = new Set<string>();
  const usedVehicles = new Set<string>();
  let totDist = 0;
  let totTravel = 0;
  let totDuration = 0;
  let served = 0;

  for (const route of sol.routes) {
    const v = vehicles.get(route.vehicleId);
    const tag = `route ${route.vehicleId}`;
    if (!v) { errors.push(`${tag}: unknown vehicle`); continue; }
    if (usedVehicles.has(v.id)) errors.push(`${tag}: vehicle used twice`);
    usedVehicles.add(v.id);
    if (route.stops.length === 0) errors.push(`${tag}: empty route listed`);
    const shiftStart = v.shiftStart ?? 0;
    const shiftEnd = v.shiftEnd ?? Infinity;
    if (route.departure < shiftStart - eps) errors.push(`${tag}: departs ${route.departure} before shift ${shiftStart}`);
    let load = 0;
    for (const visit of route.stops) load += stops.get(visit.stopId)?.demand ?? 0;
    if (load > v.capacity + eps) errors.push(`${tag}: load ${load} > capacity ${v.capacity}`);
    if (!near(route.load, load)) errors.push(`${tag}: load ${route.load}, recomputed ${load}`);
    let t = route.departure;
    let loc = v.startLocation;
    let onBoard = load;
    let d = 0;
    let travel = 0;
    for (const visit of route.stops) {
      const s = stops.get(visit.stopId);
      if (!s) { errors.push(`${tag}: unknown stop ${visit.stopId}`); continue; }
      if (seen.has(s.id)) errors.push(`stop ${s.id} visited twice`);
      seen.add(s.id);
      served += s.priority ?? 1;
      const pin = opts.pins?.[s.id] ?? s.pinnedVehicleId;
      if (pin !== undefined && pin !== v.id) errors.push(`stop ${s.id} pinned to ${pin} but on ${v.id}`);
      if (visit.location !== s.location) errors.push(`stop ${s.id}: location ${visit.location} ≠ ${s.location}`);
      const arrival = t + dur(loc, s.location);
      d += dist(loc, s.location);
      travel += dur(loc, s.location);
      if (!near(visit.arrival, arrival)) errors.push(`stop ${s.id}: arrival ${visit.arrival}, recomputed ${arrival}`);
      if (visit.serviceStart < arrival - eps) errors.push(`stop ${s.id}: service starts before arrival`);
      const windows = s.timeWindows && s.timeWindows.length > 0 ? s.timeWindows : [[-Infinity, Infinity]];
      if (!windows.some(([o, c]) => visit.serviceStart >= o - eps * Math.max(1, Math.abs(o)) && visit.serviceStart <= c + eps * Math.max(1, Math.abs(c)))) {
        errors.push(`stop ${s.id}: service start ${visit.serviceStart} outside windows ${JSON.stringify(windows)}`);
      }
      if (!near(visit.departure, visit.serviceStart + (s.serviceTime ?? 0))) errors.push(`stop ${s.id}: departure ≠ start + service`);
      const ride = arrival - route.departure;
      if (s.maxRideTime !== undefined && ride > s.maxRideTime + eps) errors.push(`stop ${s.id}: ride ${ride} > ${s.maxRideTime}`);
      if (!near(visit.rideTime, ride)) errors.push(`stop ${s.id}: rideTime ${visit.rideTime}, recomputed ${ride}`);
      if (!near(visit.loadBefore, onBoard)) errors.push(`stop ${s.id}: loadBefore ${visit.loadBefore}, recomputed ${onBoard}`);
      onBoard -= s.demand ?? 0;
      if (!near(visit.loadAfter, onBoard)) errors.push(`stop ${s.id}: loadAfter ${visit.loadAfter}, recomputed ${onBoard}`);
      t = visit.serviceStart + (s.serviceTime ?? 0);
      loc = s.location;
    }
    const back = t + dur(loc, v.endLocation);
    d += dist(loc, v.endLocation);
    travel += dur(loc, v.endLocation);
    if (back > shiftEnd + eps * Math.max(1, Math.abs(shiftEnd))) errors.push(`${tag}: back at ${back} after shift end ${shiftEnd}`);
    if (!near(route.arrival, back)) errors.push(`${tag}: arrival ${route.arrival}, recomputed ${back}`);
    const duration = back - route.departure;
    if (v.maxRouteDuration !== undefined && duration > v.maxRouteDuration + eps) {
      errors.push(`${tag}: duration ${duration} > max ${v.maxRouteDuration}`);
    }
    if (!near(route.duration, duration)) errors.push(`${tag}: duration ${route.duration}, recomputed ${duration}`);
    if (!near(route.distance, d)) errors.push(`${tag}: distance ${route.distance}, recomputed ${d}`);
    if (!near(route.travelDuration, travel)) errors.push(`${tag}: travelDuration ${route.travelDuration}, recomputed ${travel}`);
    totDist += d;
    totTravel += travel;
    totDuration += duration;
  }

  for (const u of sol.unassigned) {
    if (!stops.has(u.stopId)) errors.push(`unassigned: unknown stop ${u.stopId}`);
    if (seen.has(u.stopId)) errors.push(`stop ${u.stopId} both routed and unassigned`);
    seen.add(u.stopId);
    if (!REASONS.has(u.reason)) errors.push(`stop ${u.stopId}: bad reason ${u.reason}`);
  }
  for (const s of problem.stops) if (!seen.has(s.id)) errors.push(`stop ${s.id} neither routed nor unassigned`);
  if (sol.vehiclesUsed !== sol.routes.length) errors.push(`vehiclesUsed ${sol.vehiclesUsed} ≠ ${sol.routes.length} routes`);
  if (!near(sol.totalDistance, totDist)) errors.push(`totalDistance ${sol.totalDistance}, recomputed ${totDist}`);
  if (!near(sol.totalTravelDuration, totTravel)) errors.push(`totalTravelDuration ${sol.totalTravelDuration}, recomputed ${totTravel}`);
  if (!near(sol.totalDuration, totDuration)) errors.push(`totalDuration ${sol.totalDuration}, recomputed ${totDuration}`);
  if (!near(sol.servedPriority, served)) errors.push(`servedPriority ${sol.servedPriority}, recomputed ${served}`);
  return errors;
}
