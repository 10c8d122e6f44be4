/** Solomon parser and short solver runs on real benchmark instances (read-only shared folder). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSolomon, solomonProblem } from '../../../src/routing/solomon.js';
import { solve } from '../../../src/routing/solve.js';
import { expectValid } from './fixtures.js';
import { benchmarksDir } from '../../../scripts/lib/benchmarks.js';

const dir = benchmarksDir('solomon');
const read = (name: string): string => readFileSync(path.join(dir, `${name}.txt`), 'utf8');

describe('Solomon instances', () => {
  it('when parsing C101, then fleet, depot and customers match the file', () => {
    const inst = parseSolomon(read('C101'));
    expect(inst.name).toBe('C101');
    expect(inst.vehicleCount).toBe(25);
    expect(inst.capacity).toBe(200);
    expect(inst.customers).toHaveLength(101);
    expect(inst.customers[0]).toEqual({ id: 0, x: 40, y: 50, demand: 0, ready: 0, due: 1236, service: 0 });
    expect(inst.customers[1]).toEqual({ id: 1, x: 45, y: 68, demand: 10, ready: 912, due: 967, service: 90 });
    const p = solomonProblem(read('C101'));
    expect((p.durations as Float64Array)[1]).toBeCloseTo(Math.hypot(45 - 40, 68 - 50), 12);
    expect(p.vehicles[0].shiftEnd).toBe(1236);
  });

  it('when the text is not a Solomon instance, then parsing fails clearly', () => {
    expect(() => parseSolomon('hello\nworld')).toThrow(/VEHICLE or CUSTOMER/);
  });

  it('when solving C101 for a second, then every customer is served within 1 % of the best known 828.94', () => {
    const p = solomonProblem(read('C101'));
    const sol = expectValid(p, solve(p, { timeLimitMs: 1000, seed: 1, minimise: 'distance' }));
    expect(sol.unassigned).toEqual([]);
    expect(sol.vehiclesUsed).toBeLessThanOrEqual(25);
    expect(sol.totalDistance).toBeLessThan(828.94 * 1.01);
  });

  it('when solving R101 for a second, then every customer is served within 3 % of the best known 1642.88', () => {
    const p = solomonProblem(read('R101'));
    const sol = expectValid(p, solve(p, { timeLimitMs: 1000, seed: 1, minimise: 'distance' }));
    expect(sol.unassigned).toEqual([]);
    expect(sol.totalDistance).toBeLessThan(1642.88 * 1.03);
  });
});
