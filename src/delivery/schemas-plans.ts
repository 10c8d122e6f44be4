import { z } from 'zod';
import { localDate, page, pageQueryOf, pastInstantString } from '../http/common-schemas.js';
import { dietSchema, slotCode, textureSchema } from './schemas.js';

/** zod schemas of route plans, production, dashboard, driver routes, outcomes and alerts. */
const instant = z.iso.datetime();
const outcome = z.enum(['pending', 'delivered', 'not_home', 'refused', 'cancelled']);

export const planCreateBody = z.strictObject({
  date: localDate,
  slot: slotCode,
  kitchenId: z.uuid(),
  timeLimitMs: z.number().int().min(50).max(120_000).optional().describe('Solver time budget (default 2000 ms).'),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export const replanBody = z.strictObject({
  timeLimitMs: z.number().int().min(50).max(120_000).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export const planListQuery = z.strictObject({ date: localDate.optional(), slot: slotCode.optional(), kitchen: z.uuid().optional(), ...pageQueryOf(100, 500) });
export const moveBody = z.strictObject({
  orderId: z.uuid().describe('The order to move (a stop of this plan, or one of its unassigned orders).'),
  vehicleId: z.uuid(),
  position: z.number().int().min(1).optional().describe('1-based position in the vehicle’s route; default last.'),
});

export const stopSchema = z.object({
  id: z.uuid(), stopNo: z.number().int(), orderId: z.uuid(), recipientId: z.uuid(), name: z.string(),
  address: z.string().nullable(), lat: z.number().nullable(), lng: z.number().nullable(),
  phone: z.string().nullable().describe('Masked, except to the route’s own driver on the day of the route.'),
  eta: instant, etaLocal: z.string(), window: z.object({ start: z.string(), end: z.string() }),
  quantity: z.number().int(), load: z.number().int().describe('Meals on board on arrival.'),
  diet: dietSchema, texture: textureSchema, allergies: z.array(z.string()), accessNotes: z.string().nullable(),
  livesAlone: z.boolean(), pinnedVehicleId: z.uuid().nullable(), orderStatus: z.enum(['active', 'cancelled']),
  outcome, outcomeAt: instant.nullable(), outcomeNote: z.string().nullable(),
  outcomeBy: z.uuid().nullable().describe('Who recorded the current outcome (driver or manager).'),
});
export const unassignedSchema = z.object({
  orderId: z.uuid(), recipientId: z.uuid(), name: z.string(),
  reason: z.enum(['capacity', 'time_window', 'ride_time', 'shift', 'pinned_vehicle_unavailable', 'no_vehicle', 'no_location']),
  fitsAlone: z.boolean().optional().describe('The door fits alone on some vehicle: the fleet or the window is too small, not the door too far.'),
  quantity: z.number().int().optional(),
  detail: z.string(),
});
export const planSchema = z.object({
  id: z.uuid(), kitchenId: z.uuid(), kitchen: z.object({ id: z.uuid(), name: z.string(), lat: z.number(), lng: z.number() }),
  date: z.string(), slot: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'published', 'superseded']),
  progress: z.number().int().describe('0–100 while the solver runs.'),
  error: z.string().nullable(),
  params: z.record(z.string(), z.unknown()).describe('Solver options, matrix source (osrm | haversine), revision.'),
  distanceM: z.number().int(), durationS: z.number().int(), vehiclesUsed: z.number().int(), stopCount: z.number().int(),
  createdAt: instant, finishedAt: instant.nullable(), publishedAt: instant.nullable(),
  routes: z.array(z.object({
    id: z.uuid(), routeNo: z.number().int(), vehicleId: z.uuid(), vehicleName: z.string().nullable(), capacity: z.number().int().nullable(),
    driverUserId: z.uuid(), driverName: z.string().nullable(), load: z.number().int(), distanceM: z.number().int(), durationS: z.number().int(),
    departAt: instant, departLocal: z.string(), returnAt: instant, returnLocal: z.string(),
    warnings: z.unknown().describe('What a manual move broke: [{stopNo?, kind: late|ride_time|capacity|shift, minutes?, limit?, detail}]'),
    stops: z.array(stopSchema),
  })),
  unassigned: z.array(unassignedSchema),
}).meta({ id: 'RoutePlan' });
export const planListSchema = page(z.object({
  id: z.uuid(), kitchenId: z.uuid(), date: z.string(), slot: z.string(), status: z.string(), progress: z.number().int(),
  routes: z.number().int(), unassigned: z.number().int(), distanceM: z.number().int(), createdAt: instant,
  finishedAt: instant.nullable(), publishedAt: instant.nullable(),
}));

export const productionQuery = z.strictObject({ date: localDate, slot: slotCode, kitchen: z.uuid().optional().describe('Required when the tenant has several kitchens.') });
const counts = z.record(z.string(), z.number().int());
export const productionSchema = z.object({
  date: z.string(), slot: z.string(), slotName: z.string(),
  kitchen: z.object({ id: z.uuid(), name: z.string(), capacityPerSlot: z.number().int() }),
  overCapacity: z.boolean(),
  plan: z.object({ id: z.uuid(), status: z.string() }).nullable().describe('Published plan, else the newest finished draft, else null.'),
  counts: z.object({ total: z.number().int().describe('Meals'), orders: z.number().int(), cancelled: z.number().int(), byDiet: counts, byTexture: counts, byAllergy: counts }),
  labels: z.array(z.object({
    routeNo: z.number().int().nullable(), stopNo: z.number().int().nullable(), orderId: z.uuid(), name: z.string(), address: z.string().nullable(),
    diet: dietSchema, texture: textureSchema, allergies: z.array(z.string()), quantity: z.number().int(),
    cookedAt: instant, cookedAtLocal: z.string(), eatBy: instant, eatByLocal: z.string(),
  })),
});

export const dashboardQuery = z.strictObject({ date: localDate, slot: slotCode.optional(), kitchen: z.uuid().optional() });
export const dashboardSchema = z.object({
  date: z.string(),
  slots: z.array(z.object({
    slot: z.string(), orders: z.number().int(), meals: z.number().int(), cancelled: z.number().int(), routes: z.number().int(),
    unrouted: z.number().int().describe('Active orders on no published route.'),
    delivered: z.number().int(), onTime: z.number().int().describe('Delivered at a plausible time inside the window.'),
    early: z.number().int().describe('Delivered before the window opened.'),
    late: z.number().int().describe('Delivered after the window closed.'),
    implausible: z.number().int().describe('Delivered with a time before the route left the kitchen or in the future (not counted on time).'),
    notHome: z.number().int(), refused: z.number().int(), pending: z.number().int(),
    onTimeRate: z.number().nullable().describe('onTime ÷ delivered (null before the first delivery).'),
    totalKm: z.number(), openAlerts: z.number().int(), publishedPlanIds: z.array(z.uuid()),
  })),
});

export const driverRouteSchema = z.object({
  id: z.uuid(), planId: z.uuid(), routeNo: z.number().int(), date: z.string(), slot: z.string(), slotName: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
  kitchen: z.object({ id: z.uuid(), name: z.string(), address: z.string().nullable(), lat: z.number(), lng: z.number() }),
  vehicleName: z.string().nullable(), driverUserId: z.uuid(), driverName: z.string().nullable(),
  load: z.number().int(), distanceM: z.number().int(), durationS: z.number().int(),
  departAt: instant, departLocal: z.string(), returnAt: instant, returnLocal: z.string(),
  stops: z.array(stopSchema.extend({
    emergencyContacts: z.array(z.object({ name: z.string(), relation: z.string().nullable(), phone: z.string().nullable() })).describe('Whom to call when nobody answers (masked like the stop’s phone).'),
    gridWorker: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable().describe('Community grid worker (网格员).'),
    welfareCheckAt: instant.nullable().describe('not_home: when the welfare check falls due.'),
    undoUntil: instant.nullable().describe('The caller’s own tap can be undone until then.'),
    proofCount: z.number().int().describe('Photos and signatures stored as proof of delivery.'),
    navigationUrl: z.string().nullable().describe('Opens the tenant’s map app (geo:, 高德, 百度, 腾讯) at the door, in the datum that app expects (GCJ-02 / BD-09; stored coordinates are WGS-84). Null without coordinates.'),
  })),
});
export const myRoutesQuery = z.strictObject({ date: localDate.optional().describe('Default: today in the tenant time zone.') });
export const handoverBody = z.strictObject({
  driverUserId: z.uuid().describe('The driver who takes the route over.'),
  reason: z.string().trim().max(300).optional().describe('e.g. "刘强 called in sick".'),
});
export const myRoutesSchema = z.object({ date: z.string(), routes: z.array(driverRouteSchema) });

export const outcomeBody = z.strictObject({
  status: z.enum(['delivered', 'not_home', 'refused']),
  at: pastInstantString.optional().describe('When it happened (default: now; not in the future, 5 min clock skew allowed).'),
  note: z.string().trim().max(500).optional(),
});
export const outcomeSchema = z.object({
  stopId: z.uuid(), outcome, outcomeAt: instant.nullable(), outcomeNote: z.string().nullable(),
  changed: z.boolean().describe('false when the stop already had this outcome.'),
  welfareCheck: z.enum(['scheduled']).nullable().describe('not_home: an alert opens after the welfare delay unless delivered meanwhile.'),
  welfareCheckAt: instant.nullable().describe('not_home: when the welfare check falls due (the tap’s time plus the tenant’s delay).'),
  undoUntil: instant.nullable().describe('The caller may undo this outcome until then (POST …/outcome/undo).'),
  alertClosed: z.boolean().optional().describe('Corrections: an open welfare alert was closed because the stop is no longer not-home.'),
}).meta({ id: 'StopOutcome' });
export const correctionBody = z.strictObject({
  status: z.enum(['pending', 'delivered', 'not_home', 'refused']).describe('pending takes the outcome back entirely.'),
  at: pastInstantString.optional().describe('The corrected time (default: the recorded one, else now).'),
  note: z.string().trim().max(500).optional(),
  reason: z.string().trim().min(1).max(500).describe('Why (kept in the audit log), e.g. "driver tapped 拒收 by mistake; daughter confirmed".'),
});
export const outcomeHistorySchema = z.object({
  items: z.array(z.object({ action: z.string(), at: instant, actorUserId: z.uuid().nullable(), before: z.unknown(), after: z.unknown() })),
});

export const alertListQuery = z.strictObject({
  status: z.enum(['open', 'acknowledged', 'resolved']).optional().describe('Default: open and acknowledged.'),
  ...pageQueryOf(100, 500),
});
export const alertSchema = z.object({
  id: z.uuid(), status: z.enum(['open', 'acknowledged', 'resolved']), routeStopId: z.uuid(), personId: z.uuid(),
  name: z.string(), address: z.string().nullable(), phone: z.string().nullable(), livesAlone: z.boolean(), accessNotes: z.string().nullable(),
  date: z.string(), slot: z.string(), routeNo: z.number().int(), driverUserId: z.uuid(), notHomeAt: instant.nullable(), driverNote: z.string().nullable(),
  notify: z.array(z.object({ role: z.enum(['grid_worker', 'emergency_contact']), name: z.string().nullable(), relation: z.string().nullable().optional(), phone: z.string().nullable() })),
  openedAt: instant, acknowledgedAt: instant.nullable(), acknowledgedBy: z.uuid().nullable(),
  resolvedAt: instant.nullable(), resolvedBy: z.uuid().nullable(), resolutionNote: z.string().nullable(),
}).meta({ id: 'WelfareAlert' });
export const resolveBody = z.strictObject({ note: z.string().trim().min(1).max(1000).describe('What was found and done.') });
