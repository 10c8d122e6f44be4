/**
 * Mutable solution state in flat typed arrays. Route r occupies positions [r*S, r*S + len[r] + 2)
 * of `nodes`, `E` and `Lt`: position 0 is the vehicle's start node, 1..len the stops, len+1 its end.
 *  - E[p]: earliest service start at p (at the start node: the shift start; at the end: arrival).
 *  - Lt[p]: latest service start at p that keeps every later window and the shift end.
 * With these an insertion between p and p+1 is checked in O(1): the new stop's earliest start,
 * plus its own service and travel, must reach p+1 no later than Lt[p+1].
 */
import { earliestStart, earliestStartTol, latestStart, type Model } from './model.js';

/** One solution: routes with their schedule bounds, loads, costs and the absent stops. */
export class State {
  readonly S: number;
  readonly nodes: Int32Array;
  readonly E: Float64Array;
  readonly Lt: Float64Array;
  readonly len: Int32Array;
  readonly load: Float64Array;
  readonly rcost: Float64Array;
  /** Route of each stop, -1 when absent (unassigned). */
  readonly routeOf: Int32Array;
  /** Position of each stop inside its route (1-based, valid when routeOf ≥ 0). */
  readonly posOf: Int32Array;
  /** Absent stops (not in any route), in no particular order, with their index in the list. */
  readonly absent: Int32Array;
  readonly absentIdx: Int32Array;
  absentCount = 0;
  private readonly mark: Uint8Array;
  private readonly scratch: Int32Array;

  constructor(readonly md: Model) {
    const { n, m } = md;
    this.S = n + 2;
    this.nodes = new Int32Array(m * this.S);
    this.E = new Float64Array(m * this.S);
    this.Lt = new Float64Array(m * this.S);
    this.len = new Int32Array(m);
    this.load = new Float64Array(m);
    this.rcost = new Float64Array(m);
    this.routeOf = new Int32Array(n).fill(-1);
    this.posOf = new Int32Array(n);
    this.absent = new Int32Array(n);
    this.absentIdx = new Int32Array(n);
    this.mark = new Uint8Array(n);
    this.scratch = new Int32Array(this.S + 1);
    for (let u = 0; u < n; u++) this.addAbsent(u);
    for (let r = 0; r < m; r++) {
      this.nodes[r * this.S] = md.vStart[r];
      this.nodes[r * this.S + 1] = md.vEnd[r];
      this.update(r);
    }
  }

  private addAbsent(u: number): void {
    this.routeOf[u] = -1;
    this.absentIdx[u] = this.absentCount;
    this.absent[this.absentCount++] = u;
  }

  private dropAbsent(u: number): void {
    const i = this.absentIdx[u];
    const last = this.absent[--this.absentCount];
    this.absent[i] = last;
    this.absentIdx[last] = i;
  }

  /**
   * Inserts absent stop u after position p (0..len) of route r. The caller checked feasibility,
   * so only the bounds that can change are refreshed: E forward from u until a value is
   * unchanged, Lt backward from u until a value is unchanged (this is a hot path).
   */
  insert(u: number, r: number, p: number): void {
    const md = this.md;
    const { tt, cost, N } = md;
    const nodes = this.nodes;
    const E = this.E;
    const Lt = this.Lt;
    const b = r * this.S;
    const len = this.len[r] + 1;
    const prev = nodes[b + p];
    const next = nodes[b + p + 1];
    nodes.copyWithin(b + p + 2, b + p + 1, b + len + 1);
    E.copyWithin(b + p + 2, b + p + 1, b + len + 1);
    Lt.copyWithin(b + p + 2, b + p + 1, b + len + 1);
    nodes[b + p + 1] = u;
    this.len[r] = len;
    this.dropAbsent(u);
    this.routeOf[u] = r;
    for (let q = p + 1; q <= len; q++) this.posOf[nodes[b + q]] = q;
    this.load[r] += md.demand[u];
    this.rcost[r] = len === 1
      ? cost[prev * N + u] + cost[u * N + next]
      : this.rcost[r] + cost[prev * N + u] + cost[u * N + next] - cost[prev * N + next];
    E[b + p + 1] = earliestStart(md, u, E[b + p] + tt[prev * N + u]);
    for (let q = p + 2; q <= len; q++) {
      const e = earliestStart(md, nodes[b + q], E[b + q - 1] + tt[nodes[b + q - 1] * N + nodes[b + q]]);
      if (e === E[b + q]) break;
      E[b + q] = e;
    }
    const endNode = nodes[b + len + 1];
    E[b + len + 1] = E[b + len] + tt[nodes[b + len] * N + endNode];
    Lt[b + p + 1] = latestStart(md, u, Lt[b + p + 2] - tt[u * N + next]);
    for (let q = p; q >= 1; q--) {
      const l = latestStart(md, nodes[b + q], Lt[b + q + 1] - tt[nodes[b + q] * N + nodes[b + q + 1]]);
      if (l === Lt[b + q]) break;
      Lt[b + q] = l;
    }
    Lt[b] = Lt[b + 1] - tt[nodes[b] * N + nodes[b + 1]];
  }

