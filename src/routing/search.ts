/**
 * The two search phases over ruin & recreate:
 *  - `anneal`: simulated annealing on the full objective (SISR's main loop);
 *  - `fleetMin`: SISR's fleet minimisation — drop a route, then ruin & recreate without new routes,
 *    steering by how often each stop has been left out ("absence" counters).
 */
import type { Budget } from './budget.js';
import type { Rng } from './rng.js';
import type { RuinRecreate } from './ruin-recreate.js';
import type { State } from './state.js';

export interface CostWeights {
  /** Cost per unit of unserved priority (dominates everything else). */
  absent: number;
  /** Cost per used vehicle (0 unless objective = 'vehicles'). */
  vehicle: number;
}

/** Lexicographic objective folded into one number with dominating weights. */
export function totalCost(st: State, w: CostWeights): number {
  return st.travelCost() + w.vehicle * st.usedRoutes() + w.absent * st.absentPriority();
}

export interface Phase {
  rr: RuinRecreate;
  rng: Rng;
  budget: Budget;
  weights: CostWeights;
  /** Global budget fraction at which this phase ends. */
  until: number;
}

/** Copies the routes flagged in `dirty` (and membership) from `from` into `to`, then clears flags. */
function syncDirty(to: State, from: State, dirty: Uint8Array): void {
  for (let r = 0; r < dirty.length; r++) {
    if (dirty[r] === 1) {
      to.copyRoute(from, r);
      dirty[r] = 0;
    }
  }
  to.copyMembership(from);
}

/**
 * Simulated annealing from `cur` (kept as the current solution); `best` receives the best found.
 * Temperature falls geometrically from t0 to t1 over the phase's share of the budget.
 */
export function anneal(p: Phase, cur: State, work: State, best: State, t0: number, t1: number): void {
  const { rr, rng, budget, weights } = p;
  const dirty = new Uint8Array(cur.md.m);
  let curCost = totalCost(cur, weights);
  let bestCost = totalCost(best, weights);
  const from = budget.fraction;
  const span = Math.max(p.until - from, 1e-9);
  const ratio = t1 / t0;
  while (budget.fraction < p.until && budget.tick()) {
    const x = Math.min(1, (budget.fraction - from) / span);
    const temp = t0 * Math.pow(ratio, x);
    rr.ruin(work, rng, dirty);
    rr.recreate(work, rng, dirty, weights.vehicle, true);
    const c = totalCost(work, weights);
    // SA acceptance; -T·ln(U) ≥ 0 is the tolerated worsening.
    if (c < curCost - temp * Math.log(1 - rng.next())) {
      curCost = c;
      syncDirty(cur, work, dirty);
      if (c < bestCost - 1e-9) {
        bestCost = c;
        best.copyFrom(cur);
      }
    } else {
      syncDirty(work, cur, dirty);
    }
    budget.report(bestCost, cur.md.n - best.absentCount);
  }
}

/**
 * Fleet minimisation. `cur` must serve as much priority as `targetAbsent` allows; each time it
 * does, it is saved to `best` and its smallest route is dissolved. Candidates are accepted when
 * they leave fewer stops out, or out-stops that were out less often (absence sum).
 */
export function fleetMin(p: Phase, cur: State, work: State, best: State, targetAbsent: number): void {
  const { rr, rng, budget } = p;
  const md = cur.md;
  const dirty = new Uint8Array(md.m);
  const absences = new Float64Array(md.n);
  const absenceSum = (st: State): number => {
    let s = 0;
    for (let i = 0; i < st.absentCount; i++) s += absences[st.absent[i]];
    return s;
  };
  const complete = (st: State): boolean => st.absentPriority() <= targetAbsent + 1e-9;
  best.copyFrom(cur);
  const dissolve = (): boolean => {
    let pick = -1;
    // The smallest route is the cheapest to dissolve.
    for (let r = 0; r < md.m; r++) {
      if (cur.len[r] > 0 && (pick < 0 || cur.len[r] < cur.len[pick])) pick = r;
    }
    if (pick < 0 || cur.usedRoutes() <= 1) return false;
    const b = pick * cur.S;
    cur.removeStops(pick, cur.nodes.slice(b + 1, b + 1 + cur.len[pick]), cur.len[pick]);
    work.copyFrom(cur);
    return true;
  };
  if (!dissolve()) return;
  while (budget.fraction < p.until && budget.tick()) {
    rr.ruin(work, rng, dirty);
    rr.recreate(work, rng, dirty, 0, false);
    const wa = absenceSum(work);
    const ca = absenceSum(cur);
    // Equal sums are accepted too: plateau moves keep the search drifting.
    if (work.absentCount < cur.absentCount || wa < ca || (wa === ca && work.absentCount === cur.absentCount)) {
      syncDirty(cur, work, dirty);
    } else {
      syncDirty(work, cur, dirty);
    }
    if (complete(cur)) {
      best.copyFrom(cur);
      if (!dissolve()) return;
    }
    for (let i = 0; i < cur.absentCount; i++) absences[cur.absent[i]]++;
    budget.report(totalCost(best, p.weights), md.n - best.absentCount);
  }
}
