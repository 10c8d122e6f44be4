/**
 * Runs the routing solver on a worker thread.
 *
 * From compiled JavaScript (dist/) this is the routing module's `solveInWorker`. When the code
 * runs as TypeScript (tsx: tests, `npm run demo`), `solveInWorker` starts its .ts worker with
 * `execArgv: ['--import', tsx]`, which Node 20 does not apply to worker threads ("Unknown file
 * extension .ts"); so here the worker is started from a tiny JavaScript bootstrap that registers
 * tsx's ESM hooks first and then imports the routing module's own worker entry, speaking the
 * same message protocol. Remove this file once solveInWorker handles that case itself.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { solveInWorker } from '../routing/index.js';
import type { Progress, Problem, Solution, SolveOptions } from '../routing/index.js';
import type { WorkerInput } from '../routing/solver-worker.js';

const compiledWorker = new URL('../routing/solver-worker.js', import.meta.url);
const sourceWorker = new URL('../routing/solver-worker.ts', import.meta.url);

type Message = { type: 'progress'; progress: Progress } | { type: 'result'; solution: Solution } | { type: 'error'; message: string };

function tsxApiUrl(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(path.join(path.dirname(pkg), 'dist/esm/api/index.mjs')).href;
}

function solveInTsWorker(problem: Problem, options: SolveOptions): Promise<Solution> {
  const { onProgress, signal: _signal, now: _now, ...rest } = options;
  const input: WorkerInput = { problem, options: rest, abortFlag: new SharedArrayBuffer(4), wantProgress: onProgress !== undefined };
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(sourceWorker.href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: input });
  return new Promise<Solution>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    worker.on('message', (msg: Message) => {
      if (msg.type === 'progress') onProgress?.(msg.progress);
      else if (msg.type === 'result') finish(() => resolve(msg.solution));
      else finish(() => reject(new Error(`routing worker: ${msg.message}`)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`routing worker exited (code ${code}) without a result`))));
  });
}

/** Same contract as the routing module's `solveInWorker` (the event loop stays free). */
export function solveOffThread(problem: Problem, options: SolveOptions): Promise<Solution> {
  if (existsSync(fileURLToPath(compiledWorker)) || !existsSync(fileURLToPath(sourceWorker))) return solveInWorker(problem, options);
  return solveInTsWorker(problem, options);
}
