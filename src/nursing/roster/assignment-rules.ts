import type { Aide, ShiftAssignment } from '../../generated/prisma/client.js';
import { t } from '../../i18n/index.js';
import type { Message, Params } from '../../i18n/index.js';
import { certificateCoversShift } from '../../roster/certificate.js';
import { addDays, formatLocalDateTime, instantAt, localDateOf, weekdayOf } from '../../time/index.js';
import { nursingMessages } from '../messages.js';
import { ruleMessages as R } from './rule-messages.js';
import type { ShiftInstance } from './shifts.js';

/**
 * The hard rules for putting one aide on one patient in one shift by hand (the solver enforces
 * the same rules for whole rosters). Returns every broken rule in words; empty = allowed.
 */
export interface AssignmentCheck {
  aide: Aide;
  shift: ShiftInstance;
  wardId: string;
  /** Load of this patient: 1 / patients per aide of the level in force. */
  load: number;
  requiredSkill: string | null;
  patient: { genderPreference: string | null; genderRequired: boolean };
  /** The aide's other stored assignments near the shift, with each one's load. */
  others: (Pick<ShiftAssignment, 'date' | 'shiftCode' | 'shiftStart' | 'shiftEnd' | 'wardId' | 'bookingId'> & { load: number })[];
  zone: string;
}

const HOUR = 3_600_000;
const mondayOf = (instant: Date, zone: string) => {
  const date = localDateOf(instant, zone);
  return addDays(date, 1 - weekdayOf(date));
};

/** Length of the run of consecutive working dates that `date` joins (`others`: dates of other shifts). */
function workRunWith(date: string, others: string[]): number {
  const worked = new Set(others);
  let run = 1;
  for (let d = addDays(date, -1); worked.has(d); d = addDays(d, -1)) run++;
  for (let d = addDays(date, 1); worked.has(d); d = addDays(d, 1)) run++;
  return run;
}

/**
 * The certificate rule (shared with the solver, src/roster/certificate.ts): the certificate must be
 * valid until the shift ends, so a night shift ending the morning after the expiry date is refused.
 * Returns the sentence in the given locale, or null when the certificate covers the shift.
 */
export function certificateViolation(aide: Pick<Aide, 'name' | 'certificateExpiry'>, shift: Pick<ShiftInstance, 'end'>, zone: string, locale: string): string | null {
  if (certificateCoversShift(aide.certificateExpiry, shift.end, zone)) return null;
  return t(locale, nursingMessages.certificateEndsBeforeShift, { name: aide.name, expiry: aide.certificateExpiry, end: formatLocalDateTime(shift.end, zone) });
}

export function assignmentViolations(c: AssignmentCheck, locale = 'en'): string[] {
  const { aide, shift, zone } = c;
  const name = aide.name;
  const out: string[] = [];
  const say = (m: Message, params: Params = {}) => out.push(t(locale, m, { name, ...params }));
  if (!aide.active) say(R.inactive);
  const certificate = certificateViolation(aide, shift, zone, locale);
  if (certificate) out.push(certificate);
  const leave = aide.leaveDates.find((d) => instantAt(d, '00:00', zone) < shift.end && instantAt(addDays(d, 1), '00:00', zone) > shift.start);
  if (leave) say(R.onLeave, { date: leave });
  if (c.requiredSkill && !aide.skills.includes(c.requiredSkill)) say(R.skill, { skill: c.requiredSkill });
  const g = c.patient;
  if (g.genderRequired && g.genderPreference && aide.gender !== g.genderPreference) {
    say(R.gender, { gender: t(locale, g.genderPreference === 'male' ? R.male : R.female) });
  }

  const same = c.others.filter((o) => o.date === shift.date && o.shiftCode === shift.shiftCode);
  if (same.some((o) => o.wardId !== c.wardId)) say(R.otherWard);
  const load = same.reduce((s, o) => s + o.load, 0) + c.load;
  if (load > 1 + 1e-9) say(R.load, { load: load.toFixed(2) });

  // Other shifts as distinct intervals (several patients in one shift are one interval).
  const intervals = new Map<number, { start: Date; end: Date }>();
  for (const o of c.others) if (!(o.date === shift.date && o.shiftCode === shift.shiftCode)) intervals.set(o.shiftStart.getTime(), { start: o.shiftStart, end: o.shiftEnd });
  const rest = aide.minRestHours * HOUR;
  for (const o of intervals.values()) {
    if (o.start < shift.end && o.end > shift.start) say(R.overlap, { start: formatLocalDateTime(o.start, zone) });
    else if (o.end <= shift.start && shift.start.getTime() - o.end.getTime() < rest) say(R.restAfter, { hours: aide.minRestHours });
    else if (o.start >= shift.end && o.start.getTime() - shift.end.getTime() < rest) say(R.restBefore, { hours: aide.minRestHours });
  }
  const week = mondayOf(shift.start, zone);
  const weekHours = [...intervals.values()].filter((o) => mondayOf(o.start, zone) === week)
    .reduce((s, o) => s + (o.end.getTime() - o.start.getTime()) / HOUR, shift.hours);
  if (weekHours > aide.maxWeeklyHours + 1e-9) say(R.weekHours, { hours: weekHours, week, limit: aide.maxWeeklyHours });
  const run = workRunWith(shift.date, [...intervals.values()].map((o) => localDateOf(o.start, zone)));
  if (run > aide.maxConsecutiveDays) say(R.daysInRow, { run, limit: aide.maxConsecutiveDays });
  return [...new Set(out)];
}
