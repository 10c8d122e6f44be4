/**
 * Turns the final internal state into the public `Solution`: timed visits, loads and totals.
 * Each route is timed by `timeNodes` (sequence-timing.ts): it departs at `routeDeparture` (as late
 * as the windows allow, but no later than needed to avoid waiting: hot food rides the least) and
 * then runs as early as possible.
 */
import { matrixReader, type Model } from './model.js';
import { timeNodes } from './sequence-timing.js';
import type { State } from './state.js';
import type { Problem, RouteSolution, Solution, StopVisit, UnassignedStop } from './types.js';
import { unassignedCause } from './unassigned.js';

/** Builds the public solution from `st`. */
export function buildSolution(problem: Problem, md: Model, st: State, iterations: number): Solution {
  const L = problem.locationCount;
  const dur = matrixReader(problem.durations, L, 'durations');
  const dist = problem.distances ? matrixReader(problem.distances, L, 'distances') : dur;
  const routes: RouteSolution[] = [];
  for (let r = 0; r < md.m; r++) {
    const len = st.len[r];
    if (len === 0) continue;
    const b = r * st.S;
    const seq = Array.from(st.nodes.subarray(b, b + len + 2));
    // The one fixed-sequence rule (sequence-timing.ts), shared with a manager's manual order.
    const timing = timeNodes(md, r, seq, len);
    const departure = timing.departure;
    let load = 0;
    for (let p = 1; p <= len; p++) load += md.demand[seq[p]];
    const stops: StopVisit[] = [];
    let onBoard = load;
    let distance = 0;
    let travel = 0;
    for (let p = 1; p <= len + 1; p++) {
      const from = md.nodeLoc[seq[p - 1]];
      const to = md.nodeLoc[seq[p]];
      distance += dist(from, to);
      travel += dur(from, to);
      if (p === len + 1) break;
      const u = seq[p];
      const visit = timing.visits[p - 1];
      const stop = problem.stops[u];
      stops.push({
        stopId: stop.id,
        location: stop.location,
        arrival: visit.arrival,
        serviceStart: visit.serviceStart,
        departure: visit.departure,
        loadBefore: onBoard,
        loadAfter: onBoard - md.demand[u],
        rideTime: visit.arrival - departure,
      });
      onBoard -= md.demand[u];
    }
    const t = timing.arrival;
    routes.push({
      vehicleId: problem.vehicles[r].id,
      departure,
      arrival: t,
      load,
      stops,
      distance,
      travelDuration: travel,
      duration: t - departure,
    });
  }
  const unassigned: UnassignedStop[] = [];
  for (let u = 0; u < md.n; u++) {
    if (st.routeOf[u] < 0) unassigned.push({ stopId: problem.stops[u].id, ...unassignedCause(st, u) });
  }
  let servedPriority = 0;
  for (let u = 0; u < md.n; u++) if (st.routeOf[u] >= 0) servedPriority += md.priority[u];
  return {
    routes,
    unassigned,
    vehiclesUsed: routes.length,
    totalDistance: routes.reduce((s, r) => s + r.distance, 0),
    totalTravelDuration: routes.reduce((s, r) => s + r.travelDuration, 0),
    totalDuration: routes.reduce((s, r) => s + r.duration, 0),
    servedPriority,
    iterations,
  };
}
