import type { Problem } from './problem.js';

/**
 * Who covers which (shift, booking) pair, with the bookkeeping the feasibility checks need
 * (aide slots per shift, duty lists, weekly minutes) and the soft objective kept up to date
 * incrementally. `place` and `remove` only record; they never judge — every caller asks the
 * feasibility module first, so both solver phases share one set of hard rules.
 */
export class RosterState {
  readonly assign: Int32Array;
  /** Per (shift, aide): ward index the aide works in that shift, or -1 when off duty. */
  readonly slotWard: Int32Array;
  readonly slotLoad: Float64Array;
  readonly slotPairs: Array<number[] | undefined>;
  /** Per aide: shift indices on duty, ascending (shifts are indexed in start order). */
  readonly duty: number[][];
  /** Per (aide, week): minutes worked, including work before the horizon. */
  readonly weekMinutes: Float64Array;
  readonly horizonMinutes: Float64Array;
  /** Per (aide, day): shifts starting that local date, including work before the horizon. */
  readonly dayShifts: Int32Array;
  readonly dutyPerShift: Int32Array;
  uncovered: number;
  onDuty = 0;
  breaks = 0;
  changed = 0;
  away = 0;
  genderMisses = 0;
  sumSquares = 0;

  constructor(readonly problem: Problem) {
    const A = problem.aides.length;
    const S = problem.shifts.length;
    this.assign = new Int32Array(problem.pairs.length).fill(-1);
    this.slotWard = new Int32Array(S * A).fill(-1);
    this.slotLoad = new Float64Array(S * A);
    this.slotPairs = new Array(S * A);
    this.duty = problem.aides.map(() => []);
    this.weekMinutes = Float64Array.from(problem.priorWeekMinutes);
    this.horizonMinutes = new Float64Array(A);
    this.dayShifts = Int32Array.from(problem.priorDayShifts);
    this.dutyPerShift = new Int32Array(S);
    this.uncovered = problem.pairs.length;
    for (let p = 0; p < problem.pairs.length; p++) if (this.isChanged(p)) this.changed++;
  }

  /** Weighted soft objective of the current state. */
  cost(): number {
    const w = this.problem.weights;
    return w.uncovered * this.uncovered + w.aideOnDuty * this.onDuty + w.continuityBreak * this.breaks +
      w.changedExisting * this.changed + w.awayFromHomeWard * this.away + w.genderPreference * this.genderMisses +
      w.balance * this.sumSquares;
  }

  slot(shift: number, aide: number): number {
    return shift * this.problem.aides.length + aide;
  }

  /** Gives pair p (currently uncovered) to aide a. */
  place(p: number, a: number): void {
    const pair = this.problem.pairs[p];
    const k = this.slot(pair.shift, a);
    this.linkTerms(p, -1);
    if (this.isChanged(p)) this.changed--;
    if (this.slotWard[k] < 0) this.openSlot(pair.shift, a, pair.ward);
    this.slotLoad[k] += pair.load;
    (this.slotPairs[k] ??= []).push(p);
    this.assign[p] = a;
    this.uncovered--;
    if (this.missesGender(p)) this.genderMisses++;
    if (this.isChanged(p)) this.changed++;
    this.linkTerms(p, 1);
  }

  /** Takes pair p away from its aide, leaving it uncovered. */
  remove(p: number): void {
    const a = this.assign[p];
    if (a < 0) return;
    const pair = this.problem.pairs[p];
    const k = this.slot(pair.shift, a);
    this.linkTerms(p, -1);
    if (this.isChanged(p)) this.changed--;
    if (this.missesGender(p)) this.genderMisses--;
    const list = this.slotPairs[k]!;
    list.splice(list.indexOf(p), 1);
    this.slotLoad[k] -= pair.load;
    this.assign[p] = -1;
    this.uncovered++;
    if (list.length === 0) {
      this.slotLoad[k] = 0; // drop float residue so an empty slot is exactly empty
      this.closeSlot(pair.shift, a);
    }
    if (this.isChanged(p)) this.changed++;
    this.linkTerms(p, 1);
  }

  /** An existing pair counts as changed unless it is still served by the same aide. */
  private isChanged(p: number): boolean {
    const ex = this.problem.existingAide[p];
    return ex !== -2 && (ex === -1 || this.assign[p] !== ex);
  }

  private missesGender(p: number): boolean {
    const need = this.problem.needs[this.problem.pairs[p].need];
    const a = this.assign[p];
    return a >= 0 && !need.genderRequired && !!need.genderPreference && this.problem.aides[a].gender !== need.genderPreference;
  }

  /** Adds (sign 1) or removes (sign -1) the continuity breaks on p's two links. */
  private linkTerms(p: number, sign: number): void {
    const a = this.assign[p];
    if (a < 0) return;
    for (const q of [this.problem.prevLink[p], this.problem.nextLink[p]]) {
      if (q >= 0 && this.assign[q] >= 0 && this.assign[q] !== a) this.breaks += sign;
    }
  }

  private openSlot(s: number, a: number, ward: number): void {
    const k = this.slot(s, a);
    this.slotWard[k] = ward;
    this.dutyPerShift[s]++;
    this.onDuty++;
    const list = this.duty[a];
    let i = list.length;
    while (i > 0 && list[i - 1] > s) i--;
    list.splice(i, 0, s);
    this.addMinutes(a, s, 1);
    this.dayShifts[a * this.problem.days + this.problem.shifts[s].day]++;
    const home = this.problem.aides[a].homeWards;
    if (home.size > 0 && !home.has(this.problem.wards[ward])) this.away++;
  }

  private closeSlot(s: number, a: number): void {
    const k = this.slot(s, a);
    const home = this.problem.aides[a].homeWards;
    if (home.size > 0 && !home.has(this.problem.wards[this.slotWard[k]])) this.away--;
    this.slotWard[k] = -1;
    this.dutyPerShift[s]--;
    this.onDuty--;
    const list = this.duty[a];
    list.splice(list.indexOf(s), 1);
    this.addMinutes(a, s, -1);
    this.dayShifts[a * this.problem.days + this.problem.shifts[s].day]--;
  }

  private addMinutes(a: number, s: number, sign: number): void {
    const shift = this.problem.shifts[s];
    this.weekMinutes[a * this.problem.weeks + shift.week] += sign * shift.minutes;
    const before = this.horizonMinutes[a] / 720; // balance is measured in 12-hour shifts
    this.horizonMinutes[a] += sign * shift.minutes;
    const after = this.horizonMinutes[a] / 720;
    this.sumSquares += after * after - before * before;
  }
}
