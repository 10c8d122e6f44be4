import { describe, expect, it } from 'vitest';
import { renderRouteMap, ROUTE_COLOURS } from '../../../src/delivery/plans/map-svg.js';
import { buildProblem, plannedRoutes } from '../../../src/delivery/plans/plan-problem.js';
import { timeRoute } from '../../../src/delivery/plans/timing.js';
import { solve } from '../../../src/routing/index.js';
import { render } from '../../../src/i18n/index.js';

// Depot 0 and two doors: 600 s from the depot each, 300 s apart.
const size = 3;
const dur = [0, 600, 600, 600, 0, 300, 600, 300, 0];
const dist = dur.map((d) => d * 8);
const stop = (location: number, window: [number, number], demand = 1) => ({ location, demand, serviceTime: 180, window, maxRideTime: 5400 } as const);

describe('timeRoute (manual moves)', () => {
  it('when the stops fit, then the vehicle leaves to reach the first door at its opening and there are no warnings', () => {
    const t = timeRoute(size, dur, dist, { capacity: 5, shiftStart: 0, shiftEnd: 10_000 }, [stop(1, [1800, 6300]), stop(2, [1800, 6300])]);
    expect(t.departure).toBe(1200);
    expect(t.stops.map((s) => s.arrival)).toEqual([1800, 2280]);
    expect(t.stops.map((s) => s.loadBefore)).toEqual([2, 1]);
    expect(t.arrival).toBe(2280 + 180 + 600);
    expect(t.distance).toBe(1500 * 8);
    expect(t.warnings).toEqual([]);
  });

  it('when a later door opens later, then the van leaves later instead of waiting there with the food', () => {
    const t = timeRoute(size, dur, dist, { capacity: 5, shiftStart: 0, shiftEnd: 10_000 }, [stop(1, [0, 6300]), stop(2, [3000, 6300])]);
    // Leaving at 0 would reach door 2 at 1080 and wait 32 min; leaving at 1920 reaches it at 3000.
    expect(t.departure).toBe(1920);
    expect(t.stops.map((s) => s.serviceStart - s.arrival)).toEqual([0, 0]);
    expect(t.stops[1].arrival).toBe(3000);
  });

  it('when the order cannot keep every window, then the van leaves at the shift start (least late)', () => {
    const t = timeRoute(size, dur, dist, { capacity: 5, shiftStart: 100, shiftEnd: 10_000 }, [stop(1, [0, 500]), stop(2, [0, 6300])]);
    expect(t.departure).toBe(100);
    expect(t.warnings.map((w) => w.kind)).toEqual(['late']);
  });

  it('when a move overloads the van, arrives late, keeps food too long and ends after the shift, then each is a warning', () => {
    const t = timeRoute(size, dur, dist, { capacity: 1, shiftStart: 0, shiftEnd: 1500 },
      [stop(1, [0, 300]), { ...stop(2, [0, 700]), maxRideTime: 600 }]);
    expect(t.warnings.map((w) => w.kind).sort()).toEqual(['capacity', 'late', 'late', 'ride_time', 'shift']);
    expect(t.warnings.find((w) => w.kind === 'ride_time')).toMatchObject({ stopNo: 2 });
    // Worded from kind and numbers in the reader's locale; English word for word as before.
    const late = t.warnings.find((w) => w.kind === 'late')!;
    expect(render('zh-CN', late.detail)).toBe(`比送达时段结束晚到 ${late.minutes} 分钟。`);
    expect(render('en', late.detail)).toBe(`Arrives ${late.minutes} min after the window closes.`);
    const ride = t.warnings.find((w) => w.kind === 'ride_time')!;
    expect(render('zh-CN', ride.detail)).toBe(`热食在路上 ${ride.minutes} 分钟（限 10 分钟）。`);
    expect(render('zh-CN', t.warnings.find((w) => w.kind === 'capacity')!.detail)).toBe('车上 2 份，容量 1 份。');
    expect(String(t.warnings.find((w) => w.kind === 'shift')!.detail)).toMatch(/^Back \d+ min after the shift ends\.$/);
  });
});

