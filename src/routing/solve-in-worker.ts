/**
 * Runs `solve` in a `node:worker_threads` Worker so a long optimisation never blocks the event
 * loop of the API process. Works from compiled JavaScript (dist/) and from TypeScript under
 * tsx/vitest: whichever of solver-worker.js / solver-worker.ts sits next to this module is used,
 * the .ts one with the tsx loader.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Progress, Problem, Solution, SolveOptions } from './types.js';
import type { WorkerInput } from './solver-worker.js';

/**
 * How to start the worker. Compiled: the .js file directly. TypeScript (tsx/vitest): Node 20 does
 * not apply `--import` loaders given in a Worker's execArgv, so a tiny CommonJS bootstrap
 * registers tsx's ESM hooks inside the worker and then imports the .ts entry.
 */
function workerEntry(): { script: URL | string; eval: boolean } {
  const js = new URL('./solver-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { script: js, eval: false };
  const ts = new URL('./solver-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(ts))) throw new Error('solver-worker.js/.ts not found next to solve-in-worker');
  // The ESM build of tsx's API (its package "exports" only expose it under the import condition).
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); });`;
  return { script: boot, eval: true };
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
  const worker = new Worker(entry.script, { workerData: input, eval: entry.eval });
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
