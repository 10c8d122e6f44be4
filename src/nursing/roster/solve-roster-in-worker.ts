/**
 * Runs the roster solver in a worker thread (src/workers/thread.ts) so a long search never blocks
 * the BullMQ worker's event loop (lock renewal, other jobs).
 */
import { defaultRosterIterations, type RosterInput, type RosterResult } from '../../roster/index.js';
import type { RosterWorkerInput } from './roster-worker.js';
import { startThread, threadResult } from '../../workers/thread.js';

/** Search budget: the solver's own default size rule, capped in wall-clock time. */
export function rosterBudget(input: RosterInput): { maxIterations: number; timeLimitMs: number } {
  const pairs = input.needs.reduce((n, need) => n + need.activeShiftIds.length, 0);
  return { maxIterations: defaultRosterIterations(pairs), timeLimitMs: 30_000 };
}

/**
 * `solveRoster` off the main thread. `onProgress` gets 0–99 while the search runs.
 * @returns the solver's result; rejects if the worker fails or exits without one
 */
export function solveRosterInWorker(input: RosterInput, opts: { seed?: number; onProgress?: (pct: number) => void } = {}): Promise<RosterResult> {
  const worker = startThread(import.meta.url, 'roster-worker', { input, options: { seed: opts.seed ?? 1, ...rosterBudget(input) } } satisfies RosterWorkerInput);
  return threadResult<RosterResult, number>(worker, 'roster', opts.onProgress);
}