  /** Removes the given stops (all on route r) and makes them absent. */
  removeStops(r: number, stops: ArrayLike<number>, count: number): void {
    for (let i = 0; i < count; i++) {
      this.mark[stops[i]] = 1;
      this.addAbsent(stops[i]);
    }
    const b = r * this.S;
    const len = this.len[r];
    let w = b + 1;
    for (let p = b + 1; p <= b + len; p++) {
      const u = this.nodes[p];
      if (this.mark[u] === 1) this.mark[u] = 0;
      else this.nodes[w++] = u;
    }
    this.nodes[w] = this.md.vEnd[r];
    this.len[r] = w - b - 1;
    this.update(r);
  }

  /**
   * Recomputes schedule bounds, load, cost and positions of route r. If the route is infeasible
   * (only possible when a matrix breaks the triangle inequality after a removal, or for a
   * malformed initial plan) offending stops are evicted until it is feasible again.
   */
  update(r: number): void {
    const bad = this.recompute(r);
    // removeStops() calls update() again, so eviction repeats until the route is feasible.
    if (bad >= 0) this.removeStops(r, [this.nodes[r * this.S + bad]], 1);
  }

  /** Returns -1 when route r is feasible, else the position of a stop to evict. */
  private recompute(r: number): number {
    const md = this.md;
    const { tt, cost, N } = md;
    const nodes = this.nodes;
    const E = this.E;
    const Lt = this.Lt;
    const b = r * this.S;
    const len = this.len[r];
    E[b] = md.vShiftStart[r];
    let load = 0;
    let c = 0;
    let prev = nodes[b];
    for (let p = 1; p <= len; p++) {
      const u = nodes[b + p];
      this.routeOf[u] = r;
      this.posOf[u] = p;
      load += md.demand[u];
      c += cost[prev * N + u];
      const s = earliestStart(md, u, E[b + p - 1] + tt[prev * N + u]);
      if (s === Infinity) return p;
      E[b + p] = s;
      prev = u;
    }
    const endNode = nodes[b + len + 1];
    E[b + len + 1] = E[b + len] + tt[prev * N + endNode];
    this.load[r] = load;
    this.rcost[r] = len === 0 ? 0 : c + cost[prev * N + endNode];
    if (len > 0 && E[b + len + 1] > md.vShiftEnd[r]) return len;
    if (load > md.vCap[r] && len > 0) return len;
    let next = endNode;
    Lt[b + len + 1] = md.vShiftEnd[r];
    for (let p = len; p >= 1; p--) {
      const u = nodes[b + p];
      Lt[b + p] = latestStart(md, u, Lt[b + p + 1] - tt[u * N + next]);
      next = u;
    }
    Lt[b] = Lt[b + 1] - tt[nodes[b] * N + next];
    if (md.hasRouteLimits && len > 0) {
      const s = this.scratch;
      for (let p = 0; p <= len + 1; p++) s[p] = nodes[b + p];
      return violatedLimit(md, r, s, len);
    }
    return -1;
  }

