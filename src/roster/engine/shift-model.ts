/**
 * Generic shift-assignment model: employees × days × shift types. Every hard constraint is
 * per employee (a row of the schedule); employees interact only through the soft cover terms.
 * The Curtois & Qu benchmark maps onto it one to one.
 */

/** Value of a schedule cell meaning "day off". */
export const OFF = -1;

export interface ShiftType {
  id: string;
  minutes: number;
  /** Indices of shift types that may not be worked on the day after this one. */
  forbiddenNext: number[];
}

export interface Contract {
  /** Per shift type index: maximum number of such shifts over the horizon. */
  maxShifts: number[];
  maxMinutes: number;
  minMinutes: number;
  maxConsecutiveShifts: number;
  /** A working run not touching the horizon's ends must be at least this long. */
  minConsecutiveShifts: number;
  /** A run of days off not touching the horizon's ends must be at least this long. */
  minConsecutiveDaysOff: number;
  maxWeekends: number;
}

export interface Employee {
  id: string;
  contract: Contract;
  /** Day indices on which no shift may be assigned (hard). */
  daysOff: number[];
}

export interface ShiftRequest {
  employee: number;
  day: number;
  shift: number;
  weight: number;
}

export interface CoverRequirement {
  day: number;
  shift: number;
  requirement: number;
  underWeight: number;
  overWeight: number;
}

export interface ShiftModel {
  days: number;
  shiftTypes: ShiftType[];
  employees: Employee[];
  /** Each weekend as its day indices; a weekend counts as worked if any of its days is. */
  weekends: number[][];
  /** Penalty `weight` if the employee does NOT work `shift` on `day`. */
  onRequests: ShiftRequest[];
  /** Penalty `weight` if the employee works `shift` on `day`. */
  offRequests: ShiftRequest[];
  cover: CoverRequirement[];
}

/** A schedule: row-major employees × days, cell = shift type index or OFF. */
export type Schedule = Int16Array;

/** Weekends (Saturday, Sunday) for a horizon that starts on a Monday. */
export function mondayWeekends(days: number): number[][] {
  const weekends: number[][] = [];
  for (let sat = 5; sat < days; sat += 7) weekends.push(sat + 1 < days ? [sat, sat + 1] : [sat]);
  return weekends;
}
