import { z } from 'zod';
import { careMessages as C } from './messages-care.js';
import { instantWithin, localDate, localDateWithin, pageQueryOf, pastInstantString } from '../http/common-schemas.js';
import { genderSchema } from './schemas-setup.js';

/** zod schemas of admissions, bookings, consent, care-level changes, discharge and invoices. */
/**
 * Admissions and discharges may be entered ahead (a planned discharge inside the rostering
 * horizon re-rosters the coming shifts), but not beyond it: a discharge in 2036 billed 3318 days.
 */
export const PLANNED_HORIZON_DAYS = 31;
const plannedInstant = instantWithin(PLANNED_HORIZON_DAYS).transform((s) => new Date(s));
/** Something that has already happened (a signature): at most the clock skew ahead. */
const pastInstant = pastInstantString.transform((s) => new Date(s));
/** A booking ends at most a year ahead (an end in 2300 produced a 99 742-day bill). */
export const BOOKING_HORIZON_DAYS = 366;
const bookingDate = localDateWithin(BOOKING_HORIZON_DAYS);
const code = z.string().trim().min(1).max(32);

export const admissionCreate = z.strictObject({
  personId: z.uuid(),
  wardId: z.uuid(),
  bedId: z.uuid().optional(),
  bedCode: z.string().trim().min(1).max(16).optional().describe('Alternative to bedId: the bed code within the ward.'),
  admittedAt: plannedInstant.optional().describe('Default: now. At most 31 days ahead.'),
});
export const admissionListQuery = z.strictObject({
  wardId: z.uuid().optional(),
  state: z.enum(['open', 'discharged', 'all']).default('open'),
  ...pageQueryOf(100, 500),
});
export const transferInput = z.strictObject({
  wardId: z.uuid().describe('The ward the patient moves to (the same ward for a bed change).'),
  bedId: z.uuid().optional(),
  bedCode: z.string().trim().min(1).max(16).optional().describe('Alternative to bedId: the bed code within the ward.'),
});
export const dischargeInput = z.strictObject({ dischargedAt: plannedInstant.optional().describe('Default: now. At most 31 days ahead (a planned discharge).') });

export const consentInput = z.strictObject({
  signerName: z.string().trim().min(1).max(100),
  relation: z.string().trim().min(1).max(50).describe('e.g. 儿子 / daughter / spouse / self.'),
  method: z.enum(['paper', 'verbal', 'electronic']),
  signedAt: pastInstant.optional().describe('Default: now. Not in the future.'),
});
export const consentRevoke = z.strictObject({
  reason: z.string().trim().max(300).optional(),
  revokedAt: plannedInstant.optional().describe('Default: now (at most 31 days ahead). Assignments of shifts starting after it are removed.'),
});

/** The longest care note a coordinator may keep: a few sentences an aide reads on a phone between two patients. */
export const CARE_NOTES_MAX = 500;
/** What the family asks the aides to mind; blank clears it. NUL and lone surrogates are refused centrally (src/http/input-text.ts). */
export const careNotesText = z.string().trim().max(CARE_NOTES_MAX).describe('What the family asks, e.g. 左侧偏瘫，喂饭需慢. Shown to the assigned aides only.');
export const careNotesInput = z.strictObject({ careNotes: careNotesText.nullable().describe('null or blank: no care notes.') });

export const bookingCreate = z.strictObject({
  admissionId: z.uuid(),
  barthelScore: z.number().int().min(0).max(100).describe('Barthel self-care index 0–100.'),
  levelCode: code.optional().describe('Default: the level suggested by the Barthel score.'),
  overrideReason: z.string().trim().min(1).max(500).optional().describe('Required when levelCode differs from the suggestion.'),
  startDate: bookingDate.optional().describe('Default: the local admission date. At most a year ahead.'),
  endDate: bookingDate.optional().describe('At most a year ahead.'),
  genderPreference: genderSchema.nullable().optional(),
  genderRequired: z.boolean().default(false).describe('true: only aides of the preferred gender may be assigned.'),
  careNotes: careNotesText.optional(),
  consent: consentInput.optional().describe('Record the family consent together with the booking.'),
  activate: z.boolean().default(false).describe('Activate at once (needs consent).'),
}).refine((b) => !b.genderRequired || b.genderPreference, { message: C.genderRequiredNeedsPreference.key, path: ['genderRequired'] })
  .refine((b) => !b.endDate || !b.startDate || b.endDate >= b.startDate, { message: C.endBeforeStart.key, path: ['endDate'] });

export const bookingListQuery = z.strictObject({
  status: z.enum(['pending', 'active', 'ended']).optional(),
  wardId: z.uuid().optional(),
  ...pageQueryOf(100, 500),
});

