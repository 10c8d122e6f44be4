/**
 * Compiles a public `Problem` into flat typed arrays indexed by NODE, which is what the hot loops
 * read. Nodes 0..n-1 are the stops (in `problem.stops` order); nodes n..N-1 are the distinct
 * vehicle start/end locations. Node matrices avoid a location indirection in every lookup.
 */
import type { Matrix, Problem, SolveOptions } from './types.js';

/** Marks a stop pinned to a vehicle id that is not in the fleet. */
export const PIN_UNAVAILABLE = -2;

export interface Model {
  n: number;
  m: number;
  N: number;
  nodeLoc: Int32Array;
  /** N×N: service time at `from` + travel time from → to (what the schedule advances by). */
  tt: Float64Array;
  /** N×N: the travel cost being minimised (duration or distance). */
  cost: Float64Array;
  /** Transposes of tt and cost: [to * N + from], so scanning every predecessor of one stop reads a row. */
  ttT: Float64Array;
  costT: Float64Array;
  demand: Float64Array;
  service: Float64Array;
  priority: Float64Array;
  /** Windows of stop u are twOpen/twClose[twOff[u] .. twOff[u] + twCount[u]), sorted by open. */
  twCount: Int32Array;
  twOff: Int32Array;
  twOpen: Float64Array;
  twClose: Float64Array;
  /** Earliest open / latest close per stop: the single-window fast path uses these. */
  open: Float64Array;
  close: Float64Array;
  maxRide: Float64Array;
  /** -1: any vehicle; ≥ 0: only that vehicle index; PIN_UNAVAILABLE: pinned to an unknown id. */
  allowedVehicle: Int32Array;
  vStart: Int32Array;
  vEnd: Int32Array;
  vCap: Float64Array;
  vShiftStart: Float64Array;
  vShiftEnd: Float64Array;
  vMaxDur: Float64Array;
  /** Vehicles with identical start/end/capacity/shift share a class: one empty route per class is tried. */
  vClass: Int32Array;
  classCount: number;
  /** True when any ride-time or route-duration limit exists (needs a full route check). */
  hasRouteLimits: boolean;
  /** Per stop, the `nbCount` nearest other stops by cost, nearest first. */
  neighbours: Int32Array;
  nbCount: number;
}

/** Returns `get(i, j)` over a matrix in either accepted layout, after checking its size. */
export function matrixReader(mat: Matrix, size: number, name: string): (i: number, j: number) => number {
  if (mat instanceof Float64Array) {
    if (mat.length !== size * size) throw new Error(`${name}: expected ${size * size} entries, got ${mat.length}`);
    return (i, j) => mat[i * size + j];
  }
  if (mat.length !== size || mat.some((row) => row.length !== size)) {
    throw new Error(`${name}: expected a ${size}×${size} matrix`);
  }
  return (i, j) => mat[i][j];
}

