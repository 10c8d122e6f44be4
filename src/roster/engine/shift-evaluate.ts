import { OFF, type Schedule, type ShiftModel } from './shift-model.js';

/** Hard-constraint violations, counted as violated instances (0 everywhere = feasible). */
export interface HardViolations {
  maxShifts: number;
  maxMinutes: number;
  minMinutes: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekends: number;
  daysOff: number;
  forbiddenSuccession: number;
  total: number;
}

export interface SoftPenalties {
  shiftOnRequests: number;
  shiftOffRequests: number;
  coverUnder: number;
  coverOver: number;
}

export interface ShiftEvaluation {
  hard: HardViolations;
  soft: SoftPenalties;
  /** The benchmark objective: sum of the weighted soft penalties. */
  objective: number;
  feasible: boolean;
}

/**
 * Evaluates a schedule from scratch, exactly as the Curtois & Qu benchmark defines it. Written
 * plainly and independently of the incremental search state so it can check that state.
 * Minimum-run rules ignore runs touching either end of the horizon: the benchmark assumes
 * unlimited work (or rest) before and after the planning period.
 */
export function evaluateSchedule(model: ShiftModel, schedule: Schedule): ShiftEvaluation {
  const D = model.days;
  const S = model.shiftTypes.length;
  if (schedule.length !== model.employees.length * D) throw new RangeError('schedule size does not match the model');
  const hard: HardViolations = {
    maxShifts: 0, maxMinutes: 0, minMinutes: 0, maxConsecutiveShifts: 0, minConsecutiveShifts: 0,
    minConsecutiveDaysOff: 0, maxWeekends: 0, daysOff: 0, forbiddenSuccession: 0, total: 0,
  };
  const cell = (e: number, d: number): number => schedule[e * D + d];

  model.employees.forEach((employee, e) => {
    const c = employee.contract;
    const counts = new Array<number>(S).fill(0);
    let minutes = 0;
    for (let d = 0; d < D; d++) {
      const v = cell(e, d);
      if (v === OFF) continue;
      counts[v]++;
      minutes += model.shiftTypes[v].minutes;
      if (d + 1 < D) {
        const next = cell(e, d + 1);
        if (next !== OFF && model.shiftTypes[v].forbiddenNext.includes(next)) hard.forbiddenSuccession++;
      }
    }
    counts.forEach((n, s) => { if (n > c.maxShifts[s]) hard.maxShifts++; });
    if (minutes > c.maxMinutes) hard.maxMinutes++;
    if (minutes < c.minMinutes) hard.minMinutes++;

    let d = 0;
    while (d < D) {
      const working = cell(e, d) !== OFF;
      let end = d;
      while (end + 1 < D && (cell(e, end + 1) !== OFF) === working) end++;
      const length = end - d + 1;
      const interior = d > 0 && end < D - 1;
      if (working) {
        if (length > c.maxConsecutiveShifts) hard.maxConsecutiveShifts++;
        if (interior && length < c.minConsecutiveShifts) hard.minConsecutiveShifts++;
      } else if (interior && length < c.minConsecutiveDaysOff) {
        hard.minConsecutiveDaysOff++;
      }
      d = end + 1;
    }

    const weekendsWorked = model.weekends.filter((days) => days.some((day) => cell(e, day) !== OFF)).length;
    if (weekendsWorked > c.maxWeekends) hard.maxWeekends++;
    for (const day of employee.daysOff) if (cell(e, day) !== OFF) hard.daysOff++;
  });
  hard.total = hard.maxShifts + hard.maxMinutes + hard.minMinutes + hard.maxConsecutiveShifts +
    hard.minConsecutiveShifts + hard.minConsecutiveDaysOff + hard.maxWeekends + hard.daysOff + hard.forbiddenSuccession;

  const soft: SoftPenalties = { shiftOnRequests: 0, shiftOffRequests: 0, coverUnder: 0, coverOver: 0 };
  for (const r of model.onRequests) if (cell(r.employee, r.day) !== r.shift) soft.shiftOnRequests += r.weight;
  for (const r of model.offRequests) if (cell(r.employee, r.day) === r.shift) soft.shiftOffRequests += r.weight;
  for (const c of model.cover) {
    let n = 0;
    for (let e = 0; e < model.employees.length; e++) if (cell(e, c.day) === c.shift) n++;
    if (n < c.requirement) soft.coverUnder += (c.requirement - n) * c.underWeight;
    if (n > c.requirement) soft.coverOver += (n - c.requirement) * c.overWeight;
  }
  const objective = soft.shiftOnRequests + soft.shiftOffRequests + soft.coverUnder + soft.coverOver;
  return { hard, soft, objective, feasible: hard.total === 0 };
}
