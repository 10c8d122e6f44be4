import { anneal, type AnnealProblem, type AnnealStats } from './anneal.js';
import { createRng, type Rng } from './prng.js';
import { evaluateSchedule, type ShiftEvaluation } from './shift-evaluate.js';
import { OFF, type Schedule, type ShiftModel } from './shift-model.js';
import { constructSchedule } from './shift-construct.js';
import { ShiftState, type HardWeights } from './shift-state.js';

export interface ShiftSearchOptions {
  seed?: number;
  /** Deterministic budget; defaults to unlimited when a time limit is given. */
  maxIterations?: number;
  timeLimitMs?: number;
  /** Injected clock (ms); required for timeLimitMs. */
  now?: () => number;
  hardWeights?: HardWeights;
  startTemperature?: number;
  endTemperature?: number;
  initial?: Schedule;
}

export interface ShiftSearchResult {
  schedule: Schedule;
  evaluation: ShiftEvaluation;
  search: AnnealStats;
}

const MAX_BLOCK = 6;

/**
 * Local-search moves over a ShiftState: change one cell, cover-directed change, swap a block of
 * days between two employees (cover-neutral, so it only trades contract and request penalties),
 * and set a block of days of one employee to a single value (helps minimum-run rules).
 */
class ShiftMoves implements AnnealProblem {
  private readonly best: Schedule;
  private readonly allowed: number[][];
  private readonly fixedOff: Uint8Array;
  private readonly segE = [0, 0];
  private readonly segD = [0, 0];
  private readonly segLen = [0, 0];
  private readonly segNew = [new Int16Array(MAX_BLOCK), new Int16Array(MAX_BLOCK)];
  private readonly segOld = [new Int16Array(MAX_BLOCK), new Int16Array(MAX_BLOCK)];
  private nSeg = 0;

  constructor(private readonly state: ShiftState) {
    const { model } = state;
    this.best = new Int16Array(state.x);
    // Shift types an employee may never work (limit 0) are excluded from their moves.
    this.allowed = model.employees.map((emp) => [OFF, ...model.shiftTypes.map((_, s) => s).filter((s) => emp.contract.maxShifts[s] > 0)]);
    this.fixedOff = new Uint8Array(state.E * state.D);
    model.employees.forEach((emp, e) => emp.daysOff.forEach((d) => (this.fixedOff[e * state.D + d] = 1)));
  }

  cost(): number {
    return this.state.cost;
  }

  propose(rng: Rng): number | null {
    const r = rng.next();
    const ok = r < 0.2 ? this.drawChange(rng) : r < 0.35 ? this.drawCoverChange(rng) : r < 0.65 ? this.drawSwap(rng)
      : r < 0.85 ? this.drawDayMove(rng) : this.drawBlock(rng);
    if (!ok) return null;
    let delta = 0;
    for (let i = 0; i < this.nSeg; i++) {
      const e = this.segE[i];
      const d = this.segD[i];
      const len = this.segLen[i];
      const at = e * this.state.D + d;
      for (let k = 0; k < len; k++) this.segOld[i][k] = this.state.x[at + k];
      delta += this.state.setCells(e, d, len, this.segNew[i], 0);
    }
    return delta;
  }

  keep(): void {}

  undo(): void {
    for (let i = this.nSeg - 1; i >= 0; i--) this.state.setCells(this.segE[i], this.segD[i], this.segLen[i], this.segOld[i], 0);
  }

  redo(): void {
    for (let i = 0; i < this.nSeg; i++) this.state.setCells(this.segE[i], this.segD[i], this.segLen[i], this.segNew[i], 0);
  }

  saveBest(): void {
    this.best.set(this.state.x);
  }

  restoreBest(): void {
    for (let e = 0; e < this.state.E; e++) this.state.setCells(e, 0, this.state.D, this.best, e * this.state.D);
  }

  private single(e: number, d: number, v: number): boolean {
    if (this.state.x[e * this.state.D + d] === v) return false;
    if (v !== OFF && this.fixedOff[e * this.state.D + d] === 1) return false;
    this.nSeg = 1;
    this.segE[0] = e;
    this.segD[0] = d;
    this.segLen[0] = 1;
    this.segNew[0][0] = v;
    return true;
  }

  private drawChange(rng: Rng): boolean {
    const e = rng.int(this.state.E);
    const allowed = this.allowed[e];
    return this.single(e, rng.int(this.state.D), allowed[rng.int(allowed.length)]);
  }

