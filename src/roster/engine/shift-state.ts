import { OFF, type Schedule, type ShiftModel } from './shift-model.js';

/** Weights turning hard violations into penalties the local search can trade against. */
export interface HardWeights {
  /** Per unit of excess/deficit (a shift, a day of a run, a weekend, a succession, a day off). */
  unit: number;
  /** Per minute outside [minMinutes, maxMinutes]. */
  minute: number;
}

/**
 * Incremental evaluation of a schedule for local search. Every move is a sequence of
 * `setCells` calls on single rows; each returns the exact change of the weighted cost
 * (soft objective + hard violations × weights). Only the runs and successions around the
 * changed cells are rescanned, so a move costs O(run length), not O(horizon).
 */
export class ShiftState {
  readonly x: Schedule;
  readonly E: number;
  readonly D: number;
  readonly S: number;
  cost = 0;
  private readonly counts: Int32Array;
  private readonly minutes: Int32Array;
  private readonly weekendDays: Int16Array;
  private readonly weekendsWorked: Int32Array;
  private readonly weekendOfDay: Int32Array;
  private readonly coverCount: Int32Array;
  private readonly coverReq: Int32Array;
  private readonly coverUnder: Float64Array;
  private readonly coverOver: Float64Array;
  /** Cover keys (day * S + shift) currently short of their requirement, for directed moves. */
  readonly short: Int32Array;
  shortCount = 0;
  private readonly shortPos: Int32Array;
  /** Per cell: offset into cellPenalty (S+1 values, index v+1) or -1 if the cell is free of requests. */
  private readonly cellOffset: Int32Array;
  private readonly cellPenalty: Float64Array;
  private readonly forbidden: Uint8Array;
  private readonly length: Int32Array;
  // Contract limits copied into flat typed arrays: the hot loop must not chase object fields.
  private readonly capShifts: Int32Array;
  private readonly maxMin: Int32Array;
  private readonly minMin: Int32Array;
  private readonly maxRun: Int32Array;
  private readonly minRun: Int32Array;
  private readonly minOff: Int32Array;
  private readonly maxWeekends: Int32Array;

  constructor(readonly model: ShiftModel, readonly weights: HardWeights, initial?: Schedule) {
    const E = (this.E = model.employees.length);
    const D = (this.D = model.days);
    const S = (this.S = model.shiftTypes.length);
    const W = model.weekends.length;
    this.x = new Int16Array(E * D).fill(OFF);
    this.counts = new Int32Array(E * S);
    this.minutes = new Int32Array(E);
    this.weekendDays = new Int16Array(E * Math.max(W, 1));
    this.weekendsWorked = new Int32Array(E);
    this.weekendOfDay = new Int32Array(D).fill(-1);
    model.weekends.forEach((days, w) => days.forEach((d) => (this.weekendOfDay[d] = w)));
    this.length = Int32Array.from(model.shiftTypes, (t) => t.minutes);
    const contracts = model.employees.map((emp) => emp.contract);
    this.capShifts = Int32Array.from(contracts.flatMap((c) => c.maxShifts));
    this.maxMin = Int32Array.from(contracts, (c) => c.maxMinutes);
    this.minMin = Int32Array.from(contracts, (c) => c.minMinutes);
    this.maxRun = Int32Array.from(contracts, (c) => c.maxConsecutiveShifts);
    this.minRun = Int32Array.from(contracts, (c) => c.minConsecutiveShifts);
    this.minOff = Int32Array.from(contracts, (c) => c.minConsecutiveDaysOff);
    this.maxWeekends = Int32Array.from(contracts, (c) => c.maxWeekends);
    this.forbidden = new Uint8Array(S * S);
    model.shiftTypes.forEach((t, s) => t.forbiddenNext.forEach((n) => (this.forbidden[s * S + n] = 1)));
    this.coverCount = new Int32Array(D * S);
    this.coverReq = new Int32Array(D * S);
    this.coverUnder = new Float64Array(D * S);
    this.coverOver = new Float64Array(D * S);
    for (const c of model.cover) {
      const k = c.day * S + c.shift;
      this.coverReq[k] = c.requirement;
      this.coverUnder[k] = c.underWeight;
      this.coverOver[k] = c.overWeight;
    }
    // Requests and fixed days off are folded into one per-cell penalty table (sparse: only
    // cells that carry one), so a cell change is priced with a single lookup.
    this.cellOffset = new Int32Array(E * D).fill(-1);
    let used = 0;
    const touch = (e: number, d: number): number => {
      const i = e * D + d;
      if (this.cellOffset[i] < 0) this.cellOffset[i] = used++ * (S + 1);
      return this.cellOffset[i];
    };
    model.employees.forEach((emp, e) => emp.daysOff.forEach((d) => touch(e, d)));
    for (const r of [...model.onRequests, ...model.offRequests]) touch(r.employee, r.day);
    this.cellPenalty = new Float64Array(used * (S + 1));
    model.employees.forEach((emp, e) => emp.daysOff.forEach((d) => {
      const o = this.cellOffset[e * D + d];
      for (let v = 0; v < S; v++) this.cellPenalty[o + v + 1] = weights.unit;
    }));
    for (const r of model.onRequests) {
      const o = this.cellOffset[r.employee * D + r.day];
      for (let v = -1; v < S; v++) if (v !== r.shift) this.cellPenalty[o + v + 1] += r.weight;
    }
    for (const r of model.offRequests) this.cellPenalty[this.cellOffset[r.employee * D + r.day] + r.shift + 1] += r.weight;

    // Initial cost of the all-off schedule, then load the initial schedule through setCells.
    for (let e = 0; e < E; e++) {
      this.cost += this.minutesPenalty(e, 0) + this.runsPenalty(e, 0, D - 1);
      for (let d = 0; d < D; d++) this.cost += this.cellCost(e, d, OFF);
    }
    this.short = new Int32Array(D * S);
    this.shortPos = new Int32Array(D * S).fill(-1);
    for (let k = 0; k < D * S; k++) {
      this.cost += this.coverCost(k, 0);
      this.trackShort(k);
    }
    if (initial) for (let e = 0; e < E; e++) this.setCells(e, 0, D, initial, e * D);
  }

