/** The worker-thread runner (TypeScript worker loaded through tsx under vitest). */
import { describe, expect, it } from 'vitest';
import { solveInWorker } from '../../../src/routing/solve-in-worker.js';
import { solve } from '../../../src/routing/solve.js';
import type { Progress } from '../../../src/routing/types.js';
import { expectValid, randomProblem } from './fixtures.js';

const problem = randomProblem(40, 5, 8);

describe('routing worker thread', () => {
  it('when solved in a worker with an iteration budget, then the result equals the in-thread solve and progress arrives', async () => {
    const seen: Progress[] = [];
    const sol = await solveInWorker(problem, { seed: 3, maxIterations: 1500, onProgress: (p) => seen.push(p) });
    expectValid(problem, sol);
    expect(JSON.stringify(sol)).toBe(JSON.stringify(solve(problem, { seed: 3, maxIterations: 1500 })));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)!.fraction).toBe(1);
  }, 30_000);

  it('when the signal aborts, then the worker stops early and returns its best plan', async () => {
    const ctrl = new AbortController();
    const t0 = Date.now();
    const pending = solveInWorker(problem, { seed: 1, timeLimitMs: 60_000, signal: ctrl.signal, onProgress: () => ctrl.abort() });
    const sol = await pending;
    expectValid(problem, sol);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(sol.routes.length).toBeGreaterThan(0);
  }, 30_000);

  it('when the problem is malformed, then the promise rejects with the solver error', async () => {
    const bad = { ...problem, stops: [{ id: 'x', location: 999 }] };
    await expect(solveInWorker(bad, { maxIterations: 10 })).rejects.toThrow(/out of range/);
  }, 30_000);
});
