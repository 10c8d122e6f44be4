/**
 * Public types of the route optimiser (VRPTW).
 *
 * Units: every time value (shift bounds, time windows, service times, ride-time limits, the
 * duration matrix) is a plain number in ONE unit of your choice — seconds are recommended and are
 * what the matrix providers return. Distances are in the unit of the distance matrix (metres from
 * the providers). The solver never converts units.
 */

/**
 * A square travel matrix between location indices, either as rows (`m[from][to]`) or as a flat
 * row-major `Float64Array` of length `size * size` (`m[from * size + to]`). Entries may be
 * `Infinity` (unreachable).
 */
export type Matrix = number[][] | Float64Array;

/** A time window `[open, close]`: service may START at any time within it (inclusive). */
export type TimeWindow = readonly [open: number, close: number];

export interface Vehicle {
  id: string;
  /** Location index the vehicle departs from (its kitchen / depot). */
  startLocation: number;
  /** Location index the vehicle must return to (may differ from the start). */
  endLocation: number;
  /** Capacity in the same unit as stop demand (e.g. meals). */
  capacity: number;
  /** Earliest departure from the start location. Default 0. */
  shiftStart?: number;
  /** Latest arrival back at the end location. Default Infinity. */
  shiftEnd?: number;
  /** Limit on (arrival at end − departure from start), waiting included. Optional. */
  maxRouteDuration?: number;
}

export interface Stop {
  id: string;
  /** Location index of the door. */
  location: number;
  /** Meals (or any capacity unit) delivered here. Default 0. */
  demand?: number;
  /** Time spent at the door. Default 0. */
  serviceTime?: number;
  /**
   * One or more windows in which service may start, sorted or not, non-overlapping.
   * Omitted or empty ⇒ always open.
   */
  timeWindows?: readonly TimeWindow[];
  /**
   * Weight of serving this stop (the objective first maximises the served weight). Default 1,
   * must be ≥ 0; a stop of weight 0 is served only when it adds no travel.
   */
  priority?: number;
  /** Only this vehicle may serve the stop (a manager's manual decision). */
  pinnedVehicleId?: string;
  /**
   * Hot-food limit: arrival at this stop − the vehicle's departure from its start ≤ maxRideTime.
   */
  maxRideTime?: number;
}

export interface Problem {
  /** Number of distinct locations; matrices are `locationCount × locationCount`. */
  locationCount: number;
  /** Travel times between locations (same unit as all time values). */
  durations: Matrix;
  /** Travel distances between locations. Defaults to `durations` when omitted. */
  distances?: Matrix;
  vehicles: readonly Vehicle[];
  stops: readonly Stop[];
}

/** Progress report, throttled to at most ~100 calls per run. */
export interface Progress {
  /** Fraction of the budget (time or iterations, whichever is further along), 0..1. */
  fraction: number;
  /** Objective value of the best solution so far (see README: penalties + travel). */
  bestCost: number;
  /** Stops served by the best solution so far. */
  served: number;
}

/** Routes of a previous plan to start from: stop ids in visiting order per vehicle. */
export interface InitialRoute {
  vehicleId: string;
  stopIds: readonly string[];
}

export interface SolveOptions {
  /** Wall-clock budget. Default 2000 ms, or unlimited when `maxIterations` is given. */
  timeLimitMs?: number;
  /** Iteration budget; a run bounded only by iterations is byte-identical for a given seed. */
  maxIterations?: number;
  /** PRNG seed (integer). Default 1. */
  seed?: number;
  /** `'distance'` (default): served weight, then travel. `'vehicles'`: then fewest vehicles. */
  objective?: 'distance' | 'vehicles';
  /** Which matrix the travel term minimises. Default `'duration'`. */
  minimise?: 'duration' | 'distance';
  /** Called with the progress so far (throttled). */
  onProgress?: (p: Progress) => void;
  /** Aborting stops the search and returns the best solution found so far. */
  signal?: AbortSignal;
  /** A previous plan to start from (re-planning around a manager's changes). */
  initial?: readonly InitialRoute[];
  /** Extra pins: stop id → vehicle id (merged with `Stop.pinnedVehicleId`, this map wins). */
  pins?: Readonly<Record<string, string>>;
  /** Clock used ONLY to enforce `timeLimitMs`. Default `performance.now`. */
  now?: () => number;
}

/** One visit in a route. Loads are deliveries: the vehicle leaves the depot full. */
export interface StopVisit {
  stopId: string;
  location: number;
  /** Time the vehicle reaches the door. */
  arrival: number;
  /** Time service starts (≥ arrival; waiting = serviceStart − arrival). */
  serviceStart: number;
  /** serviceStart + serviceTime. */
  departure: number;
  /** Load on board when arriving here (before handing over this stop's demand). */
  loadBefore: number;
  /** Load on board after the hand-over (loadBefore − demand). */
  loadAfter: number;
  /** arrival − route departure (what `maxRideTime` limits). */
  rideTime: number;
}

export interface RouteSolution {
  vehicleId: string;
  /**
   * Departure from the start location: as late as every window allows, but no later than needed
   * to avoid waiting — the departure that minimises ride times (hot food) and route duration.
   */
  departure: number;
  /** Arrival at the end location. */
  arrival: number;
  /** Load on board when leaving the start (sum of the route's demands). */
  load: number;
  stops: StopVisit[];
  /** Sum of matrix distances along the route. */
  distance: number;
  /** Sum of matrix travel times along the route (no waiting, no service). */
  travelDuration: number;
  /** arrival − departure (travel + service + waiting). */
  duration: number;
}

export type UnassignedReason =
  | 'capacity'
  | 'time_window'
  | 'ride_time'
  | 'shift'
  | 'pinned_vehicle_unavailable'
  | 'no_vehicle';

export interface UnassignedStop {
  stopId: string;
  reason: UnassignedReason;
  /** True when the stop fits alone on some vehicle: the fleet or the window is too small, not the door too far. */
  fitsAlone: boolean;
}

export interface Solution {
  /** Only vehicles that serve at least one stop, in the order of `problem.vehicles`. */
  routes: RouteSolution[];
  unassigned: UnassignedStop[];
  vehiclesUsed: number;
  totalDistance: number;
  totalTravelDuration: number;
  /** Sum of route durations (waiting and service included). */
  totalDuration: number;
  /** Sum of `priority` over served stops. */
  servedPriority: number;
  /** Search iterations run (deterministic when the run is bounded by `maxIterations`). */
  iterations: number;
}
