import type { Rng } from './prng.js';
import { OFF } from './shift-model.js';
import type { ShiftState } from './shift-state.js';
import { ANY_SHIFT } from './row-dp.js';

/** Up to two single-cell edits (of one row) proposed by a cover-directed move. */
export interface CellEdits {
  n: number;
  e: Int32Array;
  d: Int32Array;
  v: Int32Array;
}

/**
 * Moves aimed at the cover: a cheap fix of a short cover (one or two cells), and the choice of
 * a row and a cell to force for a row re-optimisation — a row that can fill a short cover, or
 * one that works only half of a weekend. On the large benchmark instances weekend days are the
 * scarce capacity (each row may work few weekends and their demand nearly fills them all), so
 * most short covers sit on weekends and need whole rows rebuilt around them.
 */
export class CoverMoves {
  private readonly allowed: Uint8Array;
  private readonly fixedOff: Uint8Array;
  /** Row, day and shift (or ANY_SHIFT) chosen by pickShortRow / pickWeekendRow. */
  readonly target = { e: 0, d: 0, s: 0 };

  constructor(private readonly state: ShiftState) {
    const { model, E, D, S } = state;
    this.allowed = new Uint8Array(E * S);
    model.employees.forEach((emp, e) => emp.contract.maxShifts.forEach((m, s) => (this.allowed[e * S + s] = m > 0 ? 1 : 0)));
    this.fixedOff = new Uint8Array(E * D);
    model.employees.forEach((emp, e) => emp.daysOff.forEach((d) => (this.fixedOff[e * D + d] = 1)));
  }

  /**
   * Directed at a short cover (day d, shift s): either switch someone working d to s, or have
   * someone off on d work s there and give up a nearby working day (minutes stay similar).
   */
  shortFix(rng: Rng, out: CellEdits): boolean {
    const st = this.state;
    if (st.shortCount === 0) return false;
    const key = st.short[rng.int(st.shortCount)];
    const d = Math.floor(key / st.S);
    const s = key - d * st.S;
    const { E, D, x } = st;
    // A few tries to find an employee for whom the change keeps the row's run structure: one
    // working d (switch type), or one off on d next to a working run (extend that run).
    for (let tries = 0; tries < 8; tries++) {
      const e = rng.int(E);
      const at = e * D + d;
      if (this.allowed[e * st.S + s] === 0 || this.fixedOff[at] === 1 || x[at] === s) continue;
      if (x[at] !== OFF) return this.one(out, e, d, s);
      const extends_ = (d > 0 && x[at - 1] !== OFF) || (d + 1 < D && x[at + 1] !== OFF);
      if (!extends_) continue;
      if (rng.next() < 0.4) return this.one(out, e, d, s);
      // Keep minutes level: give up the end day of a nearby working run.
      const d2 = d + (rng.next() < 0.5 ? -1 : 1) * (1 + rng.int(10));
      if (d2 < 0 || d2 >= D || x[e * D + d2] === OFF) continue;
      const runEnd = (d2 === 0 || x[e * D + d2 - 1] === OFF) || (d2 === D - 1 || x[e * D + d2 + 1] === OFF);
      if (!runEnd) continue;
      return this.two(out, e, d, s, d2);
    }
    return false;
  }

  /**
   * A row able to fill a random short cover (d, s), with that cell to be forced (the row is
   * then re-optimised around it); result in `target`.
   */
  pickShortRow(rng: Rng): boolean {
    const st = this.state;
    if (st.shortCount === 0) return false;
    const key = st.short[rng.int(st.shortCount)];
    const d = Math.floor(key / st.S);
    const s = key - d * st.S;
    for (let tries = 0; tries < 8; tries++) {
      const e = rng.int(st.E);
      const at = e * st.D + d;
      if (this.fixedOff[at] === 1 || st.x[at] === s || this.allowed[e * st.S + s] === 0) continue;
      return this.setTarget(e, d, s);
    }
    return false;
  }

  /**
   * A row working one day of a two-day weekend, with the other day to be forced to work (any
   * type): weekend days are the scarce capacity, and half-worked weekends waste them.
   */
  pickWeekendRow(rng: Rng): boolean {
    const { E, D, x, model } = this.state;
    const W = model.weekends;
    for (let tries = 0; tries < 8 && W.length > 0; tries++) {
      const e = rng.int(E);
      const days = W[rng.int(W.length)];
      if (days.length !== 2) continue;
      const sat = x[e * D + days[0]] !== OFF;
      if (sat === (x[e * D + days[1]] !== OFF)) continue;
      const d = sat ? days[1] : days[0];
      if (this.fixedOff[e * D + d] === 1) continue;
      return this.setTarget(e, d, ANY_SHIFT);
    }
    return false;
  }

  private setTarget(e: number, d: number, s: number): boolean {
    this.target.e = e;
    this.target.d = d;
    this.target.s = s;
    return true;
  }

  private one(out: CellEdits, e: number, d: number, v: number): boolean {
    out.n = 1;
    out.e[0] = e;
    out.d[0] = d;
    out.v[0] = v;
    return true;
  }

  /** Row e works v on day d and gives up day d2. */
  private two(out: CellEdits, e: number, d: number, v: number, d2: number): boolean {
    this.one(out, e, d, v);
    out.n = 2;
    out.e[1] = e;
    out.d[1] = d2;
    out.v[1] = OFF;
    return true;
  }
}
