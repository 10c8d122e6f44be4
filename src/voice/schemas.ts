import { z } from 'zod';
import { instantString } from '../http/common-schemas.js';
import { SUBJECT_KINDS } from './codes.js';
import { VM } from './messages.js';

export const subjectKind = z.enum(SUBJECT_KINDS);
/** The units' people, who take up tickets and enter phone-in ratings (admins always may). */
export const UNIT_ROLES: ('kitchen_manager' | 'canteen_operator' | 'hospital_coordinator')[] = ['kitchen_manager', 'canteen_operator', 'hospital_coordinator'];
export const TICKET_CATEGORIES = ['food_quality', 'lateness', 'missed_meal', 'staff_attitude', 'subsidy_dispute', 'nursing_care', 'other'] as const;
export const TICKET_STATUSES = ['new', 'accepted', 'resolved', 'confirmed', 'reopened'] as const;
export const RATER_KINDS = ['resident', 'family', 'grid_worker'] as const;

const star = z.coerce.number().int().min(1).max(5);
export const ratingInputSchema = z.strictObject({
  scores: z.partialRecord(z.enum(['taste', 'temperature', 'punctuality', 'attitude', 'skill']), star)
    .describe('1–5 each: taste, temperature, punctuality for meals; taste, temperature for canteen visits; attitude, skill for stays.'),
  comment: z.string().trim().max(500).optional(),
  raterKind: z.enum(RATER_KINDS).default('resident'),
}).meta({ example: { scores: { taste: 4, temperature: 3, punctuality: 5 }, comment: '饭有点凉', raterKind: 'family' } });

export const phoneInSchema = ratingInputSchema.extend({
  subjectKind, subjectId: z.uuid(),
}).meta({ example: { subjectKind: 'meal', subjectId: '0193a3f0-0000-7000-8000-000000000001', scores: { taste: 5, temperature: 4, punctuality: 4 }, raterKind: 'grid_worker' } });

export const ticketCreateSchema = z.strictObject({
  category: z.enum(TICKET_CATEGORIES),
  description: z.string().trim().min(1).max(1000),
  subjectKind, subjectId: z.uuid(),
  requestKey: z.string().min(8).max(64).optional().describe('A one-time key of the submitting form: resending it makes one ticket.'),
}).meta({ example: { category: 'lateness', description: '送餐晚到了一个小时', subjectKind: 'meal', subjectId: '0193a3f0-0000-7000-8000-000000000001' } });

export const codeTicketSchema = ticketCreateSchema.omit({ subjectKind: true, subjectId: true });
export const resolveSchema = z.strictObject({ resolution: z.string().trim().min(1).max(1000) }).meta({ example: { resolution: '已向送餐员核实并调整路线' } });
export const reopenSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });

export const ticketQuery = z.strictObject({
  status: z.enum(TICKET_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional().describe('true: new, accepted and reopened only.'),
});

export const monthQuery = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, VM.monthFormat.key) });

export const ratingSchema = z.object({
  id: z.uuid(), subjectKind, subjectId: z.uuid(), unitKind: z.string(), unitId: z.uuid(), serviceDate: z.string(),
  scores: z.record(z.string(), z.number()), meanTenths: z.number().int(), comment: z.string().nullable(),
  raterKind: z.string(), source: z.string(), createdAt: instantString, updatedAt: instantString,
});

export const ticketSchema = z.object({
  id: z.uuid(), category: z.enum(TICKET_CATEGORIES), unitKind: z.string(), unitId: z.uuid(), unitName: z.string(),
  subjectKind: z.string().nullable(), subjectId: z.string().nullable(), serviceDate: z.string().nullable(),
  description: z.string(), status: z.enum(TICKET_STATUSES), source: z.string(),
  acceptDueAt: instantString, resolveDueAt: instantString, acceptedAt: instantString.nullable(), resolvedAt: instantString.nullable(),
  resolution: z.string().nullable(), confirmedAt: instantString.nullable(), reopenCount: z.number().int(),
  /** The last time the ticket went before the admins this round; per deadline in the two fields after it. */
  escalatedAt: instantString.nullable(), acceptEscalatedAt: instantString.nullable(), resolveEscalatedAt: instantString.nullable(), overdue: z.boolean(), createdAt: instantString,
}).meta({ id: 'VoiceTicket' });

export const codeSchema = z.object({ code: z.string(), url: z.string(), expiresAt: instantString });
export const codeQuery = z.strictObject({ subjectKind, subjectId: z.uuid() });