export const levelChange = z.strictObject({
  effectiveFrom: localDate.describe('Local date from which the new level (and fee) applies.'),
  levelCode: code.optional().describe('Default: suggested from barthelScore.'),
  barthelScore: z.number().int().min(0).max(100).optional().meta({ example: 45 }),
  reason: z.string().trim().min(1).max(500).optional().describe('Required when levelCode differs from the Barthel suggestion.'),
}).refine((c) => c.levelCode || c.barthelScore !== undefined, { message: C.levelOrBarthel.key, path: ['levelCode'] });

export const bookingEnd = z.strictObject({
  endedAt: plannedInstant.optional().describe('Default: now. At most 31 days ahead.'),
  reason: z.string().trim().min(1).max(300),
});

export const consentSchema = z.object({
  id: z.uuid(),
  signerName: z.string(),
  relation: z.string(),
  method: z.enum(['paper', 'verbal', 'electronic']),
  signedAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  revokedReason: z.string().nullable(),
  active: z.boolean(),
  hasSignature: z.boolean().describe('A handwritten signature drawn on a tablet is stored (GET …/signature).'),
});

export const bookingSchema = z.object({
  id: z.uuid(),
  admissionId: z.uuid(),
  person: z.object({ id: z.uuid(), name: z.string(), gender: genderSchema }),
  wardId: z.uuid(),
  bedCode: z.string().nullable(),
  status: z.enum(['pending', 'active', 'ended']),
  barthelScore: z.number().int().nullable(),
  suggestedLevel: z.string().nullable(),
  overrideReason: z.string().nullable(),
  levelCode: z.string().describe('Level in force today (tenant zone).'),
  levels: z.array(z.object({ levelCode: z.string(), effectiveFrom: z.string(), reason: z.string().nullable() })),
  startDate: z.string(),
  endDate: z.string().nullable(),
  genderPreference: genderSchema.nullable(),
  genderRequired: z.boolean(),
  careNotes: z.string().nullable().describe('What the family asks the aides to mind.'),
  consentActive: z.boolean(),
  consents: z.array(consentSchema),
  activatedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  endReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
}).meta({ id: 'CareBooking' });

export const admissionSchema = z.object({
  id: z.uuid(),
  person: z.object({ id: z.uuid(), name: z.string(), gender: genderSchema, age: z.number().int().nullable() }),
  wardId: z.uuid(),
  bedId: z.uuid().nullable(),
  bedCode: z.string().nullable(),
  admittedAt: z.iso.datetime(),
  dischargedAt: z.iso.datetime().nullable(),
  bookings: z.array(bookingSchema),
}).meta({ id: 'Admission' });

export const invoiceLineSchema = z.object({
  levelCode: z.string(), levelName: z.string(), fromDate: z.string(), toDate: z.string(),
  days: z.number().int(), dailyFee: z.number().int(), amount: z.number().int(),
});
export const invoiceSchema = z.object({
  id: z.uuid(),
  number: z.string().describe('Readable number per hospital and year, e.g. ZY-2026-000123.'),
  bookingId: z.uuid(),
  patient: z.object({ name: z.string(), ward: z.string(), bed: z.string().nullable() }),
  admittedAt: z.iso.datetime(),
  dischargedAt: z.iso.datetime().nullable(),
  fromDate: z.string(),
  toDate: z.string(),
  days: z.number().int(),
  lines: z.array(invoiceLineSchema),
  totalFee: z.number().int().describe('Fen.'),
  totalInCapitals: z.string().describe('The total in Chinese capital numerals (大写), e.g. 壹仟贰佰元整.'),
  issuedAt: z.iso.datetime(),
}).meta({ id: 'NursingInvoice' });
export const transferResult = z.object({ admission: admissionSchema, removedAssignments: z.number().int() });
export const dischargeResult = z.object({ admission: admissionSchema, invoices: z.array(invoiceSchema), removedAssignments: z.number().int() });
export const invoiceListQuery = z.strictObject({ from: localDate.optional(), to: localDate.optional(), ...pageQueryOf(100, 500) });

export const noteCreate = z.strictObject({
  date: localDate,
  shiftCode: z.string().trim().min(1).max(32),
  text: z.string().trim().min(1).max(2000),
});
export const noteSchema = z.object({
  id: z.uuid(), bookingId: z.uuid(), date: z.string(), shiftCode: z.string(),
  authorUserId: z.uuid(), authorName: z.string(), text: z.string(), createdAt: z.iso.datetime(),
}).meta({ id: 'HandoverNote' });
export const noteListQuery = z.strictObject({ from: localDate.optional(), to: localDate.optional() });

export type BookingCreate = z.infer<typeof bookingCreate>;
export type ConsentInput = z.infer<typeof consentInput>;
export type LevelChange = z.infer<typeof levelChange>;
