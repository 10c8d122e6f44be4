/**
 * How long the event loop stalls while the route optimiser runs: in its worker thread (how the
 * service runs it, src/routing/solve-in-worker.ts) against the same solve on the main thread and
 * against an idle loop, all measured in this run with perf_hooks' event-loop delay histogram.
 *   npm run bench:event-loop -- [--instance R101] [--time-limit S] [--seed N]
 * A busy loop is what the API (and BullMQ's lock renewal) would feel: every request waits that long.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { solomonProblem } from '../src/routing/solomon.js';
import { solve } from '../src/routing/solve.js';
import { solveInWorker } from '../src/routing/solve-in-worker.js';
import { benchmarksDir } from './lib/benchmarks.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const instance = arg('--instance', 'R101');
const timeLimitMs = Number(arg('--time-limit', '3')) * 1000;
const seed = Number(arg('--seed', '1'));
const problem = solomonProblem(readFileSync(path.join(benchmarksDir('solomon'), `${instance}.txt`), 'utf8'));

interface Row { mode: string; seconds: number; p50: number; p99: number; max: number; distance: number | null }

/** Runs `work` while sampling the loop every millisecond; delays in ms. */
async function measure(mode: string, work: () => Promise<number | null>): Promise<Row> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  const distance = await work();
  const seconds = (performance.now() - t0) / 1000;
  // Let the sampling timer fire once more: a stall is recorded when the loop gets back to it.
  await sleep(5);
  h.disable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return { mode, seconds, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), distance };
}

const rows: Row[] = [];
rows.push(await measure('idle (reference)', async () => {
  await sleep(timeLimitMs);
  return null;
}));
rows.push(await measure('worker thread (service)', async () => (await solveInWorker(problem, { seed, timeLimitMs })).totalDistance));
rows.push(await measure('main thread', async () => {
  // One tick so the histogram has a sample before the loop is blocked for the whole solve.
  await sleep(5);
  return solve(problem, { seed, timeLimitMs }).totalDistance;
}));

console.log(`event-loop delay while solving ${instance} (${problem.stops.length} stops, ${timeLimitMs / 1000} s, seed ${seed})`);
console.log(['mode', 'seconds', 'delay p50 ms', 'delay p99 ms', 'delay max ms', 'distance'].join('\t'));
for (const r of rows) {
  console.log([r.mode, r.seconds.toFixed(2), r.p50, r.p99, r.max, r.distance?.toFixed(2) ?? '—'].join('\t'));
}
const idle = rows[0];
const worker = rows[1];
console.log(`worker-thread max stall ${worker.max} ms = ${(worker.max / Math.max(idle.max, 0.01)).toFixed(1)}× the idle loop's max (${idle.max} ms); main-thread max ${rows[2].max} ms`);