  /**
   * Sets cells [d0, d0 + len) of row e to src[from .. from + len) and returns the change of the
   * weighted cost (also added to `cost`).
   */
  setCells(e: number, d0: number, len: number, src: Int16Array, from: number): number {
    const { D, S, x } = this;
    const base = e * D;
    const hi = d0 + len - 1;
    let L = d0 > 0 ? d0 - 1 : 0;
    const leftWork = x[base + L] !== OFF;
    while (L > 0 && (x[base + L - 1] !== OFF) === leftWork) L--;
    let R = hi < D - 1 ? hi + 1 : D - 1;
    const rightWork = x[base + R] !== OFF;
    while (R < D - 1 && (x[base + R + 1] !== OFF) === rightWork) R++;
    const sLo = d0 > 0 ? d0 - 1 : 0;
    const sHi = hi < D - 1 ? hi : D - 2;
    const minutesBefore = this.minutesPenalty(e, this.minutes[e]);
    const weekendBefore = this.weekendPenalty(e);
    let delta = -this.runsPenalty(e, L, R) - this.successions(e, sLo, sHi) - minutesBefore - weekendBefore;
    const unit = this.weights.unit;
    const cap = this.capShifts;
    const W = this.model.weekends.length;
    for (let i = 0; i < len; i++) {
      const d = d0 + i;
      const old = x[base + d];
      const v = src[from + i];
      if (old === v) continue;
      delta += this.cellCost(e, d, v) - this.cellCost(e, d, old);
      if (old !== OFF) {
        const k = e * S + old;
        if (this.counts[k] > cap[k]) delta -= unit;
        this.counts[k]--;
        this.minutes[e] -= this.length[old];
        const ck = d * S + old;
        delta -= this.coverCost(ck, this.coverCount[ck]);
        this.coverCount[ck]--;
        delta += this.coverCost(ck, this.coverCount[ck]);
        this.trackShort(ck);
      }
      if (v !== OFF) {
        const k = e * S + v;
        this.counts[k]++;
        if (this.counts[k] > cap[k]) delta += unit;
        this.minutes[e] += this.length[v];
        const ck = d * S + v;
        delta -= this.coverCost(ck, this.coverCount[ck]);
        this.coverCount[ck]++;
        delta += this.coverCost(ck, this.coverCount[ck]);
        this.trackShort(ck);
      }
      const w = this.weekendOfDay[d];
      if (w >= 0 && (old === OFF) !== (v === OFF)) {
        const wk = e * W + w;
        const was = this.weekendDays[wk] > 0;
        this.weekendDays[wk] += v === OFF ? -1 : 1;
        const now = this.weekendDays[wk] > 0;
        if (was !== now) this.weekendsWorked[e] += now ? 1 : -1;
      }
      x[base + d] = v;
    }
    delta += this.runsPenalty(e, L, R) + this.successions(e, sLo, sHi) +
      this.minutesPenalty(e, this.minutes[e]) + this.weekendPenalty(e);
    this.cost += delta;
    return delta;
  }

