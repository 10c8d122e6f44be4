/**
 * Runs the roster solver in a `node:worker_threads` Worker so a long search never blocks the
 * BullMQ worker's event loop (lock renewal, other jobs). Works compiled (roster-worker.js next to
 * this module) and under tsx/vitest (roster-worker.ts through tsx) — like src/routing/solve-in-worker.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RosterInput, RosterResult } from '../roster/index.js';
import type { RosterWorkerInput } from './roster-worker.js';

/** URL of tsx's ESM API (`tsx/esm/api`, import condition), found through its package.json. */
function tsxApiUrl(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(pkgPath), pkg.exports['./esm/api'].import.default)).href;
}

/**
 * The worker to start: compiled roster-worker.js when it exists; otherwise roster-worker.ts
 * loaded through tsx's `tsImport` from a tiny bootstrap. (On Node 20, `execArgv: ['--import',
 * 'tsx']` does not apply the loader to a worker's own entry file: "Unknown file extension .ts".)
 */
function startWorker(workerData: RosterWorkerInput): Worker {
  const js = new URL('./roster-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  const ts = new URL('./roster-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(ts))) throw new Error('roster-worker.js/.ts not found next to solve-roster-in-worker');
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((m) => m.tsImport(${JSON.stringify(ts.href)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(bootstrap, { eval: true, workerData });
}

type Message = { type: 'progress'; pct: number } | { type: 'result'; result: RosterResult } | { type: 'error'; message: string };

/** Search budget: the solver's own default size rule, capped in wall-clock time. */
export function rosterBudget(input: RosterInput): { maxIterations: number; timeLimitMs: number } {
  const pairs = input.needs.reduce((n, need) => n + need.activeShiftIds.length, 0);
  return { maxIterations: Math.min(400_000, 20_000 + 60 * pairs), timeLimitMs: 30_000 };
}

/**
 * `solveRoster` off the main thread. `onProgress` gets 0–99 while the search runs.
 * @returns the solver's result; rejects if the worker fails or exits without one
 */
export function solveRosterInWorker(input: RosterInput, opts: { seed?: number; onProgress?: (pct: number) => void } = {}): Promise<RosterResult> {
  const worker = startWorker({ input, options: { seed: opts.seed ?? 1, ...rosterBudget(input) } });
  return new Promise<RosterResult>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (msg: Message) => {
      if (msg.type === 'progress') opts.onProgress?.(msg.pct);
      else if (msg.type === 'result') finish(() => resolve(msg.result));
      else finish(() => reject(new Error(`roster worker: ${msg.message}`)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`roster worker exited (code ${code}) without a result`))));
  });
}
