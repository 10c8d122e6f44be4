import type { UncoveredCause } from '../types.js';
import { BLOCK_CERTIFICATE, BLOCK_GENDER, BLOCK_LEAVE, BLOCK_SKILL, type Problem } from './problem.js';
import type { RosterState } from './state.js';

/**
 * The hard rules of the nursing roster, in one place. The greedy construction and every
 * local-search move ask these functions before they touch the state, so the two phases can
 * never disagree about what is allowed.
 *
 * Rules: one aide per (shift, booking); load Σ 1/ratio ≤ 1 per aide and shift; one ward per aide
 * and shift; certificate valid until the shift's end (src/roster/certificate.ts); required skill; required gender; no shift
 * overlapping a leave day; no overlapping shifts; minimum rest between shifts (also against work
 * before the horizon); weekly hours (ISO weeks in local time, by shift start) within the maximum;
 * at most `maxConsecutiveDays` local dates in a row with a shift starting on them.
 */

const LOAD_EPSILON = 1e-9; // 1/2 + 1/3 + 1/6 must fit although floats sum it to 1.0000000000000002

export type StaticCause = 'leave' | 'certificate' | 'skill' | 'gender';

/** Every static reason why aide a may never serve pair p (empty when it may). */
export function staticCauses(problem: Problem, a: number, p: number): StaticCause[] {
  const pair = problem.pairs[p];
  const shiftBlock = problem.aideShiftBlock[a * problem.shifts.length + pair.shift];
  const needBlock = problem.aideNeedBlock[a * problem.needs.length + pair.need];
  const causes: StaticCause[] = [];
  if (shiftBlock & BLOCK_LEAVE) causes.push('leave');
  if (shiftBlock & BLOCK_CERTIFICATE) causes.push('certificate');
  if (needBlock & BLOCK_SKILL) causes.push('skill');
  if (needBlock & BLOCK_GENDER) causes.push('gender');
  return causes;
}

/** True when aide a may serve pair p as far as leave, certificate, skill and gender go. */
export function staticOk(problem: Problem, a: number, p: number): boolean {
  const pair = problem.pairs[p];
  return problem.aideShiftBlock[a * problem.shifts.length + pair.shift] === 0 &&
    problem.aideNeedBlock[a * problem.needs.length + pair.need] === 0;
}

/**
 * May aide a, off duty in shift s, start working it? Checks overlap and rest against the
 * aide's other shifts in the horizon and before it, and the weekly-hours cap.
 */
export function openBlock(problem: Problem, state: RosterState, a: number, s: number): 'rest' | 'weekly_hours' | 'consecutive_days' | null {
  const aide = problem.aides[a];
  const shift = problem.shifts[s];
  if (state.weekMinutes[a * problem.weeks + shift.week] + shift.minutes > aide.maxWeeklyMinutes + LOAD_EPSILON) return 'weekly_hours';
  const clashes = (start: number, end: number): boolean => {
    if (shift.start < end && start < shift.end) return true; // overlapping shifts
    const gap = end <= shift.start ? shift.start - end : start - shift.end;
    return gap < aide.minRestMs;
  };
  for (const t of state.duty[a]) {
    if (t === s) continue;
    const other = problem.shifts[t];
    if (clashes(other.start, other.end)) return 'rest';
  }
  for (const [start, end] of aide.prior) if (clashes(start, end)) return 'rest';
  return workRunBlock(problem, state, a, shift.day);
}

/** Would one more shift on `day` make the aide work more local dates in a row than allowed? */
function workRunBlock(problem: Problem, state: RosterState, a: number, day: number): 'consecutive_days' | null {
  const base = a * problem.days;
  const works = (d: number) => d >= 0 && d < problem.days && state.dayShifts[base + d] > 0;
  if (works(day)) return null; // already a working date
  const max = problem.aides[a].maxConsecutiveDays;
  let run = 1;
  for (let d = day - 1; works(d) && run <= max; d--) run++;
  for (let d = day + 1; works(d) && run <= max; d++) run++;
  return run > max ? 'consecutive_days' : null;
}

/** Why aide a may not take pair p on top of what it already has (null = it may). */
export function addBlock(problem: Problem, state: RosterState, a: number, p: number): UncoveredCause | null {
  const causes = staticCauses(problem, a, p);
  if (causes.length > 0) return causes[0];
  const pair = problem.pairs[p];
  const k = state.slot(pair.shift, a);
  if (state.slotWard[k] >= 0) {
    const fits = state.slotWard[k] === pair.ward && state.slotLoad[k] + pair.load <= 1 + LOAD_EPSILON;
    return fits ? null : 'capacity';
  }
  return openBlock(problem, state, a, pair.shift);
}

/** May pairs p (aide A) and q (aide B) of one shift and ward trade aides? */
export function swapOk(problem: Problem, state: RosterState, p: number, q: number): boolean {
  const A = state.assign[p];
  const B = state.assign[q];
  const pp = problem.pairs[p];
  const pq = problem.pairs[q];
  if (A < 0 || B < 0 || A === B || pp.shift !== pq.shift || pp.ward !== pq.ward) return false;
  if (!staticOk(problem, A, q) || !staticOk(problem, B, p)) return false;
  const loadA = state.slotLoad[state.slot(pp.shift, A)] - pp.load + pq.load;
  const loadB = state.slotLoad[state.slot(pp.shift, B)] - pq.load + pp.load;
  return loadA <= 1 + LOAD_EPSILON && loadB <= 1 + LOAD_EPSILON;
}

/** May every pair in `pairs` (one shift, one ward) move onto aide b together? */
export function groupOk(problem: Problem, state: RosterState, b: number, pairs: readonly number[]): boolean {
  if (pairs.length === 0) return false;
  const first = problem.pairs[pairs[0]];
  let load = 0;
  for (const p of pairs) {
    if (state.assign[p] === b || !staticOk(problem, b, p)) return false;
    load += problem.pairs[p].load;
  }
  const k = state.slot(first.shift, b);
  if (state.slotWard[k] >= 0) return state.slotWard[k] === first.ward && state.slotLoad[k] + load <= 1 + LOAD_EPSILON;
  return load <= 1 + LOAD_EPSILON && openBlock(problem, state, b, first.shift) === null;
}
