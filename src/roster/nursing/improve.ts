import type { AnnealProblem } from '../engine/anneal.js';
import type { Rng } from '../engine/prng.js';
import { addBlock, groupOk, staticOk, swapOk } from './feasibility.js';
import type { Problem } from './problem.js';
import type { RosterState } from './state.js';

/**
 * Local-search moves for the nursing roster, driven by the engine's annealer:
 *  - relocate: give one pair to another aide (on duty in the ward, or a new one); also the way
 *    uncovered pairs get covered;
 *  - swap: two pairs of one shift and ward trade aides;
 *  - replace: hand a whole aide-shift to an aide who is off duty in that shift;
 *  - merge: move all of one aide's patients onto another aide of the same ward (one aide fewer);
 *  - cover (only while some pair is uncovered): give an uncovered pair to an aide who is blocked
 *    only by weekly hours, rest or days in a row, after handing one of that aide's other shifts to an off-duty
 *    aide — the two-step chain that plain relocate/replace almost never find by chance, and the
 *    usual reason a roster with enough staff still leaves the end of a week short.
 * Each move is checked with the feasibility module, then done as remove/place steps whose log
 * lets the annealer undo and redo it.
 */
export class RosterMoves implements AnnealProblem {
  private readonly log: Array<[pair: number, from: number, to: number]> = [];
  private best: Int32Array;

  constructor(private readonly problem: Problem, private readonly state: RosterState) {
    this.best = Int32Array.from(state.assign);
  }

  cost(): number {
    return this.state.cost();
  }

  propose(rng: Rng): number | null {
    const pairs = this.problem.pairs;
    if (pairs.length === 0 || this.problem.aides.length === 0) return null;
    const before = this.state.cost();
    this.log.length = 0;
    const p = rng.int(pairs.length);
    if (this.state.uncovered > 0 && rng.next() < 0.2) {
      if (this.cover(rng)) return this.state.cost() - before;
      return null;
    }
    const r = rng.next();
    const ok = r < 0.45 ? this.relocate(p, rng) : r < 0.7 ? this.swap(p, rng) : r < 0.85 ? this.replace(p, rng) : this.merge(p, rng);
    if (!ok) return null;
    return this.state.cost() - before;
  }

  keep(): void {}

  undo(): void {
    for (let i = this.log.length - 1; i >= 0; i--) {
      const [p, from] = this.log[i];
      this.state.remove(p);
      if (from >= 0) this.state.place(p, from);
    }
  }

  redo(): void {
    for (const [p, , to] of this.log) this.move(p, to, false);
  }

  saveBest(): void {
    this.best = Int32Array.from(this.state.assign);
  }

  restoreBest(): void {
    const pairs = this.problem.pairs.length;
    for (let p = 0; p < pairs; p++) if (this.state.assign[p] !== this.best[p]) this.state.remove(p);
    for (let p = 0; p < pairs; p++) if (this.state.assign[p] !== this.best[p]) this.state.place(p, this.best[p]);
  }

  private move(p: number, to: number, record = true): void {
    const from = this.state.assign[p];
    if (record) this.log.push([p, from, to]);
    this.state.remove(p);
    if (to >= 0) this.state.place(p, to);
  }

  /** Aides on duty in the pair's shift and ward, other than `except`. */
  private wardAides(p: number, except: number): number[] {
    const pair = this.problem.pairs[p];
    const out: number[] = [];
    for (const q of this.problem.pairsByShift[pair.shift]) {
      const a = this.state.assign[q];
      if (a >= 0 && a !== except && this.problem.pairs[q].ward === pair.ward && !out.includes(a)) out.push(a);
    }
    return out;
  }

  /** A random aide who passes the static rules for pair p (a few draws; most aides do). */
  private randomEligible(p: number, rng: Rng): number {
    let a = rng.int(this.problem.aides.length);
    for (let tries = 0; tries < 4 && !staticOk(this.problem, a, p); tries++) a = rng.int(this.problem.aides.length);
    return a;
  }

