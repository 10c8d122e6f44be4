/**
 * Runs `solve` in a `node:worker_threads` Worker so a long optimisation never blocks the event
 * loop of the API process. Works from compiled JavaScript (dist/) and from TypeScript under
 * tsx/vitest: whichever of solver-worker.js / solver-worker.ts sits next to this module is used,
 * the .ts one with the tsx loader.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Progress, Problem, Solution, SolveOptions } from './types.js';
import type { WorkerInput } from './solver-worker.js';

function workerEntry(): { url: URL; execArgv?: string[] } {
  const js = new URL('./solver-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js };
  const ts = new URL('./solver-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(ts))) throw new Error('solver-worker.js/.ts not found next to solve-in-worker');
  let loader = 'tsx';
  try {
    loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    // Fall back to resolving "tsx" from the working directory.
  }
  return { url: ts, execArgv: ['--import', loader] };
}

type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; solution: Solution }
  | { type: 'error'; message: string };

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
  const entry = workerEntry();
  const input: WorkerInput = { problem, options: rest, abortFlag, wantProgress: onProgress !== undefined };
  const worker = new Worker(entry.url, { workerData: input, execArgv: entry.execArgv });
  const abort = (): void => {
    Atomics.store(flag, 0, 1);
  };
  if (signal?.aborted) abort();
  signal?.addEventListener('abort', abort, { once: true });
  return new Promise<Solution>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      fn();
    };
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'progress') onProgress?.(msg.progress);
      else if (msg.type === 'result') finish(() => resolve(msg.solution));
      else finish(() => reject(new Error(`routing worker: ${msg.message}`)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`routing worker exited (code ${code}) without a result`))));
  });
}