  /** Cells of one row (a view, not a copy). */
  row(e: number): Int16Array {
    return this.x.subarray(e * this.D, (e + 1) * this.D);
  }

  /** Cover shortfall (positive) or excess (negative) of shift s on day d. */
  coverGap(d: number, s: number): number {
    const k = d * this.S + s;
    return this.coverReq[k] - this.coverCount[k];
  }

  /**
   * Prices every value of every day for row e with the other rows as they are: requests and
   * fixed days off, plus the cover change of e working there. out[d * (S + 1) + v + 1].
   */
  rowCosts(e: number, out: Float64Array): void {
    const { D, S, x } = this;
    for (let d = 0; d < D; d++) {
      const current = x[e * D + d];
      const base = d * (S + 1);
      out[base] = this.cellCost(e, d, OFF);
      for (let s = 0; s < S; s++) {
        const k = d * S + s;
        const others = this.coverCount[k] - (current === s ? 1 : 0);
        out[base + s + 1] = this.cellCost(e, d, s) + this.coverCost(k, others + 1) - this.coverCost(k, others);
      }
    }
  }

  /** Keeps `short` (an unordered set with O(1) insert/remove) in step with cover key k. */
  private trackShort(k: number): void {
    const isShort = this.coverCount[k] < this.coverReq[k] && this.coverUnder[k] > 0;
    const pos = this.shortPos[k];
    if (isShort && pos < 0) {
      this.shortPos[k] = this.shortCount;
      this.short[this.shortCount++] = k;
    } else if (!isShort && pos >= 0) {
      const last = this.short[--this.shortCount];
      this.short[pos] = last;
      this.shortPos[last] = pos;
      this.shortPos[k] = -1;
    }
  }

  private cellCost(e: number, d: number, v: number): number {
    const o = this.cellOffset[e * this.D + d];
    return o < 0 ? 0 : this.cellPenalty[o + v + 1];
  }

  private coverCost(k: number, n: number): number {
    const r = this.coverReq[k];
    return n < r ? (r - n) * this.coverUnder[k] : (n - r) * this.coverOver[k];
  }

  private minutesPenalty(e: number, m: number): number {
    if (m > this.maxMin[e]) return (m - this.maxMin[e]) * this.weights.minute;
    if (m < this.minMin[e]) return (this.minMin[e] - m) * this.weights.minute;
    return 0;
  }

  private weekendPenalty(e: number): number {
    const over = this.weekendsWorked[e] - this.maxWeekends[e];
    return over > 0 ? over * this.weights.unit : 0;
  }

  /** Weighted penalty of forbidden successions (d, d+1) for d in [from, to]. */
  private successions(e: number, from: number, to: number): number {
    const { x, S } = this;
    const base = e * this.D;
    let n = 0;
    for (let d = from; d <= to; d++) {
      const a = x[base + d];
      const b = x[base + d + 1];
      if (a !== OFF && b !== OFF && this.forbidden[a * S + b] === 1) n++;
    }
    return n * this.weights.unit;
  }

  /** Weighted run-length penalties of the runs inside [L, R]; L and R must be run boundaries. */
  private runsPenalty(e: number, L: number, R: number): number {
    const { x, D } = this;
    const base = e * D;
    const maxRun = this.maxRun[e];
    const minRun = this.minRun[e];
    const minOff = this.minOff[e];
    let units = 0;
    let d = L;
    while (d <= R) {
      const working = x[base + d] !== OFF;
      let end = d;
      while (end < R && (x[base + end + 1] !== OFF) === working) end++;
      const len = end - d + 1;
      const interior = d > 0 && end < D - 1;
      if (working) {
        if (len > maxRun) units += len - maxRun;
        if (interior && len < minRun) units += minRun - len;
      } else if (interior && len < minOff) {
        units += minOff - len;
      }
      d = end + 1;
    }
    return units * this.weights.unit;
  }
}
