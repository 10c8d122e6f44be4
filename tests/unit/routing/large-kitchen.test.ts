/**
 * A county kitchen: 900 doors in 40 villages within ~8 km, one 75-minute lunch window, 3 minutes
 * per door, 90-minute hot-food limit, 48 vans of 30 boxes. Plane coordinates in metres, driven at
 * 30 km/h × 1.3 road factor. About 38 vans suffice when each stays in a few villages; a start that
 * spreads its first stops over every van runs out of vans with hundreds of doors unserved.
 */
import { describe, expect, it } from 'vitest';
import { solve } from '../../../src/routing/solve.js';
import type { Stop } from '../../../src/routing/types.js';
import { expectValid, planeProblem } from './fixtures.js';

function countyKitchen(doors: number, vans: number) {
  let s = 7;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const villages = Array.from({ length: 40 }, () => [(rnd() - 0.5) * 16_000, (rnd() - 0.5) * 16_000] as const);
  const points: [number, number][] = [[0, 0]];
  const stops: Stop[] = [];
  for (let i = 0; i < doors; i++) {
    const v = villages[i % villages.length];
    points.push([v[0] + (rnd() - 0.5) * 400, v[1] + (rnd() - 0.5) * 400]);
    // Seconds after the food is ready (10:15): window 10:45–12:00, at most 90 min in the van.
    stops.push({ id: `d${i}`, location: i + 1, demand: 1, serviceTime: 180, timeWindows: [[1800, 6300]], maxRideTime: 5400 });
  }
  const problem = planeProblem(points, stops, Array.from({ length: vans }, () => ({ capacity: 30, shiftStart: 0, shiftEnd: 11_700 })));
  const toSeconds = 1.3 / (30 / 3.6); // metres → seconds on the road
  problem.durations = (problem.durations as Float64Array).map((d) => d * toSeconds);
  return problem;
}

describe('route optimiser on a county kitchen', () => {
  it('when 900 clustered doors are planned with a short budget, then every door is served and vans are spared', () => {
    const problem = countyKitchen(900, 48);
    const sol = expectValid(problem, solve(problem, { seed: 1, maxIterations: 300, objective: 'vehicles' }));
    expect(sol.unassigned).toEqual([]);
    expect(sol.vehiclesUsed).toBeLessThan(48);
  });
});
