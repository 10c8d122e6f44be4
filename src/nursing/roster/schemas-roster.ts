import { z } from 'zod';
import { dateRange, localDate, pageQueryOf } from '../../http/common-schemas.js';

/** The longest range a roster, a coverage view or an aide's own list may span (days, inclusive). */
export const MAX_ROSTER_DAYS = 31;

/** zod schemas of rosters, assignments, coverage and the aide's own view. */
export const rosterCreate = z.strictObject({
  fromDate: localDate,
  toDate: localDate,
  wardIds: z.array(z.uuid()).max(50).optional().describe('Default: every ward.'),
}).superRefine(dateRange('fromDate', 'toDate', MAX_ROSTER_DAYS));

const uncoveredSchema = z.object({
  shiftId: z.string(), date: z.string(), shiftCode: z.string(), wardId: z.string(), wardName: z.string(),
  careLevel: z.string(), patients: z.number().int(), bookingIds: z.array(z.string()), aidesShort: z.number().int(),
  cause: z.string(), reason: z.string(),
});
export const rosterDiffSchema = z.object({
  before: z.number().int().describe('Assignments in scope before the run.'),
  after: z.number().int(),
  kept: z.number().int().describe('(shift, patient) pairs that kept their aide.'),
  reassigned: z.number().int(),
  removed: z.number().int().describe('Pairs no longer covered (or no longer needed).'),
  added: z.number().int().describe('Newly covered pairs.'),
  changed: z.number().int().describe('reassigned + removed: existing assignments that did not survive.'),
  changes: z.array(z.object({ date: z.string(), shiftCode: z.string(), bookingId: z.string(), fromAideId: z.string().nullable(), toAideId: z.string().nullable() })),
});
export const rosterResultSchema = z.object({
  shifts: z.number().int().describe('Shift instances re-solved.'),
  frozenShifts: z.number().int().describe('Shifts in the range that had already started: kept as they were.'),
  needs: z.number().int().describe('(shift, patient) pairs that needed an aide.'),
  covered: z.number().int(),
  coveragePct: z.number(),
  uncovered: z.array(uncoveredSchema),
  aidesOnDuty: z.number().int().describe('Distinct aides with at least one shift.'),
  hoursPerAide: z.record(z.string(), z.number()),
  continuityPct: z.number().nullable(),
  diff: rosterDiffSchema,
  objective: z.record(z.string(), z.number()),
});
export const rosterRunSchema = z.object({
  id: z.uuid(),
  fromDate: z.string(),
  toDate: z.string(),
  wardIds: z.array(z.string()),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int(),
  result: rosterResultSchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
}).meta({ id: 'RosterRun' });

export const assignmentQuery = z.strictObject({
  from: localDate, to: localDate,
  wardId: z.uuid().optional(), aideId: z.uuid().optional(), bookingId: z.uuid().optional(),
  // A ward's week is a few hundred rows; a hospital's month can be over 10 000.
  ...pageQueryOf(2000, 5000),
});
export const assignmentSchema = z.object({
  id: z.uuid(), date: z.string(), shiftCode: z.string(), shiftStart: z.iso.datetime(), shiftEnd: z.iso.datetime(),
  wardId: z.uuid(), aideId: z.uuid(), aideName: z.string(), bookingId: z.uuid(), patientName: z.string(),
  bedCode: z.string().nullable(), levelCode: z.string(), rosterRunId: z.uuid().nullable(),
}).meta({ id: 'ShiftAssignment' });
export const assignmentCreate = z.strictObject({
  date: localDate, shiftCode: z.string().trim().min(1).max(32), bookingId: z.uuid(), aideId: z.uuid(),
});

export const coverageQuery = z.strictObject({ from: localDate, to: localDate, wardId: z.uuid().optional() }).superRefine(dateRange('from', 'to', MAX_ROSTER_DAYS));
export const coverageSchema = z.object({
  needs: z.number().int(), covered: z.number().int(), coveragePct: z.number(),
  shifts: z.array(z.object({
    date: z.string(), shiftCode: z.string(), wardId: z.string(), wardName: z.string(),
    needs: z.number().int(), covered: z.number().int(), aides: z.number().int(),
    uncoveredBookingIds: z.array(z.string()),
  })),
});

export const myShiftsQuery = z.strictObject({
  from: localDate.optional().describe('Default: today (tenant zone).'),
  to: localDate.optional().describe('Default: from + 6 days.'),
}).superRefine(dateRange('from', 'to', MAX_ROSTER_DAYS));
export const myShiftSchema = z.object({
  date: z.string(), shiftCode: z.string(), shiftName: z.string(), start: z.iso.datetime(), end: z.iso.datetime(),
  ward: z.object({ id: z.uuid(), name: z.string() }),
  load: z.number(),
  patients: z.array(z.object({
    bookingId: z.uuid(), name: z.string(), gender: z.enum(['male', 'female']), age: z.number().int().nullable(),
    bed: z.string().nullable(), careLevel: z.object({ code: z.string(), name: z.string(), patientsPerAide: z.number().int() }),
    careNotes: z.string().nullable().describe('What the family asks the aide to mind (set by the coordinator).'),
    handoverNotes: z.array(z.object({ id: z.uuid(), date: z.string(), shiftCode: z.string(), authorName: z.string(), text: z.string(), createdAt: z.iso.datetime() })),
  })),
});
export const myShiftsSchema = z.object({
  aide: z.object({ id: z.uuid(), name: z.string() }),
  from: z.string(), to: z.string(),
  shifts: z.array(myShiftSchema),
});
