import type { Aide, ShiftAssignment } from '../generated/prisma/client.js';
import { t } from '../i18n/index.js';
import { certificateCoversShift } from '../roster/certificate.js';
import { addDays, formatLocalDateTime, instantAt, localDateOf, weekdayOf } from '../time/index.js';
import { nursingMessages } from './messages.js';
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

export function assignmentViolations(c: AssignmentCheck): string[] {
  const { aide, shift, zone } = c;
  const out: string[] = [];
  if (!aide.active) out.push(`${aide.name} is not active.`);
  const certificate = certificateViolation(aide, shift, zone, 'en');
  if (certificate) out.push(certificate);
  const leave = aide.leaveDates.find((d) => instantAt(d, '00:00', zone) < shift.end && instantAt(addDays(d, 1), '00:00', zone) > shift.start);
  if (leave) out.push(`${aide.name} is on leave on ${leave}.`);
  if (c.requiredSkill && !aide.skills.includes(c.requiredSkill)) out.push(`${aide.name} lacks the skill '${c.requiredSkill}' this care level requires.`);
  const g = c.patient;
  if (g.genderRequired && g.genderPreference && aide.gender !== g.genderPreference) out.push(`The patient requires a ${g.genderPreference} aide.`);

  const same = c.others.filter((o) => o.date === shift.date && o.shiftCode === shift.shiftCode);
  if (same.some((o) => o.wardId !== c.wardId)) out.push(`${aide.name} already works in another ward in this shift.`);
  const load = same.reduce((s, o) => s + o.load, 0) + c.load;
  if (load > 1 + 1e-9) out.push(`${aide.name}'s load in this shift would be ${load.toFixed(2)} (more than one aide's work).`);

  // Other shifts as distinct intervals (several patients in one shift are one interval).
  const intervals = new Map<number, { start: Date; end: Date }>();
  for (const o of c.others) if (!(o.date === shift.date && o.shiftCode === shift.shiftCode)) intervals.set(o.shiftStart.getTime(), { start: o.shiftStart, end: o.shiftEnd });
  const rest = aide.minRestHours * HOUR;
  for (const o of intervals.values()) {
    if (o.start < shift.end && o.end > shift.start) out.push(`${aide.name} already works an overlapping shift (${o.start.toISOString()}).`);
    else if (o.end <= shift.start && shift.start.getTime() - o.end.getTime() < rest) out.push(`${aide.name} would rest less than ${aide.minRestHours} h after the previous shift.`);
    else if (o.start >= shift.end && o.start.getTime() - shift.end.getTime() < rest) out.push(`${aide.name} would rest less than ${aide.minRestHours} h before the next shift.`);
  }
  const week = mondayOf(shift.start, zone);
  const weekHours = [...intervals.values()].filter((o) => mondayOf(o.start, zone) === week)
    .reduce((s, o) => s + (o.end.getTime() - o.start.getTime()) / HOUR, shift.hours);
  if (weekHours > aide.maxWeeklyHours + 1e-9) out.push(`${aide.name} would work ${weekHours} h in the week of ${week} (limit ${aide.maxWeeklyHours} h).`);
  const run = workRunWith(shift.date, [...intervals.values()].map((o) => localDateOf(o.start, zone)));
  if (run > aide.maxConsecutiveDays) out.push(`${aide.name} would work ${run} days in a row (limit ${aide.maxConsecutiveDays}).`);
  return [...new Set(out)];
}
