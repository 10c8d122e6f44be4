/**
 * One timing rule: a route the solver planned and the same order re-timed as a manager's manual
 * move (src/delivery/plans/timing.ts, what plan-move.ts stores) must show the same departure, arrivals,
 * waits and lateness — on a Solomon-like instance (Euclidean, time = distance, windows, service).
 */
import { describe, expect, it } from 'vitest';
import { timeRoute } from '../../../src/delivery/plans/timing.js';
import type { TimedStop } from '../../../src/delivery/plans/timing.js';
import { solve, solomonToProblem, timeSequence } from '../../../src/routing/index.js';
import type { Problem, SolomonCustomer } from '../../../src/routing/index.js';

/** 40 customers around a depot at (50, 50): narrow windows spread over the day, 10 units of service each. */
function solomonLike(seed: number): Problem {
  let s = seed >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const customers: SolomonCustomer[] = [{ id: 0, x: 50, y: 50, demand: 0, ready: 0, due: 1000, service: 0 }];
  for (let id = 1; id <= 40; id++) {
    const ready = Math.floor(rnd() * 700);
    customers.push({
      id,
      x: Math.round(rnd() * 100),
      y: Math.round(rnd() * 100),
      demand: 1 + Math.floor(rnd() * 20),
      ready,
      due: ready + 30 + Math.floor(rnd() * 60),
      service: 10,
    });
  }
  return solomonToProblem({ name: 'LIKE40', vehicleCount: 12, capacity: 120, customers });
}

/** The manual move's view of a route: the same stops, as plan-move.ts hands them to timeRoute. */
function manualTiming(problem: Problem, vehicleId: string, stopIds: string[]) {
  const vehicle = problem.vehicles.find((v) => v.id === vehicleId)!;
  const stops: TimedStop[] = stopIds.map((id) => {
    const s = problem.stops.find((x) => x.id === id)!;
    return {
      location: s.location,
      demand: s.demand ?? 0,
      serviceTime: s.serviceTime ?? 0,
      window: s.timeWindows![0],
      maxRideTime: Infinity,
    };
  });
  const durations = problem.durations as Float64Array;
  return timeRoute(
    problem.locationCount,
    durations,
    durations,
    { capacity: vehicle.capacity, shiftStart: vehicle.shiftStart!, shiftEnd: vehicle.shiftEnd! },
    stops,
  );
}

const waits = (stops: { arrival: number; serviceStart: number }[]) => stops.map((s) => s.serviceStart - s.arrival);

describe('one fixed-sequence timing rule (solver = manual move)', () => {
  const problem = solomonLike(20261203);
  const solution = solve(problem, { maxIterations: 3000, seed: 3 });

  it('when the solver plans the instance, then re-timing each of its routes as a manual move gives the same departure, arrivals, waits and no lateness', () => {
    expect(solution.routes.length).toBeGreaterThan(1);
    let waited = 0;
    for (const route of solution.routes) {
      const ids = route.stops.map((s) => s.stopId);
      const manual = manualTiming(problem, route.vehicleId, ids);
      expect(manual.departure).toBe(route.departure);
      expect(manual.stops.map((s) => s.arrival)).toEqual(route.stops.map((s) => s.arrival));
      expect(waits(manual.stops)).toEqual(waits(route.stops));
      expect(manual.stops.map((s) => s.departure)).toEqual(route.stops.map((s) => s.departure));
      expect(manual.arrival).toBe(route.arrival);
      expect(manual.warnings.filter((w) => w.kind === 'late')).toEqual([]);
      waited += waits(route.stops).reduce((a, b) => a + b, 0);
    }
    // The instance makes vans wait at some door, so the waits compared above are not all zero.
    expect(waited).toBeGreaterThan(0);
  });

  it('when a manager reverses a route and moves a stop of another route into it, then the manual timing and the solver rule agree on every arrival, wait and lateness', () => {
    const [a, b] = solution.routes;
    const order = [...b.stops.slice(-1).map((s) => s.stopId), ...a.stops.map((s) => s.stopId).reverse()];
    const manual = manualTiming(problem, a.vehicleId, order);
    const rule = timeSequence(problem, a.vehicleId, order);
    expect(manual.departure).toBe(rule.departure);
    expect(manual.stops.map((s) => s.arrival)).toEqual(rule.visits.map((v) => v.arrival));
    expect(waits(manual.stops)).toEqual(rule.visits.map((v) => v.wait));
    expect(manual.arrival).toBe(rule.arrival);
    // The move breaks windows: a late warning exactly at the doors the rule finds late, by as many minutes.
    const lateStops = rule.visits.flatMap((v, i) =>
      v.late > 0 ? [{ stopNo: i + 1, minutes: Math.round(v.late / 60) }] : [],
    );
    expect(lateStops.length).toBeGreaterThan(0);
    expect(
      manual.warnings.filter((w) => w.kind === 'late').map(({ stopNo, minutes }) => ({ stopNo, minutes })),
    ).toEqual(lateStops);
    // Nothing can keep this order, so it leaves at the shift start (least late), as the solver's fallback does.
    expect(rule.departure).toBe(problem.vehicles[0].shiftStart);
  });
});
