import { anneal } from './engine/anneal.js';
import { createRng } from './engine/prng.js';
import { construct } from './nursing/construct.js';
import { RosterMoves } from './nursing/improve.js';
import { buildProblem } from './nursing/problem.js';
import { assignments, statsAndObjective, uncoveredGroups } from './nursing/report.js';
import { RosterState } from './nursing/state.js';
import type { RosterInput, RosterOptions, RosterResult } from './types.js';

/**
 * Default search budget in moves for a roster of `pairs` (shift, booking) pairs. Measured with
 * `npm run bench:nursing-roster` (2026-12-02): continuity keeps improving up to a few thousand moves
 * per pair (4 wards × 14 days: 80 % at 1 M moves, 83.5 % at 4 M), and 12 M moves — the cap, reached
 * from 8 wards × 4 weeks — take about 16 s, well inside the job's 30 s.
 */
export function defaultRosterIterations(pairs: number): number {
  return Math.min(12_000_000, 100_000 + 2_000 * pairs);
}

/**
 * Assigns care aides to inpatients' bookings shift by shift (免陪照护).
 *
 * Pure: no I/O and no clock — `options.now` (if given) only enforces `options.timeLimitMs`;
 * randomness comes from `options.seed` (default 1), so equal input + seed + iteration budget
 * gives an equal roster. Greedy construction, then simulated annealing over relocate / swap /
 * replace / merge moves; every hard rule is checked by the one feasibility module.
 *
 * @throws RangeError on inconsistent input (unknown shift ids, bad instants, unknown time zone).
 */
export function solveRoster(input: RosterInput, options: RosterOptions = {}): RosterResult {
  const problem = buildProblem(input, options.weights);
  const state = new RosterState(problem);
  construct(problem, state);
  const moves = new RosterMoves(problem, state);
  const maxIterations = options.maxIterations ?? defaultRosterIterations(problem.pairs.length);
  const search = problem.pairs.length === 0 || maxIterations === 0 ? { iterations: 0 } : anneal(moves, {
    rng: createRng(options.seed ?? 1),
    maxIterations,
    timeLimitMs: options.timeLimitMs,
    now: options.now,
    // The greedy start is already good: a cool start (≈ a tenth of one aide on duty) keeps the
    // search near it; hotter starts wandered off and rarely came back below it.
    startTemperature: 10,
    endTemperature: 0.5,
  });
  const { stats, objective } = statsAndObjective(problem, state, search.iterations);
  return { assignments: assignments(problem, state), uncovered: uncoveredGroups(problem, state), stats, objective };
}
