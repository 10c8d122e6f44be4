/**
 * The one timing rule for stops visited in a fixed order. The solver's routes (schedule.ts) and
 * a manager's manual order (src/delivery/plans/timing.ts) are both timed here, so a route shows the
 * same arrivals, waits and lateness whichever of the two made its order.
 *
 * The rule: leave at `routeDeparture` (state.ts: as late as every window and the shift end
 * allow, but no later than needed to avoid waiting at a door), then run as early as possible:
 * arrive, wait for the window to open, serve, drive on. An order that no departure can keep
 * (only a manager makes one; the solver never does) leaves at the shift start, the least late,
 * and a door reached after its last window closes is served on arrival, late.
 */
import { compileModel, earliestStartTol, type Model } from './model.js';
import { routeDeparture } from './state.js';
import type { Problem } from './types.js';

/** One door of a timed sequence. All times in the problem's unit (seconds from its origin). */
export interface TimedVisit {
  arrival: number;
  serviceStart: number;
  /** serviceStart − arrival: waiting for the window to open. */
  wait: number;
  /** Arrival − the last window's close when the door is reached after it, else 0. */
  late: number;
  /** serviceStart + service time. */
  departure: number;
}

export interface SequenceTiming {
  /** Departure from the vehicle's start. */
  departure: number;
  visits: TimedVisit[];
  /** Arrival back at the vehicle's end. */
  arrival: number;
}

/** Times seq[0..len+1] (the vehicle's start node, the stops, its end node) driven by vehicle v. */
export function timeNodes(md: Model, v: number, seq: ArrayLike<number>, len: number): SequenceTiming {
  const { tt, N } = md;
  const dep = routeDeparture(md, v, seq, len);
  const departure = Number.isNaN(dep) ? md.vShiftStart[v] : dep;
  const visits: TimedVisit[] = [];
  let t = departure; // service start at the previous node (tt includes that node's service time)
  for (let p = 1; p <= len; p++) {
    const u = seq[p];
    const arrival = t + tt[seq[p - 1] * N + u];
    const start = earliestStartTol(md, u, arrival);
    const serviceStart = start === Infinity ? arrival : start;
    visits.push({
      arrival,
      serviceStart,
      wait: serviceStart - arrival,
      late: start === Infinity ? arrival - md.close[u] : 0,
      departure: serviceStart + md.service[u],
    });
    t = serviceStart;
  }
  return { departure, visits, arrival: t + tt[seq[len] * N + seq[len + 1]] };
}

/**
 * Times the stops `stopIds` of `problem`, visited in that order by `vehicleId` — exactly as the
 * solver would report that route. Windows, capacity and limits are not enforced: `late` (and the
 * caller's own checks of ride time, capacity and shift) say what the order breaks.
 */
export function timeSequence(problem: Problem, vehicleId: string, stopIds: readonly string[]): SequenceTiming {
  const md = compileModel(problem, {});
  const v = problem.vehicles.findIndex((x) => x.id === vehicleId);
  if (v < 0) throw new Error(`timeSequence: unknown vehicle ${vehicleId}`);
  const index = new Map(problem.stops.map((s, u) => [s.id, u]));
  const seq = [md.vStart[v]];
  for (const id of stopIds) {
    const u = index.get(id);
    if (u === undefined) throw new Error(`timeSequence: unknown stop ${id}`);
    seq.push(u);
  }
  seq.push(md.vEnd[v]);
  return timeNodes(md, v, seq, stopIds.length);
}
