import type { Rng } from './prng.js';
import { OFF, type Employee, type Schedule, type ShiftModel } from './shift-model.js';

const ATTEMPTS_PER_ROW = 12;

/**
 * Builds a starting schedule row by row. Rows alternate planned working runs (length within
 * the contract's min/max, never across a fixed day off or a weekend the row may not work) and
 * off runs sized so the row lands near its minutes target; each working day takes the shift
 * type whose cover is most short. Every row is tried a few times and the try with the fewest
 * hard violations kept — rows are independent for hard rules, so this is cheap. Starting from
 * all-off, the annealer would spend most of a large instance's budget just filling rows.
 */
export function constructSchedule(model: ShiftModel, rng: Rng): Schedule {
  const D = model.days;
  const S = model.shiftTypes.length;
  const x = new Int16Array(model.employees.length * D).fill(OFF);
  const gap = new Float64Array(D * S); // remaining weighted cover shortfall
  for (const c of model.cover) gap[c.day * S + c.shift] += c.requirement * Math.max(1, c.underWeight);
  const weight = new Float64Array(D * S).fill(1);
  for (const c of model.cover) weight[c.day * S + c.shift] = Math.max(1, c.underWeight);
  const order = model.employees.map((_, e) => e);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const e of order) {
    let best: Int16Array | null = null;
    let bestUnits = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < ATTEMPTS_PER_ROW && bestUnits > 0; attempt++) {
      const row = buildRow(model, model.employees[e], gap, rng);
      const units = rowViolationUnits(model, model.employees[e], row);
      if (units < bestUnits) {
        best = row;
        bestUnits = units;
      }
    }
    x.set(best!, e * D);
    for (let d = 0; d < D; d++) if (best![d] !== OFF) gap[d * S + best![d]] -= weight[d * S + best![d]];
  }
  return x;
}

function buildRow(model: ShiftModel, emp: Employee, gap: Float64Array, rng: Rng): Int16Array {
  const D = model.days;
  const S = model.shiftTypes.length;
  const c = emp.contract;
  const row = new Int16Array(D).fill(OFF);
  const available = new Uint8Array(D).fill(1);
  for (const d of emp.daysOff) available[d] = 0;
  // Choose up front which weekends this row may work, so both days of a weekend agree.
  const weekends = model.weekends.map((_, w) => w);
  for (let i = weekends.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [weekends[i], weekends[j]] = [weekends[j], weekends[i]];
  }
  for (const w of weekends.slice(Math.max(0, c.maxWeekends))) for (const d of model.weekends[w]) available[d] = 0;
  const lengths = model.shiftTypes.filter((_, s) => c.maxShifts[s] > 0).map((t) => t.minutes);
  if (lengths.length === 0) return row;
  const meanLength = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  const target = c.minMinutes + (c.maxMinutes - c.minMinutes) * 0.8;
  const counts = new Int32Array(S);
  let minutes = 0;
  let d = 0;
  let offRun = Number.POSITIVE_INFINITY; // the horizon may start with any number of days off
  while (d < D) {
    let room = 0; // consecutive available days from d
    while (d + room < D && available[d + room] && room < c.maxConsecutiveShifts) room++;
    const touchesEnd = d + room >= D;
    const needShifts = (target - minutes) / meanLength;
    if (offRun < c.minConsecutiveDaysOff || room === 0 || (room < c.minConsecutiveShifts && !touchesEnd) || needShifts <= 0.5) {
      d++;
      offRun++;
      continue;
    }
    let freeDays = 0;
    for (let k = d; k < D; k++) freeDays += available[k];
    const fraction = Math.min(1, needShifts / Math.max(1, freeDays));
    // Start a run now with a probability that keeps the expected work fraction on target.
    if (offRun !== Number.POSITIVE_INFINITY && rng.next() > fraction * 1.6) {
      d++;
      offRun++;
      continue;
    }
    const lo = Math.min(room, c.minConsecutiveShifts);
    // Rows that must work most available days take the longest run the calendar allows.
    let len = fraction > 0.55 ? room : lo + rng.int(room - lo + 1);
    len = Math.max(lo, Math.min(len, Math.ceil(needShifts)));
    let prev = OFF;
    let worked = 0;
    for (let k = 0; k < len; k++) {
      const s = pickShift(model, c.maxShifts, counts, prev, gap, d + k, c.maxMinutes - minutes, rng);
      if (s === OFF) break;
      row[d + k] = s;
      counts[s]++;
      minutes += model.shiftTypes[s].minutes;
      prev = s;
      worked++;
    }
    d += Math.max(worked, 1);
    offRun = worked > 0 ? 0 : offRun + 1;
  }
  return row;
}

function pickShift(model: ShiftModel, cap: number[], counts: Int32Array, prev: number, gap: Float64Array,
  d: number, minutesLeft: number, rng: Rng): number {
  const S = model.shiftTypes.length;
  let best = OFF;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let s = 0; s < S; s++) {
    if (counts[s] >= cap[s] || model.shiftTypes[s].minutes > minutesLeft) continue;
    if (prev !== OFF && model.shiftTypes[prev].forbiddenNext.includes(s)) continue;
    const score = gap[d * S + s] + rng.next();
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/** Hard-violation units of one row (same units as ShiftState's weighted penalties, unweighted). */
export function rowViolationUnits(model: ShiftModel, emp: Employee, row: Int16Array): number {
  const D = model.days;
  const c = emp.contract;
  const counts = new Array<number>(model.shiftTypes.length).fill(0);
  let minutes = 0;
  let units = 0;
  for (let d = 0; d < D; d++) {
    const v = row[d];
    if (v === OFF) continue;
    counts[v]++;
    minutes += model.shiftTypes[v].minutes;
    if (d + 1 < D && row[d + 1] !== OFF && model.shiftTypes[v].forbiddenNext.includes(row[d + 1])) units++;
  }
  counts.forEach((n, s) => (units += Math.max(0, n - c.maxShifts[s])));
  // Minutes count in whole average shifts so they weigh like the other units.
  units += Math.ceil(Math.max(0, minutes - c.maxMinutes, c.minMinutes - minutes) / 480);
  for (const d of emp.daysOff) if (row[d] !== OFF) units++;
  let d = 0;
  while (d < D) {
    const working = row[d] !== OFF;
    let end = d;
    while (end + 1 < D && (row[end + 1] !== OFF) === working) end++;
    const len = end - d + 1;
    const interior = d > 0 && end < D - 1;
    if (working) units += Math.max(0, len - c.maxConsecutiveShifts) + (interior ? Math.max(0, c.minConsecutiveShifts - len) : 0);
    else if (interior) units += Math.max(0, c.minConsecutiveDaysOff - len);
    d = end + 1;
  }
  const weekends = model.weekends.filter((days) => days.some((day) => row[day] !== OFF)).length;
  return units + Math.max(0, weekends - c.maxWeekends);
}
