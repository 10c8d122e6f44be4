import type { Rng } from './prng.js';

/**
 * A problem the annealer can drive. Moves are applied tentatively so that their cost delta is
 * computed by the problem's own incremental bookkeeping (one code path for "what would this
 * cost" and "do it"), then kept or undone.
 */
export interface AnnealProblem {
  /** Draws and tentatively applies a random move; returns its cost delta, or null if nothing changed. */
  propose(rng: Rng): number | null;
  /** Keeps the tentative move. */
  keep(): void;
  /** Undoes the tentative move. */
  undo(): void;
  /** Re-applies the move just undone (used to snapshot the best solution lazily). */
  redo(): void;
  /** Copies the current solution as the best one. */
  saveBest(): void;
  /** Restores the saved best solution. */
  restoreBest(): void;
  /** Exact cost of the current solution (recomputed or tracked by the problem). */
  cost(): number;
}

export interface AnnealOptions {
  rng: Rng;
  /** Stop after this many proposals (the deterministic budget). */
  maxIterations?: number;
  /** Stop after this many milliseconds; honoured only with `now` (the engine never reads a clock). */
  timeLimitMs?: number;
  now?: () => number;
  startTemperature: number;
  endTemperature: number;
  /** Stop as soon as the cost reaches this value (e.g. a known lower bound). */
  target?: number;
}

export interface AnnealStats {
  iterations: number;
  accepted: number;
  bestCost: number;
  stoppedBy: 'iterations' | 'time' | 'target';
}

/**
 * Simulated annealing with geometric cooling over the budget (iterations or time, whichever runs
 * out first). The best solution is saved lazily — only when the search is about to leave it —
 * because copying large schedules on every small improvement would dominate the run time.
 */
export function anneal(problem: AnnealProblem, options: AnnealOptions): AnnealStats {
  const { rng, now } = options;
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const timeLimit = now && options.timeLimitMs !== undefined ? options.timeLimitMs : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(maxIterations) && !Number.isFinite(timeLimit)) {
    throw new RangeError('anneal needs maxIterations or (timeLimitMs and now)');
  }
  const started = now ? now() : 0;
  const t0 = options.startTemperature;
  const ratio = options.endTemperature / t0;
  const target = options.target ?? Number.NEGATIVE_INFINITY;

  let cost = problem.cost();
  let bestCost = cost;
  let bestIsCurrent = true; // current solution equals the best and no snapshot has been taken
  let temperature = t0;
  let iterations = 0;
  let accepted = 0;
  let stoppedBy: AnnealStats['stoppedBy'] = 'iterations';

  for (;;) {
    if ((iterations & 255) === 0) {
      // Progress is re-read every 256 moves: cheap enough, fine-grained enough for the clock.
      const byIter = iterations / maxIterations;
      const byTime = now && Number.isFinite(timeLimit) ? (now() - started) / timeLimit : 0;
      const progress = Math.max(byIter, byTime);
      if (progress >= 1) {
        stoppedBy = byTime >= 1 && byTime >= byIter ? 'time' : 'iterations';
        break;
      }
      temperature = t0 * Math.pow(ratio, progress);
    }
    if (bestCost <= target) {
      stoppedBy = 'target';
      break;
    }
    iterations++;
    const delta = problem.propose(rng);
    if (delta === null) continue;
    if (delta <= 0 || rng.next() < Math.exp(-delta / temperature)) {
      if (delta > 0 && bestIsCurrent) {
        problem.undo();
        problem.saveBest();
        problem.redo();
        bestIsCurrent = false;
      }
      problem.keep();
      accepted++;
      cost += delta;
      if (cost < bestCost - 1e-9) {
        bestCost = cost;
        bestIsCurrent = true;
      }
    } else {
      problem.undo();
    }
  }
  if (!bestIsCurrent && cost > bestCost + 1e-9) problem.restoreBest();
  return { iterations, accepted, bestCost: problem.cost(), stoppedBy };
}
