import type { Rng } from './prng.js';
import { repairRowMinutes } from './row-repair.js';
import { openWeekends, weekendShadowPrice } from './weekends.js';
import { OFF, type ShiftModel } from './shift-model.js';
import type { HardWeights, ShiftState } from './shift-state.js';

const INF = Number.POSITIVE_INFINITY;
const MAX_ROUNDS = 16;
const REPAIR_STEPS = 8;
const FORCE = 1e7;
/** forceShift value meaning: work some shift on forceDay, any type. */
export const ANY_SHIFT = -2;

/**
 * Re-optimises one employee's whole row with the other rows fixed, by dynamic programming over
 * days. Run lengths, successions and fixed days off are exact in the DP states; the row's global
 * limits (total minutes, weekends, per-type counts) are priced with Lagrange multipliers that
 * are adjusted over a few rounds, and every round's row is scored exactly, the best one kept.
 * This is the large-neighbourhood move: it can rebuild a row's whole work/rest pattern, which
 * single-cell moves can only reach through many infeasible steps.
 */
export class RowSolver {
  private readonly D: number;
  private readonly S: number;
  private readonly costs: Float64Array;
  private readonly forbidden: Uint8Array;
  private readonly minutes: Int32Array;
  private cur = new Float64Array(0);
  private next = new Float64Array(0);
  private parent = new Int32Array(0);
  private order = new Int32Array(0);
  private dayPrice = new Float64Array(0);
  private readonly row: Int16Array;
  private readonly noise: Float64Array;
  private readonly lastLambda: Float64Array;
  private readonly weekendSplit: Float64Array;
  /** Whether the row written by the last solve() keeps every hard rule of the contract. */
  lastFeasible = false;

  constructor(private readonly model: ShiftModel, private readonly weights: HardWeights) {
    const D = (this.D = model.days);
    const S = (this.S = model.shiftTypes.length);
    this.costs = new Float64Array(D * (S + 1));
    this.forbidden = new Uint8Array(S * S);
    model.shiftTypes.forEach((t, s) => t.forbiddenNext.forEach((n) => (this.forbidden[s * S + n] = 1)));
    this.minutes = Int32Array.from(model.shiftTypes, (t) => t.minutes);
    this.row = new Int16Array(D);
    this.noise = new Float64Array(D);
    this.lastLambda = new Float64Array(model.employees.length);
    // A shadow price on working half a weekend where weekend days are scarce (not in the score).
    this.weekendSplit = new Float64Array(D);
    const split = weekendShadowPrice(model);
    for (const days of model.weekends) if (days.length === 2) this.weekendSplit[days[1]] = split;
  }

