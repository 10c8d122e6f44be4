import { anneal, type AnnealStats } from './anneal.js';
import { createRng } from './prng.js';
import { evaluateSchedule, type ShiftEvaluation } from './shift-evaluate.js';
import { ShiftMoves } from './shift-moves.js';
import type { Schedule, ShiftModel } from './shift-model.js';
import { constructSchedule } from './shift-construct.js';
import { ShiftState, type HardWeights } from './shift-state.js';

export interface ShiftSearchOptions {
  seed?: number;
  /** Deterministic budget; defaults to unlimited when a time limit is given. */
  maxIterations?: number;
  timeLimitMs?: number;
  /** Injected clock (ms); required for timeLimitMs. */
  now?: () => number;
  /** Annealing phases run one after the other (see DEFAULT_PHASES). */
  phases?: SearchPhase[];
  initial?: Schedule;
  /** Re-optimise every row once before annealing (default true). */
  descend?: boolean;
}

export interface SearchPhase {
  hardWeights: HardWeights;
  startTemperature: number;
  endTemperature: number;
  /** Share of the iteration budget. */
  share: number;
  /** Fraction of the time limit at which this phase ends (cumulative). */
  until: number;
}

/**
 * One phase with hard violations priced far above any soft term. (Tried: a first phase with
 * cheap violations to cross infeasible schedules, then a repair phase — it left violations on
 * the larger benchmark instances and no better objective.)
 */
export const DEFAULT_PHASES: SearchPhase[] = [
  { hardWeights: { unit: 5000, minute: 50 }, startTemperature: 50, endTemperature: 0.5, share: 1, until: 1 },
]

export interface ShiftSearchResult {
  schedule: Schedule;
  evaluation: ShiftEvaluation;
  search: AnnealStats;
}

/**
 * Solves a shift-assignment model: row-by-row construction, one descent sweep of row
 * re-optimisations, then simulated annealing over a weighted penalty (soft objective + heavily
 * weighted hard violations); the best schedule is evaluated exactly at the end.
 * Deterministic for a given seed and iteration budget; with a time limit the result depends
 * on machine speed, as any anytime solver's does.
 */
export function solveShiftModel(model: ShiftModel, options: ShiftSearchOptions = {}): ShiftSearchResult {
  const rng = createRng(options.seed ?? 1);
  let x = options.initial ?? constructSchedule(model, rng);
  const phases = options.phases ?? DEFAULT_PHASES;
  const started = options.now?.();
  const search: AnnealStats = { iterations: 0, accepted: 0, bestCost: 0, stoppedBy: 'iterations' };
  for (const [i, phase] of phases.entries()) {
    const state = new ShiftState(model, phase.hardWeights, x);
    const moves = new ShiftMoves(state);
    const deadline = options.timeLimitMs === undefined || started === undefined ? Number.POSITIVE_INFINITY
      : started + options.timeLimitMs * phase.until;
    const now = options.now;
    if (i === 0 && options.descend !== false) moves.descend(rng, () => now !== undefined && now() > deadline);
    const limit = options.timeLimitMs === undefined || started === undefined ? undefined
      : Math.max(0, started + options.timeLimitMs * phase.until - options.now!());
    const stats = anneal(moves, {
      rng,
      maxIterations: options.maxIterations === undefined ? undefined : Math.round(options.maxIterations * phase.share),
      timeLimitMs: limit,
      now: options.now,
      startTemperature: phase.startTemperature,
      endTemperature: phase.endTemperature,
      target: 0,
    });
    x = new Int16Array(state.x);
    search.iterations += stats.iterations;
    search.accepted += stats.accepted;
    search.bestCost = stats.bestCost;
    search.stoppedBy = stats.stoppedBy;
  }
  return { schedule: x, evaluation: evaluateSchedule(model, x), search };
}
