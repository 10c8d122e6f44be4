/** Pins, re-planning from a manager's plan, and several kitchens (multi-depot). */
import { describe, expect, it } from 'vitest';
import { solve } from '../../../src/routing/solve.js';
import { assignment, expectValid, planeProblem, randomProblem } from './fixtures.js';

describe('routing pins and re-planning', () => {
  it('when two close stops are pinned to different vehicles, then each rides its pinned vehicle', () => {
    const p = planeProblem([[0, 0], [10, 0], [10, 1]], [
      { id: 'a', location: 1, pinnedVehicleId: 'v2' },
      { id: 'b', location: 2 },
    ], [{}, {}]);
    const opts = { maxIterations: 300, seed: 1, pins: { b: 'v1' } };
    const sol = expectValid(p, solve(p, opts), opts);
    expect(assignment(sol)).toEqual({ v1: ['b'], v2: ['a'] });
  });

  it('when re-planning with an initial plan and a tiny budget, then the manager\'s assignment is kept and the new stop added', () => {
    const base = randomProblem(20, 7, 4);
    const first = solve(base, { maxIterations: 2000, seed: 1 });
    expectValid(base, first);
    const initial = first.routes.map((r) => ({ vehicleId: r.vehicleId, stopIds: r.stops.map((s) => s.stopId) }));
    const extra = { id: 'new', location: 1, demand: 1, serviceTime: 5 };
    const next = { ...base, stops: [...base.stops, extra] };
    const sol = expectValid(next, solve(next, { maxIterations: 1, seed: 1, initial }));
    const after = assignment(sol);
    for (const r of initial) expect((after[r.vehicleId] ?? []).filter((id) => id !== 'new')).toEqual(r.stopIds);
    expect(sol.unassigned.map((u) => u.stopId)).not.toContain('new');
  });

  it('when the initial plan puts a pinned stop on another vehicle, then the pin wins', () => {
    const p = planeProblem([[0, 0], [10, 0], [12, 0]], [
      { id: 'a', location: 1 },
      { id: 'b', location: 2 },
    ], [{}, {}]);
    const opts = { maxIterations: 50, seed: 2, pins: { b: 'v2' }, initial: [{ vehicleId: 'v1', stopIds: ['a', 'b'] }] };
    const sol = expectValid(p, solve(p, opts), opts);
    expect(assignment(sol).v2).toContain('b');
    expect(assignment(sol).v1 ?? []).not.toContain('b');
  });

  it('when the initial plan breaks a window, then the plan is repaired into a valid solution', () => {
    const p = planeProblem([[0, 0], [10, 0], [20, 0]], [
      { id: 'a', location: 1, timeWindows: [[0, 100]] },
      { id: 'b', location: 2, timeWindows: [[0, 20]] },
    ]);
    const sol = expectValid(p, solve(p, { maxIterations: 50, initial: [{ vehicleId: 'v1', stopIds: ['a', 'b', 'ghost'] }] }));
    expect(sol.unassigned).toEqual([]);
  });

  it('when there are two kitchens, then each stop is served from the kitchen next to it', () => {
    const p = planeProblem([[0, 0], [100, 0], [2, 1], [3, -1], [98, 1], [97, -1]], [
      { id: 'w1', location: 2 }, { id: 'w2', location: 3 }, { id: 'e1', location: 4 }, { id: 'e2', location: 5 },
    ], [{ id: 'west' }, { id: 'east', startLocation: 1, endLocation: 1 }]);
    const sol = expectValid(p, solve(p, { maxIterations: 300 }));
    const a = assignment(sol);
    expect([...a.west].sort()).toEqual(['w1', 'w2']);
    expect([...a.east].sort()).toEqual(['e1', 'e2']);
  });

  it('when a vehicle ends at another kitchen than it starts, then the route ends there', () => {
    const p = planeProblem([[0, 0], [100, 0], [50, 0]], [{ id: 'mid', location: 2 }], [{ endLocation: 1 }]);
    const sol = expectValid(p, solve(p, { maxIterations: 20 }));
    expect(sol.totalDistance).toBeCloseTo(100, 9);
  });
});
