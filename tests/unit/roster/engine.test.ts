import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCurtois } from '../../../src/roster/curtois/parse.js';
import { createRng } from '../../../src/roster/engine/prng.js';
import { evaluateSchedule } from '../../../src/roster/engine/shift-evaluate.js';
import { OFF } from '../../../src/roster/engine/shift-model.js';
import { ShiftState } from '../../../src/roster/engine/shift-state.js';

const BENCH = path.resolve(process.cwd(), '../shared/benchmarks/curtois');

describe('shift-assignment engine', () => {
  it('when random cell blocks are changed, then the incremental cost equals a recomputation from scratch', () => {
    const { model } = parseCurtois(readFileSync(path.join(BENCH, 'Instance3.txt'), 'utf8'));
    const weights = { unit: 1000, minute: 10 };
    const state = new ShiftState(model, weights);
    const rng = createRng(42);
    const block = new Int16Array(5);
    for (let step = 0; step < 3000; step++) {
      const e = rng.int(model.employees.length);
      const d = rng.int(model.days - 5);
      const len = 1 + rng.int(5);
      for (let i = 0; i < len; i++) block[i] = rng.next() < 0.4 ? OFF : rng.int(model.shiftTypes.length);
      state.setCells(e, d, len, block, 0);
      if (step % 500 === 499) expect(state.cost).toBeCloseTo(new ShiftState(model, weights, state.x).cost, 6);
    }
  });

  it('when a schedule is feasible, then the weighted cost is exactly the benchmark objective', () => {
    const { model } = parseCurtois(readFileSync(path.join(BENCH, 'Instance1.txt'), 'utf8'));
    const x = new Int16Array(model.employees.length * model.days).fill(OFF);
    const evaluation = evaluateSchedule(model, x);
    const cost = new ShiftState(model, { unit: 1000, minute: 10 }, x).cost;
    // all-off breaks only the minimum-minutes rule: 3360 minutes short for each of 8 staff
    expect(evaluation.hard).toMatchObject({ minMinutes: 8, total: 8 });
    expect(cost).toBe(evaluation.objective + 8 * 3360 * 10);
  });

  it('when the same seed is used, then the generator repeats and stays in range', () => {
    const a = createRng(9);
    const b = createRng(9);
    const xs = Array.from({ length: 1000 }, () => a.int(10));
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.int(10)));
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(9);
  });
});
