/**
 * SISR ruin & recreate (Christiaens & Vanden Berghe, "Slack Induction by String Removals",
 * Transportation Science 2020). Ruin removes a few strings (runs of consecutive stops) from
 * routes that are geographically adjacent to a random seed stop, which opens slack in time and
 * capacity in one area; recreate reinserts the absent stops greedily with "blinks".
 */
import { Inserter } from './insertion.js';
import type { Model } from './model.js';
import type { Rng } from './rng.js';
import type { State } from './state.js';
import { TUNING } from './tuning.js';

export interface SisrParams {
  /** Average number of removed stops (c̄). */
  avgRemoved: number;
  /** Max string length (L^max). */
  maxString: number;
  /** Probability of the split-string variant. */
  splitRate: number;
  /** Stop probability when growing the preserved part of a split string. */
  splitDepth: number;
  /** Probability of skipping an improving insertion position. */
  blinkRate: number;
}


/** Recreate orders and their weights (SISR's plus the time-window sorts for VRPTW). */
const ORDER_WEIGHTS = [4, 4, 2, 1, 2, 2];
const ORDER_TOTAL = ORDER_WEIGHTS.reduce((a, b) => a + b, 0);

/** SISR ruin and recreate operators over a `State`; one instance per solve. */
export class RuinRecreate {
  readonly ins: Inserter;
  private readonly ruined: Int32Array;
  private stamp = 0;
  private readonly buf: Int32Array;
  private readonly order: number[] = [];
  /** Sort keys per stop, one array per non-random order (ascending sort). */
  private readonly keys: Float64Array[];
  private readonly mixedPriority: boolean;

  constructor(private readonly md: Model, st: State, private readonly params: SisrParams = TUNING) {
    this.ins = new Inserter(st);
    this.ruined = new Int32Array(md.m);
    this.buf = new Int32Array(md.n + 2);
    const { n, N, cost, vStart, m } = md;
    const depotDist = new Float64Array(n);
    for (let u = 0; u < n; u++) {
      let d = Infinity;
      for (let r = 0; r < m; r++) d = Math.min(d, cost[vStart[r] * N + u]);
      depotDist[u] = d === Infinity ? 0 : d;
    }
    this.mixedPriority = md.priority.some((p) => p !== md.priority[0]);
    const key = (f: (u: number) => number): Float64Array => Float64Array.from({ length: n }, (_, u) => f(u));
    // Higher priority first everywhere: when not every stop fits, the important ones get the room.
    const big = 1e12;
    this.keys = [
      key((u) => -md.priority[u] * big - md.demand[u]),
      key((u) => -md.priority[u] * big - depotDist[u]),
      key((u) => -md.priority[u] * big + depotDist[u]),
      key((u) => -md.priority[u] * big + Math.min(md.close[u] - md.open[u], 1e9)),
      key((u) => -md.priority[u] * big + Math.max(Math.min(md.open[u], 1e9), -1e9)),
    ];
  }

  /** Removes strings around a random seed stop from route `st`; marks touched routes in `dirty`. */
  ruin(st: State, rng: Rng, dirty: Uint8Array): void {
    const md = this.md;
    const p = this.params;
    let used = 0;
    let total = 0;
    for (let r = 0; r < md.m; r++) {
      if (st.len[r] > 0) {
        used++;
        total += st.len[r];
      }
    }
    if (used === 0) return;
    if (TUNING.routeRemoval > 0 && rng.next() < TUNING.routeRemoval) {
      // Occasionally dissolve a whole route: strings alone never empty a long route.
      let k = rng.int(used);
      for (let r = 0; r < md.m; r++) {
        if (st.len[r] > 0 && k-- === 0) {
          const b = r * st.S;
          dirty[r] = 1;
          st.removeStops(r, st.nodes.slice(b + 1, b + 1 + st.len[r]), st.len[r]);
          return;
        }
      }
    }
    const lsMax = Math.min(p.maxString, total / used);
    const ksMax = (4 * p.avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    // Seed: a random routed stop.
    let seed = rng.int(md.n);
    for (let k = 0; k < md.n && st.routeOf[seed] < 0; k++) seed = (seed + 1) % md.n;
    const stamp = ++this.stamp;
    let done = 0;
    for (let k = -1; k < md.nbCount && done < ks; k++) {
      const c = k < 0 ? seed : md.neighbours[seed * md.nbCount + k];
      const r = st.routeOf[c];
      if (r < 0 || this.ruined[r] === stamp) continue;
      this.ruined[r] = stamp;
      dirty[r] = 1;
      done++;
      const len = st.len[r];
      const lmax = Math.min(len, lsMax);
      const l = Math.floor(rng.next() * lmax) + 1;
      this.removeString(st, r, st.posOf[c], l, rng);
    }
  }

  private removeString(st: State, r: number, pc: number, l: number, rng: Rng): void {
    const len = st.len[r];
    const b = r * st.S;
    const buf = this.buf;
    let count = 0;
    if (l < len && rng.next() < this.params.splitRate) {
      // Split string: a string of l + m stops around c, of which m consecutive ones stay.
      let keep = 1;
      while (l + keep < len && rng.next() > this.params.splitDepth) keep++;
      const total = l + keep;
      const start = this.stringStart(pc, total, len, rng);
      const keepFrom = start + rng.int(l + 1);
      for (let q = start; q < start + total; q++) {
        if (q < keepFrom || q >= keepFrom + keep) buf[count++] = st.nodes[b + q];
      }
    } else {
      const start = this.stringStart(pc, l, len, rng);
      for (let q = start; q < start + l; q++) buf[count++] = st.nodes[b + q];
    }
    st.removeStops(r, buf, count);
  }

  /** Random first position (1-based) of a string of length l inside 1..len that contains pc. */
  private stringStart(pc: number, l: number, len: number, rng: Rng): number {
    const lo = Math.max(1, pc - l + 1);
    const hi = Math.min(pc, len - l + 1);
    return lo + rng.int(hi - lo + 1);
  }

  /**
   * Reinserts every absent stop it can, in one of SISR's random orders. Stops that fit nowhere
   * stay absent. Returns nothing; the caller re-evaluates the cost.
   */
  recreate(st: State, rng: Rng, dirty: Uint8Array, vehicleCost: number, allowEmpty: boolean): void {
    const order = this.order;
    order.length = 0;
    for (let i = 0; i < st.absentCount; i++) order.push(st.absent[i]);
    if (order.length === 0) return;
    let pick = rng.int(ORDER_TOTAL);
    let which = 0;
    while (pick >= ORDER_WEIGHTS[which]) pick -= ORDER_WEIGHTS[which++];
    if (which === 0) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    } else {
      const key = this.keys[which - 1];
      order.sort((a, b) => key[a] - key[b] || a - b);
    }
    // Stable re-sorts keep the chosen order among ties.
    if (this.mixedPriority && which === 0) order.sort((a, b) => this.md.priority[b] - this.md.priority[a]);
    const ins = this.ins;
    const blink = this.params.blinkRate;
    for (const u of order) {
      if (ins.best(st, u, rng, blink, vehicleCost, allowEmpty)) {
        st.insert(u, ins.route, ins.pos);
        dirty[ins.route] = 1;
      }
    }
  }
}
