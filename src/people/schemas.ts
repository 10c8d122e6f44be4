import { z } from 'zod';
import { localDate, pageQuery, pastLocalDate } from '../http/common-schemas.js';
import { parseIdNumber } from './id-card.js';
import { PM } from './messages.js';

export const STATUS_CODES = [
  'extreme_poverty', 'minimum_living', 'low_income_edge', 'severe_disability', 'disabled_elderly',
  'semi_disabled_elderly', 'special_family', 'veteran_family', 'empty_nest',
] as const;
export const statusCodeSchema = z.enum(STATUS_CODES);
export const genderSchema = z.enum(['male', 'female']);

export const idNumberSchema = z.string().transform((raw, ctx) => {
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.key, params: { ...parsed.params, problem: parsed.problem } });
    return z.NEVER;
  }
  return parsed.value;
}).meta({ example: '360302194501011234', description: '18-character resident ID (GB 11643), checksum validated.' });

export const phoneSchema = z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, PM.phone.key);

export const statusInputSchema = z.strictObject({
  code: statusCodeSchema,
  validFrom: localDate,
  validTo: localDate.nullable().optional(),
  note: z.string().max(500).optional(),
}).refine((s) => !s.validTo || s.validTo >= s.validFrom, { message: PM.validToBeforeFrom.key, path: ['validTo'] });

const personFields = {
  name: z.string().trim().min(1).max(100),
  gender: genderSchema,
  birthDate: pastLocalDate,
  idNumber: idNumberSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  address: z.string().trim().max(300).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  livesAlone: z.boolean().optional(),
  localHukou: z.boolean().optional(),
  cardNumber: z.string().trim().min(4).max(32).nullable().optional(),
  deathDate: pastLocalDate.nullable().optional(),
};

/** The birth date encoded in an ID number must be the person's birth date. */
function birthDateMatchesId(p: { birthDate?: string; idNumber?: string | null }, ctx: z.RefinementCtx) {
  if (!p.idNumber || !p.birthDate) return;
  const encoded = `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`;
  if (encoded !== p.birthDate) {
    ctx.addIssue({ code: 'custom', path: ['idNumber'], message: PM.idEncodesOther.key, params: { encoded, birthDate: p.birthDate } });
  }
}

function deathAfterBirth(p: { birthDate?: string; deathDate?: string | null }, ctx: z.RefinementCtx) {
  if (p.birthDate && p.deathDate && p.deathDate < p.birthDate) {
    ctx.addIssue({ code: 'custom', path: ['deathDate'], message: PM.deathBeforeBirth.key });
  }
}

export const personCreateSchema = z
  .strictObject({ ...personFields, statuses: z.array(statusInputSchema).max(20).optional() })
  .superRefine(birthDateMatchesId)
  .superRefine(deathAfterBirth);

export const personUpdateSchema = z.strictObject(personFields).partial().superRefine(birthDateMatchesId).superRefine(deathAfterBirth);

export const statusSchema = z.object({
  id: z.uuid(),
  code: statusCodeSchema,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
  activeOnDate: z.boolean(),
});

export const personSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  gender: genderSchema,
  birthDate: z.string().nullable().describe('Admins only (its digits are digits 7–14 of the ID number); null for other roles.'),
  birthYear: z.number().int(),
  age: z.number().int().nullable().describe('Age on the requested local date for admins; on today (tenant zone) for other roles.'),
  idNumber: z.string().nullable().describe('Masked (3601**********1234) except for admins.'),
  phone: z.string().nullable().describe('Masked in lists.'),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  geocodeStatus: z.enum(['ok', 'low_confidence', 'not_found', 'failed', 'manual']).nullable()
    .describe('How lat/lng came about; null: the current address is not geocoded yet.'),
  geocodeConfidence: z.number().nullable().describe('0..1, from the geocoder.'),
  livesAlone: z.boolean(),
  localHukou: z.boolean(),
  cardNumber: z.string().nullable(),
  deathDate: z.string().nullable(),
  statuses: z.array(statusSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).meta({ id: 'Person' });

export const personListQuery = z.strictObject({
  q: z.string().trim().min(1).max(64).optional().describe('Name fragment; admins also: an ID number (or its start) or a phone.'),
  on: localDate.optional().describe('Local date for ages and active statuses.'),
  ...pageQuery,
});

export const personGetQuery = z.strictObject({ on: localDate.optional() });

export type PersonCreate = z.infer<typeof personCreateSchema>;
export type PersonUpdate = z.infer<typeof personUpdateSchema>;
export type StatusInput = z.infer<typeof statusInputSchema>;
