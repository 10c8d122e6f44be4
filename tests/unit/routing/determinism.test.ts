/** Reproducibility (seeded PRNG, iteration budgets), the injected clock, progress and abort. */
import { describe, expect, it } from 'vitest';
import { solve } from '../../../src/routing/solve.js';
import type { Progress } from '../../../src/routing/types.js';
import { expectValid, randomProblem } from './fixtures.js';

const problem = randomProblem(60, 11, 10);

describe('routing determinism and control', () => {
  it('when solved twice with the same seed and iteration budget, then the JSON is identical', () => {
    const a = solve(problem, { seed: 7, maxIterations: 3000 });
    const b = solve(problem, { seed: 7, maxIterations: 3000 });
    expectValid(problem, a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('when solved with different seeds, then the searches differ', () => {
    const runs = [1, 2, 3, 4].map((seed) => JSON.stringify(solve(problem, { seed, maxIterations: 400 })));
    expect(new Set(runs).size).toBeGreaterThan(1);
  });

  it('when the injected clock passes the time limit, then the search stops there', () => {
    let t = 0;
    const sol = solve(problem, { timeLimitMs: 1000, now: () => (t += 10), seed: 1 });
    expectValid(problem, sol);
    // One clock read at start, then one per iteration: 10 ms each ⇒ about 100 iterations.
    expect(sol.iterations).toBeGreaterThanOrEqual(95);
    expect(sol.iterations).toBeLessThanOrEqual(101);
  });

  it('when progress is reported, then fractions rise within 0..1 and best cost never worsens', () => {
    const seen: Progress[] = [];
    solve(problem, { seed: 1, maxIterations: 2000, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.length).toBeLessThanOrEqual(102);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
      expect(seen[i].bestCost).toBeLessThanOrEqual(seen[i - 1].bestCost + 1e-9);
    }
    expect(seen.at(-1)!.fraction).toBe(1);
  });

  it('when the signal aborts mid-run, then solve returns the best solution so far at once', () => {
    const ctrl = new AbortController();
    const sol = solve(problem, {
      seed: 1,
      maxIterations: 1_000_000,
      signal: ctrl.signal,
      onProgress: (p) => { if (p.fraction > 0) ctrl.abort(); },
    });
    expectValid(problem, sol);
    expect(sol.iterations).toBeLessThan(1_000_000 / 50);
    expect(sol.unassigned.length).toBeLessThan(problem.stops.length);
  });

  it('when the signal is already aborted, then a valid greedy plan comes back', () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const sol = solve(problem, { seed: 1, maxIterations: 1_000_000, signal: ctrl.signal });
    expectValid(problem, sol);
    expect(sol.iterations).toBeLessThanOrEqual(1);
    expect(sol.routes.length).toBeGreaterThan(0);
  });

  it('when the objective is vehicles, then no more vehicles are used than with distance', () => {
    const byDistance = solve(problem, { seed: 1, maxIterations: 4000 });
    const byVehicles = solve(problem, { seed: 1, maxIterations: 4000, objective: 'vehicles' });
    expectValid(problem, byVehicles);
    expect(byVehicles.servedPriority).toBe(byDistance.servedPriority);
    expect(byVehicles.vehiclesUsed).toBeLessThanOrEqual(byDistance.vehiclesUsed);
  });
});
