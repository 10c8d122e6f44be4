/**
 * Route-by-route construction of a first solution (Solomon's sequential insertion, simplified):
 * an empty route is seeded with the absent stop farthest from its depot that fits, then grows by
 * the cheapest feasible insertion among the absent stops near those already on it, until nothing
 * more fits; then the next vehicle. Routes built this way stay in one neighbourhood, which tight
 * delivery windows need. The parallel random-order insertion of ruin & recreate spreads its first
 * stops over every route instead: on a 1 500-stop kitchen it ran out of vans with a third of the
 * stops unserved, and the search could not recover that within its time limit.
 */
import type { Inserter } from './insertion.js';
import type { Rng } from './rng.js';
import type { State } from './state.js';

/** How many seed candidates are tried per route before giving up on it. */
const SEED_TRIES = 64;

export function sequentialConstruct(st: State, ins: Inserter, rng: Rng): void {
  const md = st.md;
  const seen = new Int32Array(md.n);
  let stamp = 0;
  for (let r = 0; r < md.m && st.absentCount > 0; r++) {
    if (st.len[r] > 0) continue; // a route from an earlier plan keeps its stops; the search handles it
    if (!seed(st, ins, rng, r)) continue;
    for (;;) {
      // Candidates: absent neighbours of the route's stops; all absent stops when none fits.
      stamp++;
      let bestU = -1;
      let bestPos = -1;
      let bestDelta = Infinity;
      const consider = (u: number): void => {
        seen[u] = stamp;
        if (ins.bestIn(st, u, r, rng) && ins.delta < bestDelta) {
          bestDelta = ins.delta;
          bestU = u;
          bestPos = ins.pos;
        }
      };
      const b = r * st.S;
      for (let i = 1; i <= st.len[r]; i++) {
        const c = st.nodes[b + i];
        for (let k = 0; k < md.nbCount; k++) {
          const u = md.neighbours[c * md.nbCount + k];
          if (st.routeOf[u] < 0 && seen[u] !== stamp) consider(u);
        }
      }
      if (bestU < 0) {
        for (let i = 0; i < st.absentCount; i++) if (seen[st.absent[i]] !== stamp) consider(st.absent[i]);
      }
      if (bestU < 0) break;
      st.insert(bestU, r, bestPos);
    }
  }
}

/** Puts the farthest absent stop that fits into empty route r; false when none of the tried fits. */
function seed(st: State, ins: Inserter, rng: Rng, r: number): boolean {
  const md = st.md;
  const row = md.vStart[r] * md.N;
  const order = Array.from(st.absent.subarray(0, st.absentCount)).sort((a, b) => md.cost[row + b] - md.cost[row + a] || a - b);
  for (let i = 0; i < order.length && i < SEED_TRIES; i++) {
    if (ins.bestIn(st, order[i], r, rng)) {
      st.insert(order[i], r, ins.pos);
      return true;
    }
  }
  return false;
}