  private relocate(p: number, rng: Rng): boolean {
    const from = this.state.assign[p];
    let to: number;
    const onDuty = rng.next() < 0.5 ? this.wardAides(p, from) : [];
    if (onDuty.length > 0) to = onDuty[rng.int(onDuty.length)];
    else to = this.randomEligible(p, rng);
    if (to === from || addBlock(this.problem, this.state, to, p) !== null) return false;
    this.move(p, to);
    return true;
  }

  private swap(p: number, rng: Rng): boolean {
    const pair = this.problem.pairs[p];
    const same = this.problem.pairsByShift[pair.shift];
    const q = same[rng.int(same.length)];
    if (!swapOk(this.problem, this.state, p, q)) return false;
    const A = this.state.assign[p];
    const B = this.state.assign[q];
    this.move(p, -1);
    this.move(q, A);
    this.move(p, B);
    return true;
  }

  private replace(p: number, rng: Rng): boolean {
    const A = this.state.assign[p];
    if (A < 0) return false;
    const shift = this.problem.pairs[p].shift;
    const C = this.randomEligible(p, rng);
    if (this.state.slotWard[this.state.slot(shift, C)] >= 0) return false;
    const group = [...this.state.slotPairs[this.state.slot(shift, A)]!];
    if (!groupOk(this.problem, this.state, C, group)) return false;
    for (const q of group) this.move(q, C);
    return true;
  }

  private merge(p: number, rng: Rng): boolean {
    const A = this.state.assign[p];
    if (A < 0) return false;
    const others = this.wardAides(p, A);
    if (others.length === 0) return false;
    const B = others[rng.int(others.length)];
    const group = [...this.state.slotPairs[this.state.slot(this.problem.pairs[p].shift, A)]!];
    if (!groupOk(this.problem, this.state, B, group)) return false;
    for (const q of group) this.move(q, B);
    return true;
  }

  /** An uncovered pair, searched from a random start (called only while some pair is uncovered). */
  private uncoveredPair(rng: Rng): number {
    const n = this.problem.pairs.length;
    const start = rng.int(n);
    for (let i = 0; i < n; i++) {
      const p = (start + i) % n;
      if (this.state.assign[p] < 0) return p;
    }
    return -1;
  }

  private cover(rng: Rng): boolean {
    const p = this.uncoveredPair(rng);
    if (p < 0) return false;
    const X = this.randomEligible(p, rng);
    const block = addBlock(this.problem, this.state, X, p);
    if (block === null) {
      this.move(p, X);
      return true;
    }
    if (block !== 'weekly_hours' && block !== 'rest' && block !== 'consecutive_days') return false;
    // One of X's shifts that causes the block: same ISO week (hours), within a day (rest), or
    // inside the run of working days (consecutive days).
    const shift = this.problem.shifts[this.problem.pairs[p].shift];
    const runDays = this.problem.aides[X].maxConsecutiveDays;
    const culprits = this.state.duty[X].filter((t) => {
      const other = this.problem.shifts[t];
      if (block === 'weekly_hours') return other.week === shift.week;
      if (block === 'rest') return Math.abs(other.start - shift.start) < 36 * 3_600_000;
      return Math.abs(other.day - shift.day) <= runDays;
    });
    if (culprits.length === 0) return false;
    const t = culprits[rng.int(culprits.length)];
    const group = [...this.state.slotPairs[this.state.slot(t, X)]!];
    const C = this.randomEligible(group[0], rng);
    if (C === X || this.state.slotWard[this.state.slot(t, C)] >= 0 || !groupOk(this.problem, this.state, C, group)) return false;
    for (const q of group) this.move(q, C);
    if (addBlock(this.problem, this.state, X, p) !== null) {
      this.undo();
      this.log.length = 0;
      return false;
    }
    this.move(p, X);
    return true;
  }
}