/** Builds the internal model; throws on malformed input (bad indices, sizes, windows). */
export function compileModel(problem: Problem, options: SolveOptions): Model {
  const L = problem.locationCount;
  const durOf = matrixReader(problem.durations, L, 'durations');
  const distOf = problem.distances ? matrixReader(problem.distances, L, 'distances') : durOf;
  const costOf = options.minimise === 'distance' ? distOf : durOf;
  const n = problem.stops.length;
  const m = problem.vehicles.length;
  const checkLoc = (loc: number, what: string): number => {
    if (!Number.isInteger(loc) || loc < 0 || loc >= L) throw new Error(`${what}: location ${loc} out of range`);
    return loc;
  };

  // Depot nodes: one per distinct start/end location.
  const locs: number[] = problem.stops.map((s) => checkLoc(s.location, `stop ${s.id}`));
  const depotNode = new Map<number, number>();
  const depotFor = (loc: number): number => {
    let node = depotNode.get(loc);
    if (node === undefined) {
      node = locs.length;
      locs.push(loc);
      depotNode.set(loc, node);
    }
    return node;
  };
  const vStart = new Int32Array(m);
  const vEnd = new Int32Array(m);
  const vCap = new Float64Array(m);
  const vShiftStart = new Float64Array(m);
  const vShiftEnd = new Float64Array(m);
  const vMaxDur = new Float64Array(m);
  const vehicleIndex = new Map<string, number>();
  problem.vehicles.forEach((v, k) => {
    if (vehicleIndex.has(v.id)) throw new Error(`duplicate vehicle id ${v.id}`);
    vehicleIndex.set(v.id, k);
    vStart[k] = depotFor(checkLoc(v.startLocation, `vehicle ${v.id}`));
    vEnd[k] = depotFor(checkLoc(v.endLocation, `vehicle ${v.id}`));
    vCap[k] = v.capacity;
    vShiftStart[k] = v.shiftStart ?? 0;
    vShiftEnd[k] = v.shiftEnd ?? Infinity;
    vMaxDur[k] = v.maxRouteDuration ?? Infinity;
  });
  const classKey = new Map<string, number>();
  const vClass = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const key = [vStart[k], vEnd[k], vCap[k], vShiftStart[k], vShiftEnd[k], vMaxDur[k]].join(',');
    if (!classKey.has(key)) classKey.set(key, classKey.size);
    vClass[k] = classKey.get(key)!;
  }

  const N = locs.length;
  const nodeLoc = Int32Array.from(locs);
  const demand = new Float64Array(N);
  const service = new Float64Array(N);
  const priority = new Float64Array(n);
  const maxRide = new Float64Array(n).fill(Infinity);
  const allowedVehicle = new Int32Array(n).fill(-1);
  const open = new Float64Array(n);
  const close = new Float64Array(n);
  const twCount = new Int32Array(n);
  const twOff = new Int32Array(n);
  const opens: number[] = [];
  const closes: number[] = [];
  const seen = new Set<string>();
  problem.stops.forEach((s, u) => {
    if (seen.has(s.id)) throw new Error(`duplicate stop id ${s.id}`);
    seen.add(s.id);
    demand[u] = s.demand ?? 0;
    service[u] = s.serviceTime ?? 0;
    priority[u] = s.priority ?? 1;
    if (!(priority[u] >= 0)) throw new Error(`stop ${s.id}: priority must be ≥ 0`);
    if (s.maxRideTime !== undefined) maxRide[u] = s.maxRideTime;
    const pin = options.pins?.[s.id] ?? s.pinnedVehicleId;
    if (pin !== undefined) allowedVehicle[u] = vehicleIndex.get(pin) ?? PIN_UNAVAILABLE;
    const windows = s.timeWindows && s.timeWindows.length > 0 ? [...s.timeWindows] : [[-Infinity, Infinity] as const];
    windows.sort((a, b) => a[0] - b[0]);
    twOff[u] = opens.length;
    twCount[u] = windows.length;
    for (const [o, c] of windows) {
      if (!(o <= c)) throw new Error(`stop ${s.id}: window [${o}, ${c}] is empty`);
      opens.push(o);
      closes.push(c);
    }
    open[u] = windows[0][0];
    close[u] = Math.max(...windows.map((w) => w[1]));
  });

  const tt = new Float64Array(N * N);
  const cost = new Float64Array(N * N);
  const ttT = new Float64Array(N * N);
  const costT = new Float64Array(N * N);
  for (let a = 0; a < N; a++) {
    for (let b = 0; b < N; b++) {
      tt[a * N + b] = ttT[b * N + a] = service[a] + durOf(nodeLoc[a], nodeLoc[b]);
      cost[a * N + b] = costT[b * N + a] = costOf(nodeLoc[a], nodeLoc[b]);
    }
  }

  const nbCount = Math.min(Math.max(n - 1, 0), 100);
  const neighbours = new Int32Array(n * nbCount);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let u = 0; u < n; u++) {
    const sorted = order.filter((v) => v !== u).sort((a, b) => cost[u * N + a] - cost[u * N + b] || a - b);
    for (let k = 0; k < nbCount; k++) neighbours[u * nbCount + k] = sorted[k];
  }

  const hasRouteLimits = maxRide.some((r) => r !== Infinity) || vMaxDur.some((d) => d !== Infinity);
  return {
    n, m, N, nodeLoc, tt, cost, ttT, costT, demand, service, priority,
    twCount, twOff, twOpen: Float64Array.from(opens), twClose: Float64Array.from(closes), open, close,
    maxRide, allowedVehicle, vStart, vEnd, vCap, vShiftStart, vShiftEnd, vMaxDur, vClass,
    classCount: classKey.size, hasRouteLimits, neighbours, nbCount,
  };
}

/** Earliest valid service start at stop `u` for an arrival at `a`, or Infinity if past every window. */
export function earliestStart(md: Model, u: number, a: number): number {
  if (md.twCount[u] === 1) return a > md.close[u] ? Infinity : a < md.open[u] ? md.open[u] : a;
  const end = md.twOff[u] + md.twCount[u];
  for (let k = md.twOff[u]; k < end; k++) {
    if (a <= md.twClose[k]) return a < md.twOpen[k] ? md.twOpen[k] : a;
  }
  return Infinity;
}

/** Latest valid service start at stop `u` that is ≤ x, or -Infinity if none. */
export function latestStart(md: Model, u: number, x: number): number {
  if (md.twCount[u] === 1) return x < md.open[u] ? -Infinity : x > md.close[u] ? md.close[u] : x;
  for (let k = md.twOff[u] + md.twCount[u] - 1; k >= md.twOff[u]; k--) {
    if (md.twOpen[k] <= x) return x > md.twClose[k] ? md.twClose[k] : x;
  }
  return -Infinity;
}

/**
 * `earliestStart` that forgives float rounding: a schedule replayed forward from a departure that
 * was computed backwards (latest departure) can overshoot a close by a few ulps.
 */
export function earliestStartTol(md: Model, u: number, a: number): number {
  const s = earliestStart(md, u, a);
  if (s !== Infinity) return s;
  const back = earliestStart(md, u, a - 1e-10 * Math.max(1, Math.abs(a)));
  return back === Infinity ? Infinity : Math.max(a, back);
}
