/** Reasons given for stops that cannot be served, and the priority order when not all fit. */
import { describe, expect, it } from 'vitest';
import { solve } from '../../../src/routing/solve.js';
import { expectValid, planeProblem } from './fixtures.js';

const opts = { maxIterations: 200, seed: 3 };
const reasonOf = (sol: ReturnType<typeof solve>, id: string): string | undefined =>
  sol.unassigned.find((u) => u.stopId === id)?.reason;

describe('routing unassigned stops', () => {
  it('when demand exceeds every capacity, then the reason is capacity', () => {
    const p = planeProblem([[0, 0], [5, 0], [6, 0]], [
      { id: 'big', location: 1, demand: 20 },
      { id: 'ok', location: 2, demand: 5 },
    ], [{ capacity: 10 }, { capacity: 12 }]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toEqual([{ stopId: 'big', reason: 'capacity', fitsAlone: false }]);
  });

  it('when the window closes before any vehicle can get there, then the reason is time_window', () => {
    const p = planeProblem([[0, 0], [10, 0]], [{ id: 'early', location: 1, timeWindows: [[0, 5]] }]);
    expect(reasonOf(expectValid(p, solve(p, opts)), 'early')).toBe('time_window');
  });

  it('when the stop can be reached but not left in time to get back, then the reason is shift', () => {
    const p = planeProblem([[0, 0], [10, 0]], [{ id: 'late', location: 1, timeWindows: [[90, 95]], serviceTime: 5 }], [{ shiftEnd: 100 }]);
    expect(reasonOf(expectValid(p, solve(p, opts)), 'late')).toBe('shift');
  });

  it('when even the direct drive is longer than the ride limit, then the reason is ride_time', () => {
    const p = planeProblem([[0, 0], [20, 0]], [{ id: 'far', location: 1, maxRideTime: 15 }]);
    expect(reasonOf(expectValid(p, solve(p, opts)), 'far')).toBe('ride_time');
  });

  it('when pinned to a vehicle that is not in the fleet, then the reason is pinned_vehicle_unavailable', () => {
    const p = planeProblem([[0, 0], [5, 0]], [{ id: 'pinned', location: 1, pinnedVehicleId: 'ghost' }]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toEqual([{ stopId: 'pinned', reason: 'pinned_vehicle_unavailable', fitsAlone: false }]);
  });

  it('when the fleet is empty, then every stop is unassigned with no_vehicle', () => {
    const p = planeProblem([[0, 0], [5, 0]], [{ id: 'a', location: 1 }], []);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toEqual([{ stopId: 'a', reason: 'no_vehicle', fitsAlone: false }]);
  });

  it('when each stop fits alone but the only vehicle is full, then the left-out stop gets capacity', () => {
    const p = planeProblem([[0, 0], [5, 0], [6, 0]], [
      { id: 'a', location: 1, demand: 6 },
      { id: 'b', location: 2, demand: 6 },
    ], [{ capacity: 10 }]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toHaveLength(1);
    expect(sol.unassigned[0].reason).toBe('capacity');
  });

  it('when two stops need the only vehicle at the same time far apart, then the left-out one gets time_window', () => {
    const p = planeProblem([[0, 0], [50, 0], [-50, 0]], [
      { id: 'east', location: 1, timeWindows: [[50, 55]] },
      { id: 'west', location: 2, timeWindows: [[50, 55]] },
    ]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.unassigned).toHaveLength(1);
    expect(sol.unassigned[0].reason).toBe('time_window');
  });

  it('when not every stop fits, then the higher-priority stop is served', () => {
    const p = planeProblem([[0, 0], [5, 0], [50, 0]], [
      { id: 'near-low', location: 1, demand: 6, priority: 1 },
      { id: 'far-high', location: 2, demand: 6, priority: 5 },
    ], [{ capacity: 10 }]);
    const sol = expectValid(p, solve(p, opts));
    expect(sol.routes.flatMap((r) => r.stops.map((s) => s.stopId))).toEqual(['far-high']);
    expect(sol.servedPriority).toBe(5);
  });
});
