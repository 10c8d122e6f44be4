/** The independent validator must catch broken solutions, or the other tests prove nothing. */
import { describe, expect, it } from 'vitest';
import { solve } from '../../../src/routing/solve.js';
import type { Solution } from '../../../src/routing/types.js';
import { planeProblem } from './fixtures.js';
import { validateSolution } from './validate-solution.js';

const problem = planeProblem([[0, 0], [10, 0], [10, 10], [0, 10]], [
  { id: 'a', location: 1, demand: 4, serviceTime: 2, timeWindows: [[0, 100]], maxRideTime: 50 },
  { id: 'b', location: 2, demand: 4, serviceTime: 2, timeWindows: [[0, 100]], pinnedVehicleId: 'v1' },
  { id: 'c', location: 3, demand: 4, serviceTime: 2, timeWindows: [[0, 100]] },
], [{ capacity: 12, maxRouteDuration: 200 }, { capacity: 12 }]);
const good = solve(problem, { maxIterations: 100 });
const tamper = (f: (s: Solution) => void): string[] => {
  const s = structuredClone(good);
  f(s);
  return validateSolution(problem, s);
};

describe('validateSolution', () => {
  it('when the solver output is untouched, then there are no errors', () => {
    expect(good.routes).toHaveLength(1);
    expect(validateSolution(problem, good)).toEqual([]);
  });

  it('when a service starts outside its window, then it is reported', () => {
    expect(tamper((s) => { s.routes[0].stops[0].serviceStart += 500; })).toEqual(expect.arrayContaining([expect.stringMatching(/outside windows/)]));
  });

  it('when a stop is visited twice, then it is reported', () => {
    expect(tamper((s) => { s.routes[0].stops.push(s.routes[0].stops[0]); })).toEqual(expect.arrayContaining([expect.stringMatching(/visited twice/)]));
  });

  it('when a stop disappears, then it is reported as neither routed nor unassigned', () => {
    expect(tamper((s) => { s.routes[0].stops.pop(); })).toEqual(expect.arrayContaining([expect.stringMatching(/neither routed nor unassigned/)]));
  });

  it('when the load exceeds capacity, then it is reported', () => {
    const tight = { ...problem, vehicles: problem.vehicles.map((v) => ({ ...v, capacity: 8 })) };
    expect(validateSolution(tight, good)).toEqual(expect.arrayContaining([expect.stringMatching(/capacity/)]));
  });

  it('when the shift end, route duration or ride limit is tighter than the plan, then each is reported', () => {
    const tight = {
      ...problem,
      vehicles: problem.vehicles.map((v) => ({ ...v, shiftEnd: 10, maxRouteDuration: 5 })),
      stops: problem.stops.map((s) => ({ ...s, maxRideTime: 1 })),
    };
    const errors = validateSolution(tight, good);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/after shift end/), expect.stringMatching(/duration .* > max/), expect.stringMatching(/ride .* >/),
    ]));
  });

  it('when a pinned stop rides another vehicle, then it is reported', () => {
    expect(tamper((s) => { s.routes[0].vehicleId = 'v2'; })).toEqual(expect.arrayContaining([expect.stringMatching(/pinned to v1/)]));
  });

  it('when a total is wrong, then it is reported', () => {
    expect(tamper((s) => { s.totalDistance += 1; })).toEqual(expect.arrayContaining([expect.stringMatching(/totalDistance/)]));
  });
});
