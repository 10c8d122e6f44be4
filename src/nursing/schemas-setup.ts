import { z } from 'zod';
import { rosterMessages as R } from './messages-roster.js';
import { localDate, localTime, money } from '../http/common-schemas.js';

/** zod schemas of the set-up endpoints: care levels, shift templates, wards, beds, aides. */
export const genderSchema = z.enum(['male', 'female']);
const code = z.string().trim().min(1).max(32).regex(/^[a-z0-9_-]+$/i, R.codeChars.key).meta({ example: 'day' });
const skill = z.string().trim().min(1).max(64);

export const codeParams = z.strictObject({ code });

export const careLevelInput = z.strictObject({
  name: z.string().trim().min(1).max(64),
  patientsPerAide: z.number().int().min(1).max(20).describe('1 = one aide per patient (1:1).'),
  dailyFee: money,
  feeEffectiveFrom: localDate.optional().describe('For an existing level: the local date a new dailyFee applies from (today or later; default today). Days before keep the fee they had.'),
  requiredSkill: skill.nullable().optional().describe('Aides caring for this level must have this skill.'),
});

export const careLevelSchema = z.object({
  code: z.string(),
  name: z.string(),
  patientsPerAide: z.number().int(),
  dailyFee: z.number().int().describe('Fen per day, in force today.'),
  requiredSkill: z.string().nullable(),
  fees: z.array(z.object({ effectiveFrom: z.string().nullable(), dailyFee: z.number().int() }))
    .describe('The fee schedule: the first fee (effectiveFrom null), then each change from its local date on.'),
});

export const shiftTemplateInput = z.strictObject({
  name: z.string().trim().min(1).max(64),
  startTime: localTime,
  endTime: localTime.describe('Not after startTime = ends the next day; equal to startTime = a 24 h shift.'),
});

export const shiftTemplateSchema = z.object({
  code: z.string(),
  name: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  hours: z.number().describe('Nominal length (a DST night may differ by an hour).'),
});

export const setupSchema = z.object({
  careLevels: z.array(careLevelSchema),
  shiftTemplates: z.array(shiftTemplateSchema),
  created: z.object({ careLevels: z.array(z.string()), shiftTemplates: z.array(z.string()) }),
});

const bedCode = z.string().trim().min(1).max(16);
export const wardCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  department: z.string().trim().max(100).nullable().optional(),
  beds: z.array(bedCode).max(200).optional().describe('Bed codes, e.g. ["01", "02"].'),
});
export const wardUpdate = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  department: z.string().trim().max(100).nullable().optional(),
});
export const bedsAdd = z.strictObject({ codes: z.array(bedCode).min(1).max(200) });

export const bedSchema = z.object({ id: z.uuid(), code: z.string(), admissionId: z.uuid().nullable().describe('Open admission in this bed.') });
export const wardSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  department: z.string().nullable(),
  beds: z.array(bedSchema),
  createdAt: z.iso.datetime(),
}).meta({ id: 'Ward' });

const aideFields = {
  name: z.string().trim().min(1).max(100),
  gender: genderSchema,
  certificateNo: z.string().trim().min(1).max(64),
  certificateExpiry: localDate.describe('Last local date on which the certificate is valid.'),
  skills: z.array(skill).max(30),
  homeWardIds: z.array(z.uuid()).max(20).describe('Wards the aide may work in.'),
  maxWeeklyHours: z.number().int().min(1).max(168),
  minRestHours: z.number().int().min(0).max(48),
  maxConsecutiveDays: z.number().int().min(1).max(7).describe('Most days in a row with a shift starting on them (default 6: one day off a week).'),
  leaveDates: z.array(localDate).max(366),
  userId: z.uuid().nullable().describe('The care_aide user who signs in as this aide.'),
  active: z.boolean(),
};
export const aideCreate = z.strictObject({
  ...aideFields,
  skills: aideFields.skills.default([]),
  maxWeeklyHours: aideFields.maxWeeklyHours.default(60),
  minRestHours: aideFields.minRestHours.default(11),
  maxConsecutiveDays: aideFields.maxConsecutiveDays.default(6),
  leaveDates: aideFields.leaveDates.default([]),
  userId: aideFields.userId.optional(),
  active: aideFields.active.default(true),
});
export const aideUpdate = z.strictObject(aideFields).partial();
export const aideLeave = z.strictObject({
  dates: z.array(localDate).min(1).max(366),
  reason: z.string().trim().max(200).optional(),
});
export const aideListQuery = z.strictObject({ wardId: z.uuid().optional(), active: z.enum(['true', 'false']).optional() });

export const aideSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  gender: genderSchema,
  certificateNo: z.string(),
  certificateExpiry: z.string(),
  skills: z.array(z.string()),
  homeWardIds: z.array(z.string()),
  maxWeeklyHours: z.number().int(),
  minRestHours: z.number().int(),
  maxConsecutiveDays: z.number().int(),
  leaveDates: z.array(z.string()),
  userId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
}).meta({ id: 'CareAide' });
export const aideLeaveResult = z.object({
  aide: aideSchema,
  removedAssignments: z.number().int().describe('Not-yet-started shifts of the aide on those dates, now uncovered: re-roster.'),
});

export type CareLevelInput = z.infer<typeof careLevelInput>;
export type ShiftTemplateInput = z.infer<typeof shiftTemplateInput>;
export type WardCreate = z.infer<typeof wardCreate>;
export type AideCreate = z.infer<typeof aideCreate>;
export type AideUpdate = z.infer<typeof aideUpdate>;