describe('buildProblem (slot → solver units)', () => {
  it('when the lunch slot is 10:15 ready / 10:45–12:00, then windows are seconds after the ready time and orders without coordinates are set aside', () => {
    const b = buildProblem(
      { date: '2027-03-14', timeZone: 'America/New_York', slot: { readyTime: '10:15', windowStart: '10:45', windowEnd: '12:00', maxRideMinutes: 90, serviceMinutes: 3 }, kitchen: { lat: 40.7, lng: -74 } },
      [
        { id: 'a', quantity: 2, windowStart: null, windowEnd: null, pinnedVehicleId: 'v1', lat: 40.71, lng: -74 },
        { id: 'b', quantity: 1, windowStart: '11:00', windowEnd: '11:30', pinnedVehicleId: null, lat: 40.69, lng: -74 },
        { id: 'c', quantity: 1, windowStart: null, windowEnd: null, pinnedVehicleId: null, lat: null, lng: null },
      ],
      [{ id: 'v1', capacity: 10, shiftStart: '09:00', shiftEnd: '13:00' }],
    );
    expect(b.origin.toISOString()).toBe('2027-03-14T14:15:00.000Z'); // EDT on the DST day
    expect(b.problem.stops.map((s) => [s.id, s.timeWindows, s.demand, s.serviceTime, s.maxRideTime, s.pinnedVehicleId])).toEqual([
      ['a', [[1800, 6300]], 2, 180, 5400, 'v1'],
      ['b', [[2700, 4500]], 1, 180, 5400, undefined],
    ]);
    expect(b.problem.vehicles[0]).toMatchObject({ shiftStart: 0, shiftEnd: 9900, startLocation: 0, endLocation: 0 });
    expect(b.skipped).toEqual([{ orderId: 'c', reason: 'no_location' }]);
  });

  it('when the solver plans it, then ETAs come back as instants inside the windows', () => {
    const c = { date: '2027-01-10', timeZone: 'Asia/Shanghai', slot: { readyTime: '10:15', windowStart: '10:45', windowEnd: '12:00', maxRideMinutes: 90, serviceMinutes: 3 }, kitchen: { lat: 0, lng: 0 } };
    const orders = [1, 2].map((i) => ({ id: `o${i}`, quantity: 1, windowStart: null, windowEnd: null, pinnedVehicleId: null, lat: 0, lng: 0 }));
    const b = buildProblem(c, orders, [{ id: 'v', capacity: 5, shiftStart: '09:00', shiftEnd: '14:00' }], new Float64Array(dur), new Float64Array(dist));
    const routes = plannedRoutes(solve(b.problem, { maxIterations: 200 }), b.origin);
    expect(routes).toHaveLength(1);
    for (const s of routes[0].stops) {
      expect(s.eta.getTime()).toBeGreaterThanOrEqual(Date.parse('2027-01-10T02:45:00Z') - 1);
      expect(s.serviceStart.getTime()).toBeLessThanOrEqual(Date.parse('2027-01-10T04:00:00Z'));
    }
  });
});

describe('renderRouteMap', () => {
  it('when two routes and an unassigned order are drawn, then the SVG has the kitchen, numbered stops in route colours, a cross and escaped names', () => {
    const svg = renderRouteMap({
      title: 'Kitchen <A> · lunch',
      kitchen: { name: 'K & Co', lat: 27.63, lng: 114.03 },
      routes: [
        { routeNo: 1, label: 'Route 1', stops: [{ stopNo: 1, name: 'Li', lat: 27.64, lng: 114.02 }, { stopNo: 2, name: 'Wang', lat: 27.65, lng: 114.04 }] },
        { routeNo: 2, label: 'Route 2', stops: [{ stopNo: 1, name: 'Zhao', lat: 27.62, lng: 114.05 }] },
      ],
      unassigned: [{ name: 'Far', lat: 27.7, lng: 114.2 }, { name: 'Nowhere', lat: null, lng: null }],
      unassignedLabel: '未排上 2 户',
    });
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg.match(/<polyline class="route"/g)).toHaveLength(2);
    expect(svg).toContain(`stroke="${ROUTE_COLOURS[0]}"`);
    expect(svg).toContain(`stroke="${ROUTE_COLOURS[1]}"`);
    expect(svg.match(/<g class="stop"/g)).toHaveLength(3);
    expect(svg).toMatch(/<text[^>]*>2<\/text><\/g>/);
    expect(svg.match(/<g class="unassigned"/g)).toHaveLength(1);
    expect(svg).toContain('>未排上 2 户</text>');
    expect(svg).toContain('K &amp; Co');
    expect(svg).toContain('Kitchen &lt;A&gt;');
    // Every coordinate lands inside the picture.
    for (const [, x, y] of svg.matchAll(/cx="([\d.]+)" cy="([\d.]+)"/g)) {
      expect(Number(x)).toBeGreaterThanOrEqual(0);
      expect(Number(x)).toBeLessThanOrEqual(900);
      expect(Number(y)).toBeLessThanOrEqual(640);
    }
  });
});
