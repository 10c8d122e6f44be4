/**
 * Runs CPU-heavy pure code (the solvers) in a `node:worker_threads` Worker so the event loop of
 * the API or BullMQ worker never stalls. One way of doing it for every solver.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What a thread entry posts back: progress while it runs, then one result or one error. */
export type ThreadMessage<R, P> = { type: 'progress'; progress: P } | { type: 'result'; result: R } | { type: 'error'; message: string };

/**
 * Starts the worker module `<name>.js` next to `baseUrl` (compiled, dist/) or, when only
 * `<name>.ts` exists (tsx, vitest), a tiny bootstrap that registers tsx inside the thread first:
 * on Node 20, `execArgv: ['--import', 'tsx']` does not apply to a worker's own entry file.
 */
export function startThread(baseUrl: string, name: string, workerData: unknown): Worker {
  const js = new URL(`./${name}.js`, baseUrl);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  const ts = new URL(`./${name}.ts`, baseUrl);
  if (!existsSync(fileURLToPath(ts))) throw new Error(`${name}.js/.ts not found next to ${baseUrl}`);
  // tsx exposes its ESM API only under the import condition; resolve the file by hand.
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(ts.href)}, ${JSON.stringify(baseUrl)}));`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Resolves with the thread's result, forwarding progress; rejects on an error message, a crash,
 * or an exit without a result. `label` names the solver in error messages.
 */
export function threadResult<R, P>(worker: Worker, label: string, onProgress?: (progress: P) => void): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (msg: ThreadMessage<R, P>) => {
      if (msg.type === 'progress') onProgress?.(msg.progress);
      else if (msg.type === 'result') finish(() => resolve(msg.result));
      else finish(() => reject(new Error(`${label} worker: ${msg.message}`)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`${label} worker exited (code ${code}) without a result`))));
  });
}

/** Posts a thread message to the parent (called inside a thread entry). */
export function post<R, P>(port: { postMessage(msg: unknown): void } | null, msg: ThreadMessage<R, P>): void {
  port?.postMessage(msg);
}
