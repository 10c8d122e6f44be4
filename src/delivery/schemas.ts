import { z } from 'zod';
import { localDate, localTime, pageQuery } from '../http/common-schemas.js';
import { phoneSchema } from '../people/read.js';
import { MEAL_SLOTS } from '../subsidy/index.js';
import { DE, DS } from './messages.js';

/** zod schemas of the delivery set-up: kitchens, slots, vehicles, recipients, plans, holds, orders. */
export const DIETS = ['regular', 'diabetic', 'low_salt', 'soft', 'minced', 'pureed', 'halal', 'vegetarian'] as const;
export const TEXTURES = ['regular', 'soft', 'minced', 'pureed'] as const;
export const HOLD_REASONS = ['hospitalised', 'away', 'family', 'other'] as const;

export const dietSchema = z.enum(DIETS);
export const textureSchema = z.enum(TEXTURES);
export const slotCode = z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, DS.slotCode.key).meta({ example: 'lunch' });
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const instant = z.iso.datetime();

// ── kitchens ──────────────────────────────────────────────────────────────
export const kitchenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(300).nullable().optional(),
  lat,
  lng,
  capacityPerSlot: z.number().int().min(1).max(100_000).optional().describe('Meals the kitchen can cook per slot (default 500).'),
});
export const kitchenUpdateSchema = kitchenCreateSchema.partial();
export const kitchenSchema = z.object({
  id: z.uuid(), name: z.string(), address: z.string().nullable(), lat: z.number(), lng: z.number(),
  capacityPerSlot: z.number().int(), createdAt: instant,
}).meta({ id: 'Kitchen' });

// ── meal slots ────────────────────────────────────────────────────────────
export const slotUpsertSchema = z.strictObject({
  name: z.string().trim().min(1).max(50).meta({ example: '午餐' }),
  kind: z.enum(MEAL_SLOTS).describe('The meal this slot serves, whatever its code: how other domains (the canteen audit) match it.').meta({ example: 'lunch' }),
  readyTime: localTime.describe('When the kitchen has the meals packed (cooked-at on labels).').meta({ example: '10:30' }),
  windowStart: localTime.meta({ example: '11:00' }),
  windowEnd: localTime.meta({ example: '12:30' }),
  maxRideMinutes: z.number().int().min(5).max(240).default(90).describe('Hot food: kitchen → door at most this long.'),
  serviceMinutes: z.number().int().min(0).max(60).default(3).describe('Time at each door.'),
}).refine((s) => s.windowStart < s.windowEnd, { message: DS.windowOrder.key, path: ['windowEnd'] })
  .refine((s) => s.readyTime <= s.windowStart, { message: DS.readyBeforeWindow.key, path: ['readyTime'] });
export const slotSchema = z.object({
  id: z.uuid(), code: z.string(), name: z.string(), kind: z.enum(MEAL_SLOTS), readyTime: z.string(), windowStart: z.string(), windowEnd: z.string(),
  maxRideMinutes: z.number().int(), serviceMinutes: z.number().int(),
});

// ── vehicles / drivers ────────────────────────────────────────────────────
export const vehicleCreateSchema = z.strictObject({
  kitchenId: z.uuid(),
  driverUserId: z.uuid().describe('A user with the driver role.'),
  name: z.string().trim().min(1).max(60).meta({ example: '送餐车 1' }),
  capacity: z.number().int().min(1).max(1000).describe('Meal boxes the vehicle carries (insulated boxes).').meta({ example: 40 }),
  shiftStart: localTime.meta({ example: '09:30' }),
  shiftEnd: localTime.meta({ example: '13:30' }),
  active: z.boolean().optional(),
}).refine((v) => v.shiftStart < v.shiftEnd, { message: DS.shiftOrder.key, path: ['shiftEnd'] });
export const vehicleUpdateSchema = z.strictObject({
  driverUserId: z.uuid().optional(),
  name: z.string().trim().min(1).max(60).optional(),
  capacity: z.number().int().min(1).max(1000).optional(),
  shiftStart: localTime.optional(),
  shiftEnd: localTime.optional(),
  active: z.boolean().optional(),
});
export const vehicleSchema = z.object({
  id: z.uuid(), kitchenId: z.uuid(), driverUserId: z.uuid(), driverName: z.string().nullable(), name: z.string(),
  capacity: z.number().int(), shiftStart: z.string(), shiftEnd: z.string(), active: z.boolean(), createdAt: instant,
}).meta({ id: 'Vehicle' });