  /** Copies route r (and the membership of its stops) from another state of the same model. */
  copyRoute(from: State, r: number): void {
    const b = r * this.S;
    const k = from.len[r] + 2;
    this.nodes.set(from.nodes.subarray(b, b + k), b);
    this.E.set(from.E.subarray(b, b + k), b);
    this.Lt.set(from.Lt.subarray(b, b + k), b);
    this.len[r] = from.len[r];
    this.load[r] = from.load[r];
    this.rcost[r] = from.rcost[r];
  }

  /** Copies membership arrays and the absent list (after copyRoute of every changed route). */
  copyMembership(from: State): void {
    this.routeOf.set(from.routeOf);
    this.posOf.set(from.posOf);
    this.absent.set(from.absent.subarray(0, from.absentCount));
    this.absentIdx.set(from.absentIdx);
    this.absentCount = from.absentCount;
  }

  /** Full copy. */
  copyFrom(from: State): void {
    for (let r = 0; r < this.md.m; r++) this.copyRoute(from, r);
    this.copyMembership(from);
  }

  /** Number of non-empty routes. */
  usedRoutes(): number {
    let k = 0;
    for (let r = 0; r < this.md.m; r++) if (this.len[r] > 0) k++;
    return k;
  }

  /** Sum of route travel costs (the minimised matrix). */
  travelCost(): number {
    let c = 0;
    for (let r = 0; r < this.md.m; r++) c += this.rcost[r];
    return c;
  }

  /** Sum of the priorities of absent stops. */
  absentPriority(): number {
    let p = 0;
    for (let i = 0; i < this.absentCount; i++) p += this.md.priority[this.absent[i]];
    return p;
  }
}

/**
 * Departure time of the sequence seq[0..len+1] driven by vehicle v: the LATEST departure that
 * keeps every window (computed backwards), but no later than needed to remove all waiting.
 * For single windows, arrival − departure only shrinks as departure moves later, and stops
 * shrinking once nothing waits, so this departure minimises every ride time and the route
 * duration at once. Returns NaN when no departure is feasible. The departure of the one
 * fixed-sequence rule (sequence-timing.ts), for the solver's routes and manual moves alike.
 */
export function routeDeparture(md: Model, v: number, seq: ArrayLike<number>, len: number): number {
  const { tt, N } = md;
  let latest = md.vShiftEnd[v];
  for (let p = len; p >= 1; p--) latest = latestStart(md, seq[p], latest - tt[seq[p] * N + seq[p + 1]]);
  latest = Math.min(latest - tt[seq[0] * N + seq[1]], md.vShiftEnd[v]);
  let noWait = md.vShiftStart[v];
  let prefix = 0;
  for (let p = 1; p <= len; p++) {
    prefix += tt[seq[p - 1] * N + seq[p]];
    const o = md.open[seq[p]];
    if (o - prefix > noWait) noWait = o - prefix;
  }
  const dep = Math.min(latest, noWait);
  return dep >= md.vShiftStart[v] ? dep : NaN;
}

/**
 * Ride-time and route-duration check of the sequence seq[0..len+1] driven by vehicle v, leaving
 * at `routeDeparture`. Returns -1 if fine, else a position to blame.
 */
export function violatedLimit(md: Model, v: number, seq: Int32Array, len: number): number {
  const { tt, N } = md;
  const dep = routeDeparture(md, v, seq, len);
  if (Number.isNaN(dep)) return len;
  let t = dep;
  for (let p = 1; p <= len; p++) {
    const u = seq[p];
    const arr = t + tt[seq[p - 1] * N + u];
    if (arr - dep > md.maxRide[u]) return p;
    t = earliestStartTol(md, u, arr);
  }
  const back = t + tt[seq[len] * N + seq[len + 1]];
  return back - dep > md.vMaxDur[v] ? len : -1;
}