  /**
   * Writes the best row found for employee e into out; returns its exact score (lower is
   * better). The weekends the row may work are fixed up front (openWeekends). With forceDay,
   * the row must work forceShift (or ANY_SHIFT) that day.
   */
  solve(state: ShiftState, e: number, out: Int16Array, rng: Rng, forceDay = -1, forceShift = OFF): number {
    const { S, D } = this;
    const c = this.model.employees[e].contract;
    state.rowCosts(e, this.costs);
    // A forced cell (the row must work forceShift on forceDay): every other value there is
    // priced out, so the rest of the row is rebuilt around that commitment.
    if (forceDay >= 0) for (let v = -1; v < S; v++) {
      if (forceShift === ANY_SHIFT ? v === OFF : v !== forceShift) this.costs[forceDay * (S + 1) + v + 1] += FORCE;
    }
    const allowed: number[] = [];
    for (let s = 0; s < S; s++) if (c.maxShifts[s] > 0) allowed.push(s);
    const fixedOff = new Uint8Array(D);
    for (const d of this.model.employees[e].daysOff) fixedOff[d] = 1;
    const open = openWeekends(this.model, state.row(e), c.maxWeekends, forceDay, rng);
    for (const days of this.model.weekends) if (!open.includes(days)) for (const d of days) fixedOff[d] = 1;
    // Many days cost nearly the same worked or not (cover already met), so without a little
    // noise the whole row flips at one minute price and bisection cannot land in a narrow
    // minutes window. The exact score below ignores the noise.
    for (let k = 0; k < this.noise.length; k++) this.noise[k] = rng.next() * 0.3;
    const typePrice = new Float64Array(S);
    // Minutes respond to their price in jumps (whole shifts), so the price is bisected inside a
    // bracket.
    let lambda = this.lastLambda[e]; // warm start: the price that fitted this row last time
    let lambdaLo = -INF;
    let lambdaHi = INF;
    let step = 0.002;
    let best = INF;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      this.dp(allowed, c, fixedOff, lambda, typePrice);
      let raw = 0;
      for (const v of this.row) if (v !== OFF) raw += this.minutes[v];
      // Repair only near misses (a few edits); far misses are cheaper to fix by bisecting.
      repairRowMinutes(this.model, c, this.row, this.costs, fixedOff, allowed, this.forbidden, REPAIR_STEPS);
      const { score, feasible, minutes, counts } = this.score(e);
      // Stop once the (repaired) row fits: more bisection finds slightly better rows but costs
      // about twice the time, and the time is better spent on other rows.
      const settled = minutes >= c.minMinutes && minutes <= c.maxMinutes;

      if (score < best) {
        best = score;
        this.lastFeasible = feasible;
        out.set(this.row);
      }
      let repriced = false;
      for (const s of allowed) {
        if (counts[s] > c.maxShifts[s]) {
          typePrice[s] = typePrice[s] * 1.5 + 10;
          repriced = true;
        }
      }
      if (repriced) continue;
      if (settled) {
        this.lastLambda[e] = lambda;
        break;
      }
      if (raw > c.maxMinutes) lambdaLo = lambda;
      else lambdaHi = lambda;
      if (lambdaHi === INF) lambda += step;
      else if (lambdaLo === -INF) lambda -= step;
      else lambda = (lambdaLo + lambdaHi) / 2;
      step *= 2;
    }
    return best;
  }

  /** Exact row score: cell costs + weighted hard violations of the limits the DP only prices. */
  private score(e: number): { score: number; feasible: boolean; minutes: number; counts: Int32Array } {
    const { D, S, row } = this;
    const c = this.model.employees[e].contract;
    const counts = new Int32Array(S);
    let minutes = 0;
    let score = 0;
    for (let d = 0; d < D; d++) {
      const v = row[d];
      score += this.costs[d * (S + 1) + v + 1];
      if (v !== OFF) {
        counts[v]++;
        minutes += this.minutes[v];
      }
    }
    let weekends = 0;
    for (const days of this.model.weekends) if (days.some((d) => row[d] !== OFF)) weekends++;
    const w = this.weights;
    let violation = Math.max(0, minutes - c.maxMinutes, c.minMinutes - minutes) * w.minute;
    violation += Math.max(0, weekends - c.maxWeekends) * w.unit;
    for (let s = 0; s < S; s++) violation += Math.max(0, counts[s] - c.maxShifts[s]) * w.unit;
    return { score: score + violation, feasible: violation === 0, minutes, counts };
  }

  /**
   * States: working (type index a, run length r ≤ maxRun, run started on day 0) or off (days off
   * so far capped at minOff, started on day 0). Runs touching day 0 or the last day are exempt
   * from the minimum-run rules, as in the benchmark. Work states are grouped by (r, init) so a
   * group's best predecessors can be sorted once and shared by every successor type.
   */
  private dp(allowed: number[], c: ShiftModel['employees'][number]['contract'], fixedOff: Uint8Array,
    lambda: number, typePrice: Float64Array): void {
    const { D, S, forbidden } = this;
    const A = allowed.length;
    const R = Math.max(1, c.maxConsecutiveShifts);
    const O = Math.max(1, c.minConsecutiveDaysOff);
    const minRun = c.minConsecutiveShifts;
    const minOff = c.minConsecutiveDaysOff;
    const nWork = A * R * 2;
    const n = nWork + O * 2;
    if (this.cur.length < n) {
      this.cur = new Float64Array(n);
      this.next = new Float64Array(n);
    }
    if (this.parent.length < D * n) this.parent = new Int32Array(D * n);
    if (this.order.length < A) {
      this.order = new Int32Array(A);
      this.dayPrice = new Float64Array(A);
    }
    const { parent, order, dayPrice, costs, noise, minutes } = this;
    const group = (r: number, init: number): number => ((r - 1) * 2 + init) * A; // first index of a work group
    const offIdx = (o: number, init: number): number => nWork + (o - 1) * 2 + init;
    const setPrices = (d: number): void => {
      for (let b = 0; b < A; b++) {
        const u = allowed[b];
        dayPrice[b] = costs[d * (S + 1) + u + 1] + lambda * minutes[u] + typePrice[u] + noise[d];
      }
    };
    let cur = this.cur;
    let next = this.next;
    cur.fill(INF, 0, n);
    cur[offIdx(1, 1)] = costs[0];
    parent[offIdx(1, 1)] = -1;
    if (!fixedOff[0]) {
      setPrices(0);
      for (let b = 0; b < A; b++) {
        cur[group(1, 1) + b] = dayPrice[b];
        parent[group(1, 1) + b] = -1;
      }
    }
    for (let d = 1; d < D; d++) {
      next.fill(INF, 0, n);
      const base = d * n;
      const offPrice = costs[d * (S + 1)];
      const split = this.weekendSplit[d]; // price of working one day of a two-day weekend
      const canWork = fixedOff[d] === 0;
      if (canWork) setPrices(d);
      const toOff = offIdx(1, 0);
      for (let r = 1; r <= R; r++) {
        for (let init = 0; init < 2; init++) {
          const g = group(r, init);
          // Sort this group's reachable states by cost (insertion sort: A is small).
          let m = 0;
          for (let a = 0; a < A; a++) {
            const here = cur[g + a];
            if (here === INF) continue;
            let k = m++;
            while (k > 0 && cur[g + order[k - 1]] > here) {
              order[k] = order[k - 1];
              k--;
            }
            order[k] = a;
          }
          if (m === 0) continue;
          if (init === 1 || r >= minRun) {
            // The cheapest state of the group is the best way to stop working here.
            const i = g + order[0];
            const cost = cur[i] + offPrice + split;
            if (cost < next[toOff]) {
              next[toOff] = cost;
              parent[base + toOff] = i;
            }
          }
          if (r === R || !canWork) continue;
          const ng = group(r + 1, init);
          for (let b = 0; b < A; b++) {
            const u = allowed[b];
            for (let k = 0; k < m; k++) {
              const a = order[k];
              if (forbidden[allowed[a] * S + u]) continue;
              const cost = cur[g + a] + dayPrice[b];
              if (cost < next[ng + b]) {
                next[ng + b] = cost;
                parent[base + ng + b] = g + a;
              }
              break; // sorted: the first allowed predecessor is the best one
            }
          }
        }
      }
      for (let o = 1; o <= O; o++) {
        for (let init = 0; init < 2; init++) {
          const i = offIdx(o, init);
          const here = cur[i];
          if (here === INF) continue;
          const stay = offIdx(Math.min(O, o + 1), init);
          if (here + offPrice < next[stay]) {
            next[stay] = here + offPrice;
            parent[base + stay] = i;
          }
          if (!canWork || (init === 0 && o < minOff)) continue;
          const g1 = group(1, 0);
          for (let b = 0; b < A; b++) {
            const cost = here + dayPrice[b] + split;
            if (cost < next[g1 + b]) {
              next[g1 + b] = cost;
              parent[base + g1 + b] = i;
            }
          }
        }
      }
      const t = cur;
      cur = next;
      next = t;
    }
    let end = 0;
    for (let i = 1; i < n; i++) if (cur[i] < cur[end]) end = i;
    for (let d = D - 1; d >= 0; d--) {
      this.row[d] = end >= nWork ? OFF : allowed[end % A];
      end = parent[d * n + end];
    }
    this.cur = cur;
    this.next = next;
  }
}
