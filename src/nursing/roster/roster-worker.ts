/**
 * Worker-thread entry of the roster solver: runs `solveRoster` on the data it was started with and
 * posts `{ type: 'progress' | 'result' | 'error' }` messages. The solver has no progress callback,
 * so progress is read from its clock hook: the annealer calls `now()` every 256 moves.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solveRoster } from '../../roster/index.js';
import { post } from '../../workers/thread.js';
import type { RosterInput, RosterOptions } from '../../roster/index.js';

export interface RosterWorkerInput {
  input: RosterInput;
  options: Omit<RosterOptions, 'now'> & { maxIterations: number; timeLimitMs: number };
}

const { input, options } = workerData as RosterWorkerInput;
const started = performance.now();
let calls = 0;
let lastPct = -1;
const now = (): number => {
  const t = performance.now();
  calls++;
  const pct = Math.min(99, Math.floor(100 * Math.max((calls * 256) / options.maxIterations, (t - started) / options.timeLimitMs)));
  if (pct >= lastPct + 2) {
    lastPct = pct;
    post(parentPort, { type: 'progress', progress: pct });
  }
  return t;
};
try {
  const result = solveRoster(input, { ...options, now });
  post(parentPort, { type: 'result', result });
} catch (err) {
  post(parentPort, { type: 'error', message: err instanceof Error ? err.message : String(err) });
}
