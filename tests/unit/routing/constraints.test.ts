/** Each hard constraint on a tiny instance where ignoring it would give a cheaper answer. */
import { describe, expect, it } from 'vitest';
import { solve } from '../../../src/routing/solve.js';
import { assignment, expectValid, planeProblem } from './fixtures.js';

const opts = { maxIterations: 300, seed: 1 };

describe('routing hard constraints', () => {
  it('when a time window forbids the short order, then the route takes the longer feasible order', () => {
    // Start at x=0, end at x=30. A@10 opens at 30, B@20 closes at 21: A first (30) is infeasible.
    const p = planeProblem([[0, 0], [10, 0], [20, 0], [30, 0]], [
      { id: 'A', location: 1, timeWindows: [[30, 50]] },
      { id: 'B', location: 2, timeWindows: [[0, 21]] },
    ], [{ endLocation: 3 }]);
    const sol = expectValid(p, solve(p, opts));
    expect(assignment(sol)).toEqual({ v1: ['B', 'A'] });
    expect(sol.totalDistance).toBeCloseTo(50, 9);
  });

  it('when a stop has two windows and the first is missed, then service starts in the second', () => {
    const p = planeProblem([[0, 0], [10, 0]], [
      { id: 'A', location: 1, timeWindows: [[100, 110], [0, 5]] },
    ]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.routes[0].stops[0].serviceStart).toBeGreaterThanOrEqual(100);
  });

  it('when demand exceeds one vehicle, then the stops are split over vehicles within capacity', () => {
    const p = planeProblem([[0, 0], [10, 0], [10, 1], [11, 0]], [
      { id: 'A', location: 1, demand: 5 },
      { id: 'B', location: 2, demand: 5 },
      { id: 'C', location: 3, demand: 5 },
    ], [{ capacity: 10 }, { capacity: 10 }]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toEqual([]);
    expect(sol.vehiclesUsed).toBe(2);
    for (const r of sol.routes) expect(r.load).toBeLessThanOrEqual(10);
  });

  it('when the shift ends early, then the route is back in time and the stops go to two vehicles', () => {
    // Together 0→A→B→0 takes 34.1 > 30; each alone takes 20.
    const p = planeProblem([[0, 0], [10, 0], [0, 10]], [
      { id: 'A', location: 1 },
      { id: 'B', location: 2 },
    ], [{ shiftEnd: 30 }, { shiftEnd: 30 }]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toEqual([]);
    expect(sol.vehiclesUsed).toBe(2);
    for (const r of sol.routes) expect(r.arrival).toBeLessThanOrEqual(30);
  });

  it('when waiting would break the max route duration, then the vehicle leaves late instead', () => {
    const p = planeProblem([[0, 0], [10, 0]], [
      { id: 'A', location: 1, timeWindows: [[0, 1000]] },
      { id: 'B', location: 1, timeWindows: [[500, 510]] },
    ], [{ maxRouteDuration: 30 }]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes[0].departure).toBeGreaterThanOrEqual(480);
    expect(sol.routes[0].duration).toBeLessThanOrEqual(30);
  });

  it('when two windows are far apart in time, then the max route duration splits them over two vehicles', () => {
    const p = planeProblem([[0, 0], [10, 0]], [
      { id: 'A', location: 1, timeWindows: [[0, 20]] },
      { id: 'B', location: 1, timeWindows: [[500, 510]] },
    ], [{ maxRouteDuration: 100 }, { maxRouteDuration: 100 }]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toEqual([]);
    expect(sol.vehiclesUsed).toBe(2);
  });

  it('when hot food may ride at most 15, then stops that would ride longer together get separate vehicles', () => {
    // Together, the second stop is reached at 17 or 19 after departure; alone each is ≤ 12.
    const p = planeProblem([[0, 0], [10, 0], [12, 0]], [
      { id: 'A', location: 1, serviceTime: 5, maxRideTime: 15 },
      { id: 'B', location: 2, serviceTime: 5, maxRideTime: 15 },
    ], [{}, {}]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toEqual([]);
    expect(sol.vehiclesUsed).toBe(2);
    for (const r of sol.routes) for (const s of r.stops) expect(s.rideTime).toBeLessThanOrEqual(15);
  });

  it('when waiting before a window would spoil the food, then the vehicle leaves late enough', () => {
    // Both doors open at 200. Leaving at 0 means arriving at ~10 and waiting: B would ride ≥ 200.
    const p = planeProblem([[0, 0], [10, 0], [12, 0]], [
      { id: 'A', location: 1, timeWindows: [[200, 210]] },
      { id: 'B', location: 2, timeWindows: [[200, 230]], maxRideTime: 15 },
    ]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toEqual([]);
    expect(sol.routes[0].departure).toBeGreaterThanOrEqual(185);
    for (const s of sol.routes[0].stops) expect(s.rideTime).toBeLessThanOrEqual(15);
  });

  it('when the shift starts late, then no vehicle leaves before its shift start', () => {
    const p = planeProblem([[0, 0], [10, 0]], [{ id: 'A', location: 1, timeWindows: [[0, 120]] }], [{ shiftStart: 100 }]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.routes[0].departure).toBeGreaterThanOrEqual(100);
    expect(sol.routes[0].stops[0].serviceStart).toBeGreaterThanOrEqual(110);
  });

  it('when minimising distance instead of duration, then the cheaper-distance route is chosen', () => {
    // Two orders; durations favour A→B, distances favour B→A (asymmetric matrices).
    const durations = [[0, 1, 5, 0], [1, 0, 1, 5], [5, 1, 0, 1], [0, 5, 1, 0]];
    const distances = [[0, 9, 1, 0], [9, 0, 1, 1], [1, 1, 0, 9], [0, 1, 9, 0]];
    const base = {
      locationCount: 4, durations, distances,
      vehicles: [{ id: 'v', startLocation: 0, endLocation: 3, capacity: 10 }],
      stops: [{ id: 'A', location: 1 }, { id: 'B', location: 2 }],
    };
    const byDuration = expectValid(base, solve(base, opts));
    const byDistance = expectValid(base, solve(base, { ...opts, minimise: 'distance' }));
    expect(assignment(byDuration)).toEqual({ v: ['A', 'B'] });
    expect(assignment(byDistance)).toEqual({ v: ['B', 'A'] });
  });
});
