import { z } from 'zod';
import { dateRange, localDate, money, pageQuery, pastInstantString } from '../http/common-schemas.js';
import { MAX_LOCAL_DATE, MIN_LOCAL_DATE } from '../time/index.js';
import { idNumberSchema } from '../people/read.js';
import { MEAL_SLOTS, subsidyPolicyRulesSchema } from '../subsidy/index.js';
import { CS } from './messages.js';
import { servingHoursSchema } from './serving-hours.js';

/** zod schemas of the canteen domain: canteens, operators, checkout, voids and adjustments. */

export const slotSchema = z.enum(MEAL_SLOTS);
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, CS.month.key)
  // The same absolute bounds as every local date (see src/time).
  .refine((m) => m >= MIN_LOCAL_DATE.slice(0, 7) && m <= MAX_LOCAL_DATE.slice(0, 7), {
    message: CS.monthRange.key, params: { min: MIN_LOCAL_DATE.slice(0, 7), max: MAX_LOCAL_DATE.slice(0, 7) },
  })
  .meta({ example: '2026-03' });

const explanationSchema = z.object({ en: z.string(), zh: z.string() });
const fundAmountSchema = z.object({ fund: z.string(), amount: z.number().int() });

export const pricesSchema = z
  .partialRecord(slotSchema, money.min(1).max(100_000))
  .refine((p) => Object.keys(p).length > 0, { message: CS.priceRequired.key })
  .meta({ example: { lunch: 1000, dinner: 800 } })
  .describe('Full price per slot in fen; a slot without a price is not sold here.');

const canteenFields = {
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(300).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  prices: pricesSchema,
  servingHours: servingHoursSchema.optional(),
};
export const canteenCreateSchema = z.strictObject(canteenFields);
export const canteenUpdateSchema = z.strictObject(canteenFields).partial();

export const canteenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  prices: z.record(z.string(), z.number().int()),
  servingHours: z.record(z.string(), z.object({ from: z.string(), to: z.string() })),
  operatorUserIds: z.array(z.uuid()),
  createdAt: z.iso.datetime(),
}).meta({ id: 'Canteen' });

export const operatorBodySchema = z.strictObject({ userId: z.uuid() });
export const operatorParams = z.strictObject({ id: z.uuid(), userId: z.uuid() });
export const mealParams = z.strictObject({ id: z.uuid(), mealId: z.uuid() });

/** The diner is identified by exactly one of personId, idNumber or cardNumber. */
export const checkoutSchema = z
  .strictObject({
    personId: z.uuid().optional(),
    idNumber: idNumberSchema.optional().describe('Resident ID; an ID not registered with this tenant pays full price.'),
    cardNumber: z.string().trim().min(4).max(32).optional(),
    slot: slotSchema.optional().describe('Default: the canteen serving window servedAt falls in; another slot, or a time outside every window, needs an override.'),
    servedAt: pastInstantString.optional().describe('Default: now; not in the future (5 min clock skew allowed). More than the tenant tolerance (default 2 h) in the past needs an override.'),
    override: z.strictObject({ reason: z.string().trim().min(1).max(500) }).optional()
      .describe('A manager (admin) allows a checkout outside the serving hours or recorded late; the reason is kept on the meal and audited.'),
  })
  .superRefine((b, ctx) => {
    const given = (['personId', 'idNumber', 'cardNumber'] as const).filter((k) => b[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', path: given[1] ? [given[1]] : ['personId'], message: CS.oneIdentifier.key });
    }
  });
export type CheckoutInput = z.infer<typeof checkoutSchema>;

export const voidSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const adjustmentSchema = z.strictObject({
  amount: z.number().int().min(-100_000).max(100_000).refine((v) => v !== 0, { message: CS.zeroAdjustment.key })
    .describe('Change of the subsidy in fen: positive pays the diner back, negative claws back.'),
  reason: z.string().trim().min(1).max(500),
});

export const adjustmentView = z.object({
  id: z.uuid(),
  mealId: z.uuid(),
  canteenId: z.uuid(),
  amount: z.number().int(),
  fundSplit: z.array(fundAmountSchema),
  reason: z.string(),
  month: z.string().describe('The month the adjustment is booked (and settled) in.'),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});

export const mealSchema = z.object({
  id: z.uuid(),
  canteenId: z.uuid(),
  diner: z
    .object({ personId: z.uuid(), name: z.string(), idNumber: z.string().nullable().describe('Masked except for admins.') })
    .nullable()
    .describe('Null for a diner not registered with this tenant.'),
  identifiedBy: z.enum(['person_id', 'id_number', 'card']),
  localDate: z.string(),
  slot: slotSchema,
  servedAt: z.iso.datetime(),
  recordedAt: z.iso.datetime().describe('When the meal reached the server; far after servedAt = back-dated.'),
  override: z.object({ kinds: z.array(z.enum(['outside_hours', 'late_record'])), reason: z.string(), by: z.uuid().nullable() }).nullable()
    .describe('The manager override the meal was recorded with, if any.'),
  price: z.number().int(),
  subsidy: z.number().int(),
  payable: z.number().int(),
  rule: z.string().describe('Machine code of the rule: age_90_plus_free, status_minimum_living, cap_slot_day, non_resident, …'),
  message: z.string().describe('The rule in words, in the reader\'s locale (Accept-Language for a token, else the user\'s or tenant\'s).'),
  explanation: explanationSchema,
  basis: z.array(z.string()),
  fundSplit: z.array(fundAmountSchema),
  policyId: z.uuid().nullable(),
  ageOnDate: z.number().int().nullable(),
  status: z.enum(['active', 'voided']),
  voidedAt: z.iso.datetime().nullable(),
  voidReason: z.string().nullable(),
  adjustments: z.array(adjustmentView).optional(),
  createdAt: z.iso.datetime(),
}).meta({ id: 'CanteenMeal' });

export const mealListQuery = z.strictObject({
  date: localDate.optional().describe('Local date; default today.'),
  slot: slotSchema.optional(),
  status: z.enum(['active', 'voided']).optional(),
  personId: z.uuid().optional(),
  ...pageQuery,
});

export const summaryQuery = z
  .strictObject({ from: localDate.optional(), to: localDate.optional() })
  .superRefine(dateRange('from', 'to', 366));

export const policyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  effectiveFrom: localDate,
  effectiveTo: localDate.nullable().optional(),
  rules: subsidyPolicyRulesSchema.optional().describe('Omitted: the SPEC defaults (GET /subsidy-policies/defaults).'),
}).refine((p) => !p.effectiveTo || p.effectiveTo >= p.effectiveFrom, { message: CS.effectiveToBeforeFrom.key, path: ['effectiveTo'] });
export type PolicyCreate = z.infer<typeof policyCreateSchema>;

export const policySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  rules: z.record(z.string(), z.unknown()),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
}).meta({ id: 'SubsidyPolicy' });
