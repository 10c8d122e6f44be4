/**
 * Worker-thread entry: runs `solve` on the data it was started with and posts
 * `{ type: 'progress' | 'result' | 'error' }` messages. Abort arrives through a shared Int32
 * flag because the search loop is synchronous and would never see a posted message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from './solve.js';
import { post } from '../workers/thread.js';
import type { Problem, SolveOptions } from './types.js';

export interface WorkerInput {
  problem: Problem;
  options: Omit<SolveOptions, 'onProgress' | 'signal' | 'now'>;
  abortFlag: SharedArrayBuffer;
  wantProgress: boolean;
}

const input = workerData as WorkerInput;
const flag = new Int32Array(input.abortFlag);
// solve() only reads `signal.aborted`, so a live view of the shared flag is enough.
const signal = { get aborted() { return Atomics.load(flag, 0) === 1; } } as unknown as AbortSignal;
try {
  const solution = solve(input.problem, {
    ...input.options,
    signal,
    onProgress: input.wantProgress ? (progress) => post(parentPort, { type: 'progress', progress }) : undefined,
  });
  post(parentPort, { type: 'result', result: solution });
} catch (err) {
  post(parentPort, { type: 'error', message: err instanceof Error ? err.message : String(err) });
}
