/**
 * Runs `solve` in a worker thread (src/workers/thread.ts) so a long optimisation never blocks the
 * event loop of the process that asked for it.
 */
import type { Progress, Problem, Solution, SolveOptions } from './types.js';
import type { WorkerInput } from './solver-worker.js';
import { startThread, threadResult } from '../workers/thread.js';

/**
 * Same contract as `solve`, off the main thread. `onProgress` receives the worker's progress
 * messages; aborting `signal` makes the worker stop and resolve with its best solution so far.
 * `now` cannot cross threads: the worker uses its own `performance.now`.
 *
 * @returns a promise of the solution; rejects if the worker fails or exits early
 */
export function solveInWorker(problem: Problem, options: SolveOptions = {}): Promise<Solution> {
  const { onProgress, signal, now: _now, ...rest } = options;
  const abortFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(abortFlag);
  const input: WorkerInput = { problem, options: rest, abortFlag, wantProgress: onProgress !== undefined };
  const worker = startThread(import.meta.url, 'solver-worker', input);
  const abort = (): void => {
    Atomics.store(flag, 0, 1);
  };
  if (signal?.aborted) abort();
  signal?.addEventListener('abort', abort, { once: true });
  return threadResult<Solution, Progress>(worker, 'routing', onProgress).finally(() => signal?.removeEventListener('abort', abort));
}
