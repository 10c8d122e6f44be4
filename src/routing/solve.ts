/**
 * Entry point of the route optimiser. Pure: no I/O; the only clock read is `options.now`
 * (default `performance.now`) to enforce `timeLimitMs`.
 */
import { Budget } from './budget.js';
import { compileModel, type Model } from './model.js';
import { Rng } from './rng.js';
import { RuinRecreate } from './ruin-recreate.js';
import { buildSolution } from './schedule.js';
import { sequentialConstruct } from './construct.js';
import { anneal, fleetMin, totalCost, type CostWeights, type Phase } from './search.js';
import { State } from './state.js';
import { TUNING } from './tuning.js';
import type { Problem, Solution, SolveOptions } from './types.js';

/**
 * Solves a VRPTW instance. Objective (lexicographic): maximise served priority; then, with
 * `objective: 'vehicles'`, fewest vehicles; then least total travel (duration or distance).
 * Hard constraints: windows, capacity, shifts, max route duration, max ride time, pins.
 *
 * @param problem the instance (see types.ts for units and matrix layouts)
 * @param options budget, seed, objective, progress/abort hooks, initial plan and pins
 * @returns the best solution found; `unassigned` explains every stop left out
 */
export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  const md = compileModel(problem, options);
  const rng = new Rng(options.seed ?? 1);
  const budget = new Budget({
    timeLimitMs: options.timeLimitMs,
    maxIterations: options.maxIterations,
    now: options.now ?? (() => performance.now()),
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const cur = new State(md);
  if (md.n === 0 || md.m === 0) return buildSolution(problem, md, cur, 0);

  const weights = costWeights(md, options.objective === 'vehicles');
  const rr = new RuinRecreate(md, cur, TUNING);
  const dirty = new Uint8Array(md.m);
  loadInitial(problem, md, cur, rr, options);
  firstSolution(md, cur, rr, rng, weights, options.seed ?? 1);
  const work = new State(md);
  const best = new State(md);
  work.copyFrom(cur);
  best.copyFrom(cur);

  const scale = nearestScale(md);
  const t0 = TUNING.tStart * scale;
  const t1 = TUNING.tEnd * scale;
  const phase = (until: number): Phase => ({ rr, rng, budget, weights, until });
  if (options.objective === 'vehicles') {
    // Serve as much as possible first, then squeeze the fleet, then polish distance.
    anneal(phase(0.1), cur, work, best, t0, t1);
    cur.copyFrom(best);
    work.copyFrom(best);
    const fleetBest = new State(md);
    fleetMin(phase(TUNING.fleetEnd), cur, work, fleetBest, best.absentPriority());
    if (totalCost(fleetBest, weights) < totalCost(best, weights)) best.copyFrom(fleetBest);
    cur.copyFrom(best);
    work.copyFrom(best);
    anneal(phase(1), cur, work, best, t0 / 4, t1);
  } else {
    if (TUNING.fleetShare > 0) {
      const fleetBest = new State(md);
      fleetMin(phase(TUNING.fleetShare), cur, work, fleetBest, best.absentPriority());
      if (totalCost(fleetBest, weights) < totalCost(best, weights)) best.copyFrom(fleetBest);
      cur.copyFrom(fleetBest);
      work.copyFrom(fleetBest);
    }
    const from = budget.fraction;
    const k = cycleCount(options);
    for (let c = 0; c < k && !budget.done; c++) {
      if (c > 0) {
        cur.copyFrom(best);
        work.copyFrom(best);
      }
      anneal(phase(from + ((1 - from) * (c + 1)) / k), cur, work, best, c === 0 ? t0 : t0 * TUNING.reheat, t1);
    }
  }
  // Last greedy pass: serve anything that still fits (lexicographically first), new routes allowed.
  rr.recreate(best, rng, dirty, weights.vehicle, true);
  budget.report(totalCost(best, weights), md.n - best.absentCount, true);
  return buildSolution(problem, md, best, budget.iterations);
}

/**
 * The better of two starts: ruin & recreate's parallel insertion in a random order (on `rng`, as
 * the search continues from it) and route-by-route construction (on its own generator, so the
 * main random stream is the same whichever start wins).
 */
function firstSolution(md: Model, cur: State, rr: RuinRecreate, rng: Rng, weights: CostWeights, seed: number): void {
  const sequential = new State(md);
  sequential.copyFrom(cur);
  const dirty = new Uint8Array(md.m);
  rr.recreate(cur, rng, dirty, weights.vehicle, true);
  const own = new Rng(seed + 0x5bd1e995);
  sequentialConstruct(sequential, rr.ins, own);
  rr.recreate(sequential, own, dirty, weights.vehicle, true);
  if (totalCost(sequential, weights) < totalCost(cur, weights)) cur.copyFrom(sequential);
}

/** Number of annealing cycles for the distance phase, from the budget the caller set. */
function cycleCount(o: SolveOptions): number {
  const byTime = o.timeLimitMs !== undefined ? o.timeLimitMs / TUNING.cycleMs : Infinity;
  const byIter = o.maxIterations !== undefined ? o.maxIterations / TUNING.cycleIterations : Infinity;
  const c = Math.min(byTime, byIter);
  return Math.max(1, Math.round(Number.isFinite(c) ? c : 2000 / TUNING.cycleMs));
}

function costWeights(md: Model, vehicles: boolean): CostWeights {
  let maxCost = 0;
  for (let i = 0; i < md.cost.length; i++) {
    const c = md.cost[i];
    if (c !== Infinity && c > maxCost) maxCost = c;
  }
  const route = Math.max(maxCost, 1) * (md.n + 2 * md.m + 1);
  let minPriority = Infinity;
  for (let u = 0; u < md.n; u++) if (md.priority[u] > 0) minPriority = Math.min(minPriority, md.priority[u]);
  // One vehicle outweighs any travel total; the smallest positive priority outweighs every vehicle.
  const vehicle = vehicles ? route * 2 : 0;
  return { vehicle, absent: (route * 4 * (md.m + 1)) / (minPriority === Infinity ? 1 : minPriority) };
}

/** Mean cost from a stop to its nearest other stop: the natural unit of a move's cost change. */
function nearestScale(md: Model): number {
  if (md.nbCount === 0) return 1;
  let s = 0;
  let k = 0;
  for (let u = 0; u < md.n; u++) {
    const c = md.cost[u * md.N + md.neighbours[u * md.nbCount]];
    if (Number.isFinite(c)) {
      s += c;
      k++;
    }
  }
  return k > 0 && s > 0 ? s / k : 1;
}

/** Applies a previous plan: stops go to their vehicle in order; misfits are left for the search. */
function loadInitial(problem: Problem, md: Model, st: State, rr: RuinRecreate, options: SolveOptions): void {
  if (!options.initial) return;
  const stopIndex = new Map(problem.stops.map((s, i) => [s.id, i]));
  const vehicleIndex = new Map(problem.vehicles.map((v, i) => [v.id, i]));
  for (const route of options.initial) {
    const r = vehicleIndex.get(route.vehicleId);
    if (r === undefined) continue;
    for (const id of route.stopIds) {
      const u = stopIndex.get(id);
      if (u === undefined || st.routeOf[u] >= 0) continue;
      // A stop that no longer fits where the manager put it is left for the search to place.
      if (rr.ins.feasibleAt(st, u, r, st.len[r])) st.insert(u, r, st.len[r]);
    }
  }
}