// ── recipients ────────────────────────────────────────────────────────────
export const emergencyContactSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  relation: z.string().trim().max(30).optional(),
  phone: phoneSchema,
});
const recipientFields = {
  kitchenId: z.uuid(),
  diet: dietSchema.default('regular'),
  texture: textureSchema.default('regular'),
  allergies: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  accessNotes: z.string().trim().max(500).nullable().optional().describe('e.g. "deaf — knock loudly", "key with neighbour".'),
  emergencyContacts: z.array(emergencyContactSchema).max(5).default([]),
  gridWorkerName: z.string().trim().max(60).nullable().optional().describe('Community grid worker (网格员).'),
  gridWorkerPhone: phoneSchema.nullable().optional(),
  active: z.boolean().optional(),
};
export const recipientCreateSchema = z.strictObject({ personId: z.uuid(), ...recipientFields });
export const recipientUpdateSchema = z.strictObject({
  kitchenId: z.uuid().optional(),
  diet: dietSchema.optional(),
  texture: textureSchema.optional(),
  allergies: recipientFields.allergies.unwrap().optional(),
  accessNotes: recipientFields.accessNotes,
  emergencyContacts: recipientFields.emergencyContacts.unwrap().optional(),
  gridWorkerName: recipientFields.gridWorkerName,
  gridWorkerPhone: recipientFields.gridWorkerPhone,
  active: z.boolean().optional(),
});
export const recipientListQuery = z.strictObject({
  kitchen: z.uuid().optional(),
  q: z.string().trim().min(1).max(64).optional().describe('Name fragment.'),
  ...pageQuery,
});

// ── meal plans and holds ──────────────────────────────────────────────────
const weekdays = z.array(z.number().int().min(1).max(7)).min(1).max(7)
  .refine((w) => new Set(w).size === w.length, DS.weekdaysRepeat.key)
  .describe('ISO weekdays: 1 = Monday … 7 = Sunday.');
const planFields = {
  slotCodes: z.array(slotCode).min(1).max(5).refine((s) => new Set(s).size === s.length, DS.slotsRepeat.key),
  weekdays,
  startDate: localDate,
  endDate: localDate.nullable().optional(),
  quantity: z.number().int().min(1).max(10).default(1),
  windowStart: localTime.nullable().optional().describe('Optional narrower delivery window.'),
  windowEnd: localTime.nullable().optional(),
};
const planRefinements = <T extends z.ZodType<{ startDate?: string; endDate?: string | null; windowStart?: string | null; windowEnd?: string | null }>>(s: T) =>
  s.refine((p) => !p.endDate || !p.startDate || p.endDate >= p.startDate, { message: DS.endBeforeStart.key, path: ['endDate'] })
    .refine((p) => !p.windowStart === !p.windowEnd, { message: DE.bothWindowEnds.key, path: ['windowEnd'] })
    .refine((p) => !p.windowStart || !p.windowEnd || p.windowStart < p.windowEnd, { message: DS.windowOrder.key, path: ['windowEnd'] });
export const planCreateSchema = planRefinements(z.strictObject(planFields));
export const planUpdateSchema = planRefinements(z.strictObject({ ...planFields, quantity: z.number().int().min(1).max(10) }).partial());
export const planSchema = z.object({
  id: z.uuid(), recipientId: z.uuid(), slotCodes: z.array(z.string()), weekdays: z.array(z.number().int()),
  startDate: z.string(), endDate: z.string().nullable(), quantity: z.number().int(),
  windowStart: z.string().nullable(), windowEnd: z.string().nullable(), createdAt: instant,
}).meta({ id: 'MealPlan' });

