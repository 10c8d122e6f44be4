/**
 * Search budget: iterations, wall-clock limit and abort. The clock is read ONLY here and only
 * decides when to stop (and the annealing schedule position when the run is time-bound).
 */
import type { Progress } from './types.js';

export interface BudgetOptions {
  timeLimitMs?: number;
  maxIterations?: number;
  now: () => number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export class Budget {
  iterations = 0;
  /** Global fraction of the budget used, 0..1, refreshed by `tick()`. */
  fraction = 0;
  private readonly t0: number;
  private readonly timeLimit: number;
  private readonly maxIter: number;
  private lastReport = -1;
  private bestReported = Infinity;
  private bestServed = 0;
  private stopped = false;

  constructor(private readonly o: BudgetOptions) {
    this.t0 = o.now();
    this.maxIter = o.maxIterations ?? Infinity;
    this.timeLimit = o.timeLimitMs ?? (o.maxIterations === undefined ? 2000 : Infinity);
  }

  /** Counts one iteration; returns false once the budget is spent or the signal aborted. */
  tick(): boolean {
    if (this.stopped) return false;
    this.iterations++;
    const byIter = this.iterations / this.maxIter;
    const byTime = this.timeLimit === Infinity ? 0 : (this.o.now() - this.t0) / this.timeLimit;
    this.fraction = Math.min(1, Math.max(byIter, byTime));
    if (this.fraction >= 1 || this.o.signal?.aborted) this.stopped = true;
    return !this.stopped;
  }

  /** True once the run must end (no more phases should start). */
  get done(): boolean {
    return this.stopped || this.o.signal?.aborted === true;
  }

  /** Reports progress at most every 1 % of the budget (and always when `force`). */
  report(bestCost: number, served: number, force = false): void {
    const cb = this.o.onProgress;
    if (!cb) return;
    // Phases track their own best; the overall best never gets worse.
    if (bestCost < this.bestReported) {
      this.bestReported = bestCost;
      this.bestServed = served;
    }
    const step = Math.floor(this.fraction * 100);
    if (!force && step <= this.lastReport) return;
    this.lastReport = step;
    cb({ fraction: this.fraction, bestCost: this.bestReported, served: this.bestServed });
  }
}
