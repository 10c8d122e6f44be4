import type { AnnealProblem } from './anneal.js';
import type { Rng } from './prng.js';
import { OFF, type Schedule } from './shift-model.js';
import { RowSolver } from './row-dp.js';
import { CoverMoves, type CellEdits } from './cover-moves.js';
import type { ShiftState } from './shift-state.js';

const MAX_BLOCK = 6;
/**
 * Shares of the row re-optimisations forced to fill a short cover / to complete a half-worked
 * weekend (the rest are free). Measured on Instances 13–24 at 10 s over three seeds: the mean
 * gap fell from about 49 % to 43 % together with the weekend shadow price in the row DP.
 */
const FORCED_SHORT = 0.5;
const FORCED_WEEKEND = 0.25;

/**
 * Local-search moves over a ShiftState: change one cell; cover-directed change; swap a block of
 * days between two employees (cover-neutral, so it only trades contract and request penalties);
 * exchange two days within a row; set a block of days to one value (helps minimum-run rules);
 * fix a short cover by switching a type or extending a run next to it (CoverMoves); re-optimise
 * a whole row, free or with one cell forced (RowSolver). Moves are written into at most two row
 * segments so that undo/redo are plain segment writes.
 */
export class ShiftMoves implements AnnealProblem {
  private readonly best: Schedule;
  private readonly allowed: number[][];
  private readonly fixedOff: Uint8Array;
  private readonly segE = [0, 0];
  private readonly segD = [0, 0];
  private readonly segLen = [0, 0];
  // Segment buffers hold a whole row: the row re-optimisation move rewrites one.
  private readonly segNew: Int16Array[];
  private readonly segOld: Int16Array[];
  private readonly rowSolver: RowSolver;
  private readonly coverMoves: CoverMoves;
  private readonly edits: CellEdits = { n: 0, e: new Int32Array(2), d: new Int32Array(2), v: new Int32Array(2) };
  /** Chance per move of a row re-optimisation, sized so it takes about half of the time. */
  readonly rowMoveRate: number;
  private nSeg = 0;

  constructor(private readonly state: ShiftState) {
    const { model } = state;
    const size = Math.max(MAX_BLOCK, state.D);
    this.segNew = [new Int16Array(size), new Int16Array(size)];
    this.segOld = [new Int16Array(size), new Int16Array(size)];
    this.rowSolver = new RowSolver(model, state.weights);
    this.coverMoves = new CoverMoves(state);
    // Rough cost model of one row DP relative to one ordinary move (≈ 2 µs), measured on the
    // benchmark: fixed overhead plus days × allowed types × run length × bisection rounds.
    const meanAllowed = model.employees.reduce((n, emp) => n + emp.contract.maxShifts.filter((m) => m > 0).length, 0) / Math.max(1, state.E);
    const meanRun = model.employees.reduce((n, emp) => n + emp.contract.maxConsecutiveShifts, 0) / Math.max(1, state.E);
    const units = state.D * (state.S + 1) + state.D * meanAllowed * meanRun * 8;
    this.rowMoveRate = 2 / (350 + units / 80);
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
    if (rng.next() < this.rowMoveRate) {
      const r = rng.next();
      return this.apply(r < FORCED_SHORT + FORCED_WEEKEND ? this.drawForcedRow(rng, r >= FORCED_SHORT) : this.drawRow(rng));
    }
    const r = rng.next();
    const ok = r < 0.15 ? this.drawChange(rng) : r < 0.25 ? this.drawCoverChange(rng) : r < 0.5 ? this.drawSwap(rng)
      : r < 0.65 ? this.drawDayMove(rng) : r < 0.75 ? this.drawBlock(rng) : this.fromEdits(this.coverMoves.shortFix(rng, this.edits));
    return this.apply(ok);
  }

  /** Applies the drawn segments (if any) and returns the cost delta. */
  private apply(ok: boolean): number | null {
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

  /** Loads the cell edits of a CoverMoves move into the segments. */
  private fromEdits(ok: boolean): boolean {
    const ed = this.edits;
    if (!ok) return false;
    this.nSeg = ed.n;
    for (let i = 0; i < ed.n; i++) {
      this.segE[i] = ed.e[i];
      this.segD[i] = ed.d[i];
      this.segLen[i] = 1;
      this.segNew[i][0] = ed.v[i];
    }
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

  /**
   * One pass of row re-optimisation over all employees in random order, keeping only
   * improvements: a fast descent from the constructed schedule before annealing starts.
   */
  descend(rng: Rng, timeIsUp: () => boolean = () => false): void {
    const order = Array.from({ length: this.state.E }, (_, e) => e);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const e of order) {
      if (timeIsUp()) return; // the largest instances need seconds for one sweep
      const delta = this.apply(this.drawRow(rng, e));
      if (delta !== null && delta >= 0) this.undo();
    }
  }

  /**
   * Re-optimise a row with one cell forced (see CoverMoves.pickShortRow / pickWeekendRow): the
   * row gives up whatever it must elsewhere — a chain the single-cell moves rarely find.
   */
  private drawForcedRow(rng: Rng, weekend: boolean): boolean {
    const cm = this.coverMoves;
    if (!weekend && this.state.shortCount === 0) return this.drawRow(rng);
    if (!(weekend ? cm.pickWeekendRow(rng) : cm.pickShortRow(rng))) return false;
    return this.drawRow(rng, cm.target.e, cm.target.d, cm.target.s);
  }

  /** Re-optimise one employee's whole row (large neighbourhood, see RowSolver). */
  private drawRow(rng: Rng, e = rng.int(this.state.E), forceDay = -1, forceShift = OFF): boolean {
    const { D, x } = this.state;
    const out = this.segNew[0];
    this.rowSolver.solve(this.state, e, out.subarray(0, D), rng, forceDay, forceShift);
    let differs = false;
    for (let d = 0; d < D && !differs; d++) differs = out[d] !== x[e * D + d];
    if (!differs) return false;
    this.nSeg = 1;
    this.segE[0] = e;
    this.segD[0] = 0;
    this.segLen[0] = D;
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
