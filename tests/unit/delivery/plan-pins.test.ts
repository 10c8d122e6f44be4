/** The pin bug of issue 13: pinning a served elder to van 1 and re-planning must keep both pins and serve as many. */
import { describe, expect, it } from 'vitest';
import { haversineMatrix, solve } from '../../../src/routing/index.js';
import type { InitialRoute } from '../../../src/routing/index.js';
import { buildProblem } from '../../../src/delivery/plans/plan-problem.js';
import type { OrderInput } from '../../../src/delivery/plans/plan-problem.js';
import { pinProblem } from '../../../src/delivery/plans/plan-pins.js';

const K = { lat: 27.6305, lng: 114.0312 };
const slot = { readyTime: '10:15', windowStart: '10:45', windowEnd: '12:00', maxRideMinutes: 90, serviceMinutes: 3 };
const c = { date: '2026-12-03', timeZone: 'Asia/Shanghai', slot, kitchen: K };
const vans = [{ id: 'v1', capacity: 20, shiftStart: '09:30', shiftEnd: '13:30' }, { id: 'v2', capacity: 20, shiftStart: '09:30', shiftEnd: '13:30' }];

/** 30 doors 4–6 km around the kitchen: two vans cannot do them all before 12:00. */
function doors(n = 30): OrderInput[] {
  return Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    const r = 0.04 + 0.01 * (i % 3);
    return { id: `o${String(i).padStart(2, '0')}`, quantity: 1, windowStart: null, windowEnd: null, pinnedVehicleId: null, lat: K.lat + r * Math.sin(a), lng: K.lng + r * Math.cos(a) };
  });
}

function run(orders: OrderInput[], initial?: InitialRoute[]) {
  const draft = buildProblem(c, orders, vans);
  const m = haversineMatrix(draft.points, { roadFactor: 1.3, speedKmh: 30 });
  return solve(buildProblem(c, orders, vans, m.durations, m.distances).problem, { maxIterations: 3000, seed: 1, objective: 'vehicles', minimise: 'duration', initial });
}

const served = (s: ReturnType<typeof run>) => s.routes.reduce((n, r) => n + r.stops.length, 0);
const vehicleOf = (s: ReturnType<typeof run>, id: string) => s.routes.find((r) => r.stops.some((x) => x.stopId === id))?.vehicleId;

describe('pins when re-planning a kitchen whose fleet is too small', () => {
  it('when a moved elder and an already-served elder of van 2 are pinned to van 1, then re-planning keeps both on van 1 and serves as many', () => {
    const orders = doors();
    const first = run(orders);
    expect(first.unassigned.length).toBeGreaterThan(0);
    expect(first.unassigned.every((u) => u.fitsAlone)).toBe(true);
    const r1 = first.routes.find((r) => r.vehicleId === 'v1')!;
    const r2 = first.routes.find((r) => r.vehicleId === 'v2')!;
    const [moved, pinned] = [r2.stops[0].stopId, r2.stops.at(-1)!.stopId];
    for (const id of [moved, pinned]) orders.find((o) => o.id === id)!.pinnedVehicleId = 'v1';
    const initial = [
      { vehicleId: 'v1', stopIds: [moved, ...r1.stops.map((s) => s.stopId)] },
      { vehicleId: 'v2', stopIds: r2.stops.map((s) => s.stopId).filter((id) => id !== moved) },
    ];
    const again = run(orders, initial);
    expect(vehicleOf(again, moved)).toBe('v1');
    expect(vehicleOf(again, pinned)).toBe('v1');
    expect(served(again)).toBeGreaterThanOrEqual(served(first));
  });

  it('when more meals are pinned to a van than it carries, then the pin set is refused as full', () => {
    const pinned = doors(3).map((o) => ({ ...o, quantity: 8 }));
    const m = haversineMatrix(buildProblem(c, pinned, vans).points, { roadFactor: 1.3, speedKmh: 30 });
    expect(pinProblem(c, vans[0], pinned, m.durations, m.distances)).toEqual({ reason: 'capacity', orderId: null });
  });

  it('when 30 doors are pinned to one van that cannot reach them all before 12:00, then the pin set is refused with the window', () => {
    const pinned = doors(30).map((o) => ({ ...o, quantity: 0 }));
    const m = haversineMatrix(buildProblem(c, pinned, vans).points, { roadFactor: 1.3, speedKmh: 30 });
    expect(pinProblem(c, { ...vans[0], capacity: 40 }, pinned, m.durations, m.distances)?.reason).toMatch(/time_window|ride_time/);
    const few = pinned.slice(0, 3);
    const m3 = haversineMatrix(buildProblem(c, few, vans).points, { roadFactor: 1.3, speedKmh: 30 });
    expect(pinProblem(c, vans[0], few, m3.durations, m3.distances)).toBeNull();
  });
});
