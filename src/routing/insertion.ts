/**
 * Cheapest feasible insertion of one stop over all routes — the hot loop of the search.
 * Time windows and capacity are checked in O(1) per position with the E/Lt bounds kept by State;
 * ride-time and route-duration limits (rare, short routes) are checked only for a position that
 * would become the new best, by an O(route length) pass.
 */
import { PIN_UNAVAILABLE, earliestStart } from './model.js';
import type { Rng } from './rng.js';
import { violatedLimit, type State } from './state.js';

/** Finds insertion positions; holds scratch buffers so the hot loop allocates nothing. */
export class Inserter {
  /** Result of the last `best()` call. */
  route = -1;
  pos = -1;
  delta = Infinity;
  private readonly classStamp: Int32Array;
  private stamp = 0;
  private readonly seq: Int32Array;

  constructor(st: State) {
    this.classStamp = new Int32Array(st.md.classCount);
    this.seq = new Int32Array(st.S + 1);
  }

  /**
   * Finds the cheapest feasible position of absent stop u. Each improving position is skipped
   * with probability `blink` (SISR's "blinks": randomises the greedy choice). Empty routes are
   * tried once per vehicle class, at the price `vehicleCost` on top of the travel, and only when
   * `allowEmpty`. Returns false when no position exists.
   */
  best(st: State, u: number, rng: Rng, blink: number, vehicleCost: number, allowEmpty: boolean): boolean {
    const allowed = st.md.allowedVehicle[u];
    this.route = -1;
    this.pos = -1;
    this.delta = Infinity;
    if (allowed === PIN_UNAVAILABLE) return false;
    return this.scan(st, u, rng, blink, vehicleCost, allowEmpty, allowed >= 0 ? allowed : 0, allowed >= 0 ? allowed + 1 : st.md.m);
  }

  /** Cheapest feasible position of absent stop u in route r alone (no blinks, no vehicle price). */
  bestIn(st: State, u: number, r: number, rng: Rng): boolean {
    const allowed = st.md.allowedVehicle[u];
    this.route = -1;
    this.pos = -1;
    this.delta = Infinity;
    if (allowed !== -1 && allowed !== r) return false;
    return this.scan(st, u, rng, 0, 0, true, r, r + 1);
  }

  private scan(st: State, u: number, rng: Rng, blink: number, vehicleCost: number, allowEmpty: boolean, r0: number, r1: number): boolean {
    const md = st.md;
    const { tt, cost, ttT, costT, N, vCap, vClass } = md;
    const nodes = st.nodes;
    const E = st.E;
    const Lt = st.Lt;
    const S = st.S;
    const single = md.twCount[u] === 1;
    const openU = md.open[u];
    const closeU = md.close[u];
    const demU = md.demand[u];
    const uN = u * N;
    const stamp = ++this.stamp;
    let best = Infinity;
    for (let r = r0; r < r1; r++) {
      const len = st.len[r];
      if (len === 0) {
        if (!allowEmpty || this.classStamp[vClass[r]] === stamp) continue;
        this.classStamp[vClass[r]] = stamp;
      }
      if (st.load[r] + demU > vCap[r]) continue;
      const b = r * S;
      let prev = nodes[b];
      for (let p = 0; p <= len; p++) {
        const next = nodes[b + p + 1];
        const a = E[b + p] + ttT[uN + prev];
        // E is non-decreasing along a route: once too late here, later positions are too.
        if (a > closeU) break;
        const s = single ? (a < openU ? openU : a) : earliestStart(md, u, a);
        if (s + tt[uN + next] <= Lt[b + p + 1]) {
          const d = len === 0
            ? costT[uN + prev] + cost[uN + next] + vehicleCost
            : costT[uN + prev] + cost[uN + next] - cost[prev * N + next];
          if (d < best && (blink === 0 || rng.next() >= blink) && this.limitsOk(st, u, r, p)) {
            best = d;
            this.route = r;
            this.pos = p;
          }
        }
        prev = next;
      }
    }
    this.delta = best;
    return this.route >= 0;
  }

  /** True when absent stop u may be inserted after position p of route r (windows, load, limits). */
  feasibleAt(st: State, u: number, r: number, p: number): boolean {
    const md = st.md;
    const allowed = md.allowedVehicle[u];
    if ((allowed !== -1 && allowed !== r) || st.load[r] + md.demand[u] > md.vCap[r]) return false;
    const b = r * st.S;
    const { tt, N } = md;
    const s = earliestStart(md, u, st.E[b + p] + tt[st.nodes[b + p] * N + u]);
    return s + tt[u * N + st.nodes[b + p + 1]] <= st.Lt[b + p + 1] && this.limitsOk(st, u, r, p);
  }

  private limitsOk(st: State, u: number, r: number, p: number): boolean {
    if (!st.md.hasRouteLimits) return true;
    const b = r * st.S;
    const len = st.len[r];
    const seq = this.seq;
    for (let i = 0; i <= p; i++) seq[i] = st.nodes[b + i];
    seq[p + 1] = u;
    for (let i = p + 1; i <= len + 1; i++) seq[i + 1] = st.nodes[b + i];
    return violatedLimit(st.md, r, seq, len + 1) < 0;
  }
}
