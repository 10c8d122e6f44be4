import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCurtois } from '../../../src/roster/curtois/parse.js';
import { createRng } from '../../../src/roster/engine/prng.js';
import { evaluateSchedule } from '../../../src/roster/engine/shift-evaluate.js';
import { OFF } from '../../../src/roster/engine/shift-model.js';
import { ShiftState } from '../../../src/roster/engine/shift-state.js';
import { benchmarksDir } from '../../../scripts/lib/benchmarks.js';

const BENCH = benchmarksDir('curtois');

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

describe('row re-optimisation (large neighbourhood)', () => {
  it('when every row of a constructed schedule is re-optimised, then each new row keeps all its hard rules', async () => {
    const { RowSolver } = await import('../../../src/roster/engine/row-dp.js');
    const { constructSchedule, rowViolationUnits } = await import('../../../src/roster/engine/shift-construct.js');
    const { model } = parseCurtois(readFileSync(path.join(BENCH, 'Instance7.txt'), 'utf8'));
    const weights = { unit: 5000, minute: 50 };
    const rng = createRng(3);
    const state = new ShiftState(model, weights, constructSchedule(model, rng));
    const before = state.cost;
    const solver = new RowSolver(model, weights);
    const row = new Int16Array(model.days);
    let feasible = 0;
    for (let e = 0; e < model.employees.length; e++) {
      solver.solve(state, e, row, rng);
      // The DP is exact for runs, successions and days off; minutes are priced and repaired,
      // which can fail when the weekends drawn for the row leave too few days.
      if (solver.lastFeasible) {
        feasible++;
        expect(rowViolationUnits(model, model.employees[e], row)).toBe(0);
      }
      const old = Int16Array.from(state.row(e));
      if (state.setCells(e, 0, model.days, row, 0) > 0) state.setCells(e, 0, model.days, old, 0);
    }
    expect(feasible).toBeGreaterThanOrEqual(model.employees.length - 2);
    expect(state.cost).toBeLessThan(before * 0.8);
    expect(evaluateSchedule(model, state.x).hard.total).toBe(0);
  });

  it('when a row works too many minutes, then the repair trims a run end or shortens a shift without breaking run rules', async () => {
    const { repairRowMinutes } = await import('../../../src/roster/engine/row-repair.js');
    const { rowViolationUnits } = await import('../../../src/roster/engine/shift-construct.js');
    const text = ['SECTION_HORIZON', '7', 'SECTION_SHIFTS', 'E,480,', 'L,600,', 'SECTION_STAFF', 'A,E=7|L=7,2700,2000,4,2,2,1',
      'SECTION_DAYS_OFF', 'SECTION_SHIFT_ON_REQUESTS', 'SECTION_SHIFT_OFF_REQUESTS', 'SECTION_COVER'].join('\n');
    const { model } = parseCurtois(text);
    const row = Int16Array.from([1, 1, 1, 1, OFF, OFF, 1]); // 5 × 600 = 3000 > 2700
    repairRowMinutes(model, model.employees[0].contract, row, new Float64Array(7 * 3), new Uint8Array(7), [0, 1], new Uint8Array(4), 10);
    const minutes = [...row].reduce((m, v) => m + (v === OFF ? 0 : model.shiftTypes[v].minutes), 0);
    expect(minutes).toBeLessThanOrEqual(2700);
    expect(minutes).toBeGreaterThanOrEqual(2000);
    expect(rowViolationUnits(model, model.employees[0], row)).toBe(0);
  });
});

describe('cover-directed and forced-row moves', () => {
  it('when a row is re-optimised with a forced cell, then the new row works it and keeps its hard rules', async () => {
    const { ANY_SHIFT, RowSolver } = await import('../../../src/roster/engine/row-dp.js');
    const { constructSchedule, rowViolationUnits } = await import('../../../src/roster/engine/shift-construct.js');
    const { model } = parseCurtois(readFileSync(path.join(BENCH, 'Instance7.txt'), 'utf8'));
    const weights = { unit: 5000, minute: 50 };
    const rng = createRng(5);
    const state = new ShiftState(model, weights, constructSchedule(model, rng));
    const solver = new RowSolver(model, weights);
    const row = new Int16Array(model.days);
    let checked = 0;
    for (let e = 0; e < model.employees.length; e++) {
      const d = 5 + 7 * rng.int(2); // a Saturday: its weekend must be opened for the row
      if (model.employees[e].daysOff.includes(d)) continue;
      const s = model.employees[e].contract.maxShifts.findIndex((m) => m > 0);
      solver.solve(state, e, row, rng, d, e % 2 === 0 ? s : ANY_SHIFT);
      if (!solver.lastFeasible) continue;
      checked++;
      expect(e % 2 === 0 ? row[d] === s : row[d] !== OFF).toBe(true);
      expect(rowViolationUnits(model, model.employees[e], row)).toBe(0);
    }
    expect(checked).toBeGreaterThanOrEqual(model.employees.length - 4);
  });

  it('when the annealing moves are applied and undone at random, then the incremental cost stays exact', async () => {
    const { ShiftMoves } = await import('../../../src/roster/engine/shift-moves.js');
    const { constructSchedule } = await import('../../../src/roster/engine/shift-construct.js');
    const { model } = parseCurtois(readFileSync(path.join(BENCH, 'Instance13.txt'), 'utf8'));
    const weights = { unit: 5000, minute: 50 };
    const rng = createRng(8);
    const state = new ShiftState(model, weights, constructSchedule(model, rng));
    const moves = new ShiftMoves(state);
    for (let i = 0; i < 20000; i++) {
      const delta = moves.propose(rng);
      if (delta !== null && (delta > 0 || rng.next() < 0.1)) moves.undo();
    }
    expect(state.cost).toBeCloseTo(new ShiftState(model, weights, state.x).cost, 6);
  });

  it('when weekend demand nearly fills the weekends contracts allow, then half weekends get a shadow price', async () => {
    const { weekendShadowPrice } = await import('../../../src/roster/engine/weekends.js');
    const load = (name: string) => parseCurtois(readFileSync(path.join(BENCH, `${name}.txt`), 'utf8')).model;
    expect(weekendShadowPrice(load('Instance24'))).toBe(100); // demand 95 % of weekend capacity
    expect(weekendShadowPrice(load('Instance9'))).toBe(0); // 64 %: weekends are plentiful
  });
});

describe('roster input schema', () => {
  it('when a fixture input is parsed, then the zod schema accepts it and rejects a bad date', async () => {
    const { rosterInputSchema } = await import('../../../src/roster/schema.js');
    const { randomInstance } = await import('./random-instance.js');
    const input = randomInstance(1);
    expect(rosterInputSchema.parse(input)).toEqual(input);
    expect(rosterInputSchema.safeParse({ ...input, aides: [{ ...input.aides[0], certificateExpiry: '31/12/2030' }] }).success).toBe(false);
  });
});
