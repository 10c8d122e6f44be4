/**
 * Public data types of the nursing roster solver (免陪照护). Plain data in, plain data out.
 *
 * Times: an `Instant` is UTC epoch milliseconds, or an ISO-8601 string; an ISO string without
 * an offset is read in the input's `timeZone`. Local dates are 'YYYY-MM-DD' in `timeZone`.
 */
export type Instant = number | string;
export type Gender = 'female' | 'male';

/** One shift of the hospital's templates on one date (shifts are hospital-wide, not per ward). */
export interface RosterShift {
  id: string;
  /** Local date the shift belongs to (its start date); a certificate must cover the whole shift, up to `end`. */
  date: string;
  /** Template code, e.g. 'day', 'night', '24h'. Continuity compares shifts of the same code. */
  code: string;
  start: Instant;
  end: Instant;
}

export interface CareLevelSpec {
  code: string;
  /** Patients one aide may take at this level: special=1, level1=2, level2=3, level3=6. */
  patientsPerAide: number;
  requiredSkill?: string | null;
}

/** A booking that must be covered in each of its active shifts. */
export interface RosterNeed {
  bookingId: string;
  patientId: string;
  wardId: string;
  careLevel: CareLevelSpec;
  genderPreference?: Gender | null;
  /** When true the preference is a hard rule; otherwise it is only preferred. */
  genderRequired: boolean;
  /** Shifts in which this booking must be covered (computed by the service). */
  activeShiftIds: string[];
}

/** A shift the aide already works outside the horizon (for rest and weekly-hour checks). */
export interface WorkedInterval {
  start: Instant;
  end: Instant;
}

export interface RosterAide {
  id: string;
  gender: Gender;
  /** Last local date on which the certificate is valid (inclusive). */
  certificateExpiry: string;
  skills: string[];
  /** Preferred wards; working elsewhere is allowed but penalised. Empty = no preference. */
  homeWardIds: string[];
  /** Default 60. Weeks are ISO weeks in local time; a shift counts in the week it starts. */
  maxWeeklyHours?: number;
  /** Default 11: hours between the end of one shift and the start of the next. */
  minRestHours?: number;
  /**
   * Default 6: most local dates in a row with a shift starting on them (labour law: at least one
   * day off a week). Work in `alreadyWorked` counts on the local date it starts.
   */
  maxConsecutiveDays?: number;
  /** Local dates of leave: no shift may overlap any part of such a day. */
  leaveDates: string[];
  alreadyWorked?: WorkedInterval[];
}

/** An assignment of a previous roster, for re-rostering with few changes. */
export interface ExistingAssignment {
  shiftId: string;
  aideId: string;
  bookingId: string;
}

export interface RosterInput {
  /** IANA time zone of the hospital, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  shifts: RosterShift[];
  needs: RosterNeed[];
  aides: RosterAide[];
  existing?: ExistingAssignment[];
}

/** Penalty weights of the soft goals (per unit). Uncovered needs dominate everything. */
export interface RosterWeights {
  uncovered: number;
  /** Per aide on duty per shift (fewest aides). */
  aideOnDuty: number;
  /** Per broken continuity link (same patient, consecutive shifts of the same code, other aide). */
  continuityBreak: number;
  /** Per existing (shift, booking) pair whose aide changed or that was left uncovered. */
  changedExisting: number;
  /** Per aide-shift outside the aide's home wards. */
  awayFromHomeWard: number;
  /** Per (shift, booking) served by an aide of the non-preferred gender (preference not required). */
  genderPreference: number;
  /** Times Σ (hours/12)² over aides: favours spreading hours evenly. */
  balance: number;
}

export interface RosterOptions {
  seed?: number;
  /** Local-search budget in moves (deterministic). Default scales with the problem size. */
  maxIterations?: number;
  /** Wall-clock cap, honoured only with `now` (the solver reads no clock itself). */
  timeLimitMs?: number;
  now?: () => number;
  weights?: Partial<RosterWeights>;
}

export interface RosterAssignment {
  shiftId: string;
  aideId: string;
  bookingIds: string[];
  wardId: string;
  /** Σ 1/patientsPerAide over the aide's patients in this shift (≤ 1). */
  load: number;
}

export type UncoveredCause =
  | 'no_eligible_aide' | 'gender' | 'certificate' | 'skill' | 'leave' | 'rest' | 'weekly_hours' | 'consecutive_days' | 'capacity';

/** Needs left uncovered, grouped by shift, ward, care level and cause. */
export interface UncoveredGroup {
  shiftId: string;
  date: string;
  shiftCode: string;
  wardId: string;
  careLevel: string;
  patients: number;
  bookingIds: string[];
  /** Extra aides that would be needed to cover these patients. */
  aidesShort: number;
  cause: UncoveredCause;
  /** e.g. "night 2026-12-03, ward 3: 4 level1 patients need 2 more aides (all eligible aides are busy)". */
  reason: string;
}

export interface RosterStats {
  aidesOnDutyPerShift: Record<string, number>;
  hoursPerAide: Record<string, number>;
  /** Share of continuity links kept (0-100), null when there is no link. */
  continuityPct: number | null;
  coveredPairs: number;
  uncoveredPairs: number;
  /** Existing pairs kept with the same aide. */
  kept: number;
  /** Existing pairs not kept: reassigned + uncovered + released (booking no longer active). */
  changed: number;
  changes: { reassigned: number; uncovered: number; released: number };
  iterations: number;
}

export interface RosterObjective {
  total: number;
  uncovered: number;
  aidesOnDuty: number;
  continuity: number;
  changes: number;
  homeWard: number;
  genderPreference: number;
  balance: number;
}

export interface RosterResult {
  assignments: RosterAssignment[];
  uncovered: UncoveredGroup[];
  stats: RosterStats;
  objective: RosterObjective;
}