export const holdCreateSchema = z.strictObject({
  fromDate: localDate,
  toDate: localDate,
  reason: z.enum(HOLD_REASONS),
  note: z.string().trim().max(300).optional(),
}).refine((h) => h.toDate >= h.fromDate, { message: DS.toBeforeFrom.key, path: ['toDate'] });
export const holdUpdateSchema = z.strictObject({
  fromDate: localDate.optional(),
  toDate: localDate.optional(),
  reason: z.enum(HOLD_REASONS).optional(),
  note: z.string().trim().max(300).nullable().optional(),
});
export const holdSchema = z.object({
  id: z.uuid(), recipientId: z.uuid(), fromDate: z.string(), toDate: z.string(), reason: z.enum(HOLD_REASONS),
  note: z.string().nullable(), createdAt: instant,
  ordersCancelled: z.number().int().optional().describe('Orders this change cancelled (already generated ones).'),
  ordersRestored: z.number().int().optional(),
}).meta({ id: 'DeliveryHold' });

export const recipientSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kitchenId: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable().describe('Masked in lists.'),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  livesAlone: z.boolean(),
  diet: dietSchema,
  texture: textureSchema,
  allergies: z.array(z.string()),
  accessNotes: z.string().nullable(),
  emergencyContacts: z.array(z.object({ name: z.string(), relation: z.string().optional(), phone: z.string().nullable() })),
  gridWorkerName: z.string().nullable(),
  gridWorkerPhone: z.string().nullable(),
  active: z.boolean(),
  plans: z.array(planSchema).optional(),
  holds: z.array(holdSchema).optional(),
  createdAt: instant,
  updatedAt: instant,
}).meta({ id: 'DeliveryRecipient' });

// ── orders ────────────────────────────────────────────────────────────────
export const orderListQuery = z.strictObject({
  date: localDate,
  slot: slotCode.optional(),
  kitchen: z.uuid().optional(),
  status: z.enum(['active', 'cancelled']).optional(),
});
export const orderSchema = z.object({
  id: z.uuid(), recipientId: z.uuid(), kitchenId: z.uuid(), mealPlanId: z.uuid().nullable(), name: z.string(),
  date: z.string(), slotCode: z.string(), quantity: z.number().int(), windowStart: z.string().nullable(), windowEnd: z.string().nullable(),
  status: z.enum(['active', 'cancelled']), cancelReason: z.string().nullable(), holdId: z.uuid().nullable(),
  pinnedVehicleId: z.uuid().nullable(), diet: dietSchema, createdAt: instant,
}).meta({ id: 'DeliveryOrder' });
export const generateSchema = z.strictObject({ date: localDate.optional().describe('Default: tomorrow in the tenant time zone.') });
export const generateResultSchema = z.object({
  date: z.string(), created: z.number().int(), reactivated: z.number().int(), updated: z.number().int(),
  cancelled: z.number().int(), unchanged: z.number().int(), skippedOnHold: z.number().int(),
});
export const pinSchema = z.strictObject({ vehicleId: z.uuid().nullable().describe('null removes the pin.') });
export const cancelOrderSchema = z.strictObject({ reason: z.string().trim().min(1).max(200) });

export type KitchenCreate = z.infer<typeof kitchenCreateSchema>;
export type SlotUpsert = z.infer<typeof slotUpsertSchema>;
export type VehicleCreate = z.infer<typeof vehicleCreateSchema>;
export type VehicleUpdate = z.infer<typeof vehicleUpdateSchema>;
export type RecipientCreate = z.infer<typeof recipientCreateSchema>;
export type RecipientUpdate = z.infer<typeof recipientUpdateSchema>;
export type PlanCreate = z.infer<typeof planCreateSchema>;
export type PlanUpdate = z.infer<typeof planUpdateSchema>;
export type HoldCreate = z.infer<typeof holdCreateSchema>;
export type HoldUpdate = z.infer<typeof holdUpdateSchema>;