  /** Pick a cover requirement; if short, give it a random employee, if over, take one away. */
  private drawCoverChange(rng: Rng): boolean {
    const cover = this.state.model.cover;
    if (cover.length === 0) return false;
    const c = cover[rng.int(cover.length)];
    const gap = this.state.coverGap(c.day, c.shift);
    if (gap > 0) {
      const e = rng.int(this.state.E);
      return this.allowed[e].includes(c.shift) && this.single(e, c.day, c.shift);
    }
    if (gap < 0) {
      const start = rng.int(this.state.E);
      for (let k = 0; k < this.state.E; k++) {
        const e = (start + k) % this.state.E;
        if (this.state.x[e * this.state.D + c.day] === c.shift) {
          const allowed = this.allowed[e];
          return this.single(e, c.day, allowed[rng.int(allowed.length)]);
        }
      }
    }
    return false;
  }

  private drawSwap(rng: Rng): boolean {
    const { E, D, x } = this.state;
    if (E < 2) return false;
    const e1 = rng.int(E);
    let e2 = rng.int(E - 1);
    if (e2 >= e1) e2++;
    const d = rng.int(D);
    const len = Math.min(1 + rng.int(MAX_BLOCK), D - d);
    let differs = false;
    for (let i = 0; i < len; i++) {
      const a = x[e1 * D + d + i];
      const b = x[e2 * D + d + i];
      if (a !== b) differs = true;
      // Never move a shift onto a fixed day off: certain hard violation, wasted evaluation.
      if ((b !== OFF && this.fixedOff[e1 * D + d + i] === 1) || (a !== OFF && this.fixedOff[e2 * D + d + i] === 1)) return false;
      this.segNew[0][i] = b;
      this.segNew[1][i] = a;
    }
    if (!differs) return false;
    this.nSeg = 2;
    this.segE[0] = e1;
    this.segE[1] = e2;
    this.segD[0] = this.segD[1] = d;
    this.segLen[0] = this.segLen[1] = len;
    return true;
  }

  /**
   * Exchange two days of one employee (usually: move a shift to a nearby day). Minutes, type
   * counts and most run lengths are unchanged, so this mostly trades cover between days.
   */
  private drawDayMove(rng: Rng): boolean {
    const { E, D, x } = this.state;
    const e = rng.int(E);
    const d1 = rng.int(D);
    const d2 = d1 + (rng.next() < 0.5 ? -1 : 1) * (1 + rng.int(7));
    if (d2 < 0 || d2 >= D) return false;
    const a = x[e * D + d1];
    const b = x[e * D + d2];
    if (a === b) return false;
    if ((a !== OFF && this.fixedOff[e * D + d2] === 1) || (b !== OFF && this.fixedOff[e * D + d1] === 1)) return false;
    this.nSeg = 2;
    this.segE[0] = this.segE[1] = e;
    this.segD[0] = d1;
    this.segD[1] = d2;
    this.segLen[0] = this.segLen[1] = 1;
    this.segNew[0][0] = b;
    this.segNew[1][0] = a;
    return true;
  }

  private drawBlock(rng: Rng): boolean {
    const { E, D, x } = this.state;
    const e = rng.int(E);
    const d = rng.int(D);
    const len = Math.min(2 + rng.int(MAX_BLOCK - 1), D - d);
    const allowed = this.allowed[e];
    const v = allowed[rng.int(allowed.length)];
    let differs = false;
    for (let i = 0; i < len; i++) {
      if (v !== OFF && this.fixedOff[e * D + d + i] === 1) return false;
      if (x[e * D + d + i] !== v) differs = true;
      this.segNew[0][i] = v;
    }
    if (!differs) return false;
    this.nSeg = 1;
    this.segE[0] = e;
    this.segD[0] = d;
    this.segLen[0] = len;
    return true;
  }
}

/**
 * Solves a shift-assignment model by simulated annealing over a weighted penalty (soft
 * objective + heavily weighted hard violations), then evaluates the best schedule exactly.
 * Deterministic for a given seed and iteration budget; with a time limit the result depends
 * on machine speed, as any anytime solver's does.
 */
export function solveShiftModel(model: ShiftModel, options: ShiftSearchOptions = {}): ShiftSearchResult {
  const hardWeights = options.hardWeights ?? { unit: 5000, minute: 50 };
  const rng = createRng(options.seed ?? 1);
  const state = new ShiftState(model, hardWeights, options.initial ?? constructSchedule(model, rng));
  const problem = new ShiftMoves(state);
  const search = anneal(problem, {
    rng,
    maxIterations: options.maxIterations,
    timeLimitMs: options.timeLimitMs,
    now: options.now,
    startTemperature: options.startTemperature ?? 100,
    endTemperature: options.endTemperature ?? 0.5,
    target: 0,
  });
  const schedule = new Int16Array(state.x);
  return { schedule, evaluation: evaluateSchedule(model, schedule), search };
}
