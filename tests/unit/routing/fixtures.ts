/** Small hand-made instances for the routing tests (Euclidean plane, time = distance). */
import { expect } from 'vitest';
import type { Problem, Solution, SolveOptions, Stop, Vehicle } from '../../../src/routing/types.js';
import { validateSolution } from './validate-solution.js';

/** Euclidean matrix (flat) over 2-D points; travel time = distance. */
export function planeMatrix(points: readonly (readonly [number, number])[]): Float64Array {
  const n = points.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * n + j] = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
  }
  return m;
}

/** A problem over plane points; vehicles default to start = end = location 0, shift [0, 1000]. */
export function planeProblem(
  points: readonly (readonly [number, number])[],
  stops: Stop[],
  vehicles: Partial<Vehicle>[] = [{}],
): Problem {
  const matrix = planeMatrix(points);
  return {
    locationCount: points.length,
    durations: matrix,
    distances: matrix,
    vehicles: vehicles.map((v, k) => ({
      id: `v${k + 1}`, startLocation: 0, endLocation: 0, capacity: 100, shiftStart: 0, shiftEnd: 1000, ...v,
    })),
    stops,
  };
}

/** Asserts the independent validator finds nothing, and returns the solution for chaining. */
export function expectValid(problem: Problem, sol: Solution, options: SolveOptions = {}): Solution {
  expect(validateSolution(problem, sol, { pins: options.pins })).toEqual([]);
  return sol;
}

/** Stop ids per vehicle id. */
export function assignment(sol: Solution): Record<string, string[]> {
  return Object.fromEntries(sol.routes.map((r) => [r.vehicleId, r.stops.map((s) => s.stopId)]));
}

/** Deterministic pseudo-random instance with n stops (for determinism/abort/worker tests). */
export function randomProblem(n: number, seed = 42, vehicles = 8): Problem {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const points: [number, number][] = [[50, 50]];
  const stops: Stop[] = [];
  for (let i = 1; i <= n; i++) {
    points.push([rnd() * 100, rnd() * 100]);
    const open = Math.floor(rnd() * 600);
    stops.push({ id: `s${i}`, location: i, demand: 1 + Math.floor(rnd() * 9), serviceTime: 10, timeWindows: [[open, open + 60 + rnd() * 120]] });
  }
  return planeProblem(points, stops, Array.from({ length: vehicles }, () => ({ capacity: 60, shiftEnd: 1000 })));
}
