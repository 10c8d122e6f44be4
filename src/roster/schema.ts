import { z } from 'zod';
import type { RosterInput } from './types.js';

/**
 * zod schemas of the solver's input, for the nursing service and job payloads to validate
 * against the same shape the solver expects (see types.ts for the meaning of each field).
 */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const instant = z.union([z.number().int(), z.string().min(10)]);
const gender = z.enum(['female', 'male']);

export const rosterShiftSchema = z.object({
  id: z.string().min(1), date: localDate, code: z.string().min(1), start: instant, end: instant,
});

export const rosterNeedSchema = z.object({
  bookingId: z.string().min(1),
  patientId: z.string().min(1),
  wardId: z.string().min(1),
  careLevel: z.object({
    code: z.string().min(1), patientsPerAide: z.number().positive(), requiredSkill: z.string().nullish(),
  }),
  genderPreference: gender.nullish(),
  genderRequired: z.boolean(),
  activeShiftIds: z.array(z.string()),
});

export const rosterAideSchema = z.object({
  id: z.string().min(1),
  gender,
  certificateExpiry: localDate,
  skills: z.array(z.string()),
  homeWardIds: z.array(z.string()),
  maxWeeklyHours: z.number().positive().optional(),
  minRestHours: z.number().nonnegative().optional(),
  maxConsecutiveDays: z.number().int().min(1).optional(),
  leaveDates: z.array(localDate),
  alreadyWorked: z.array(z.object({ start: instant, end: instant })).optional(),
});

export const rosterInputSchema = z.object({
  timeZone: z.string().min(1),
  shifts: z.array(rosterShiftSchema),
  needs: z.array(rosterNeedSchema),
  aides: z.array(rosterAideSchema),
  existing: z.array(z.object({ shiftId: z.string(), aideId: z.string(), bookingId: z.string() })).optional(),
});

// Compile-time guard: whatever the schema accepts must be a valid solver input.
type Parsed = z.infer<typeof rosterInputSchema>;
export type AssertSchemaMatchesInput = Parsed extends RosterInput ? true : never;
const schemaMatchesInput: AssertSchemaMatchesInput = true;
void schemaMatchesInput;
