import { z } from 'zod';
import { localDate } from '../../http/common-schemas.js';
import { dietSchema, emergencyContactSchema, HOLD_REASONS, recipientUpdateSchema, slotCode, textureSchema } from '../schemas.js';

/**
 * HTML forms send strings (and one value or several for repeated names); these schemas turn a
 * form into the API's own input, which then goes through the API's schema — one set of rules.
 */
const many = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const blankToNull = z.string().trim().max(500).optional().transform((v) => (v ? v : null));
const blankToUndefined = z.string().trim().optional().transform((v) => (v ? v : undefined));

export const recipientEditBody = z.strictObject({
  diet: dietSchema,
  texture: textureSchema,
  allergies: z.string().max(900).optional().transform((v) => (v ?? '').split(/[,，、;；\n]+/).map((s) => s.trim()).filter(Boolean)),
  accessNotes: blankToNull,
  gridWorkerName: blankToNull,
  gridWorkerPhone: blankToNull,
  contactName: many, contactRelation: many, contactPhone: many,
  active: z.literal('on').optional(),
}).transform((f) => ({
  diet: f.diet, texture: f.texture, allergies: f.allergies, accessNotes: f.accessNotes,
  gridWorkerName: f.gridWorkerName, gridWorkerPhone: f.gridWorkerPhone, active: f.active === 'on',
  // A row left blank is no contact; a half-filled row is checked (and refused) like the API does.
  emergencyContacts: f.contactName.map((name, i): { name: string; relation?: string; phone: string } => {
    const relation = f.contactRelation[i]?.trim();
    return { name: name.trim(), phone: f.contactPhone[i]?.trim() ?? '', ...(relation ? { relation } : {}) };
  }).filter((c) => c.name || c.phone),
})).pipe(recipientUpdateSchema.pick({ diet: true, texture: true, allergies: true, accessNotes: true, gridWorkerName: true, gridWorkerPhone: true, active: true })
  .required().extend({ emergencyContacts: z.array(emergencyContactSchema).max(5) }));

export const planAddBody = z.strictObject({
  slotCodes: many.pipe(z.array(slotCode).min(1)),
  weekdays: many.transform((v) => v.map(Number)).pipe(z.array(z.number().int().min(1).max(7)).min(1)),
  startDate: localDate,
  endDate: blankToUndefined.pipe(localDate.optional()),
  quantity: z.coerce.number().int().min(1).max(10),
});

export const planEndBody = z.strictObject({ endDate: localDate });

export const holdAddBody = z.strictObject({
  fromDate: localDate,
  toDate: localDate,
  reason: z.enum(HOLD_REASONS),
  note: blankToUndefined.pipe(z.string().max(300).optional()),
});

export const recipientSearchQuery = z.strictObject({
  q: blankToUndefined.pipe(z.string().max(64).optional()),
  cursor: z.string().max(100).optional(),
});

/** After a form's redirect: what was saved (the notice) and how many orders it touched. */
export const recipientDetailQuery = z.strictObject({
  saved: z.enum(['saved', 'planAdded', 'planEnded', 'holdAdded', 'holdDeleted']).optional(),
  count: z.coerce.number().int().min(0).max(100_000).optional(),
});
