import type { TenantDb, TenantTx } from '../../db/prisma.js';
import { NotFoundError } from '../../http/errors.js';
import { maskPhone } from '../../privacy.js';
import { localTimeOf } from '../../time/index.js';
import { say, type Localized, type Text } from '../../i18n/index.js';
import { DN } from '../messages.js';
import { windowOf } from './plan-problem.js';
import { PM, RT } from './plan-messages.js';
import { ROAD_FACTOR } from './travel.js';
import { type RouteWarning, warningDetail } from './timing.js';

const UNASSIGNED_REASONS = ['capacity', 'time_window', 'ride_time', 'shift', 'pinned_vehicle_unavailable', 'no_vehicle', 'no_location'] as const;

/** Why an order is not on any route, in words a kitchen manager understands (from the solver's code). */
export function unassignedDetail(reason: string): Localized | string {
  return (UNASSIGNED_REASONS as readonly string[]).includes(reason) ? say(RT[reason as (typeof UNASSIGNED_REASONS)[number]]) : reason;
}

/**
 * The plan's params as a manager reads them: the re-plan notice and the matrix fallback are
 * worded from their numbers in the reader's locale (older plans stored English sentences).
 */
function paramsView(params: Record<string, unknown>) {
  const out = { ...params };
  const fewer = params.servedFewer as { count: number; before: number; after: number; pins: number } | null | undefined;
  if (fewer) out.servedFewer = { ...fewer, detail: say(PM.servedFewer, { count: fewer.count, before: fewer.before, after: fewer.after, pins: fewer.pins }) };
  if (typeof params.matrixError === 'string') out.matrixWarning = say(RT.osrmFailed, { why: params.matrixError, factor: ROAD_FACTOR });
  return out;
}

export interface UnassignedEntry {
  orderId: string;
  recipientId: string;
  name: string;
  reason: string;
  /** The door fits alone on some vehicle: the fleet or the window is too small, not the door too far (absent on older plans). */
  fitsAlone?: boolean;
  quantity?: number;
  /** Stored English for older readers of the row; the view words it again from `reason`. */
  detail: Text;
}

/** A route plan with everything the views need: routes, stops, orders, recipients, people. */
export async function loadPlan(db: TenantDb | TenantTx, id: string) {
  const plan = await db.routePlan.findFirst({
    where: { id },
    include: {
      routes: {
        orderBy: { routeNo: 'asc' },
        include: {
          stops: {
            orderBy: { stopNo: 'asc' },
            include: { order: { include: { recipient: { include: { person: true } } } } },
          },
        },
      },
    },
  });
  if (!plan) throw new NotFoundError(DN.routePlan);
  const [kitchen, slot, vehicles, drivers] = await Promise.all([
    db.kitchen.findFirstOrThrow({ where: { id: plan.kitchenId } }),
    db.mealSlot.findFirstOrThrow({ where: { code: plan.slotCode } }),
    db.vehicle.findMany({ where: { id: { in: plan.routes.map((r) => r.vehicleId) } } }),
    db.user.findMany({ where: { id: { in: plan.routes.map((r) => r.driverUserId) } }, select: { id: true, displayName: true, phone: true } }),
  ]);
  return { plan, kitchen, slot, vehicles: new Map(vehicles.map((v) => [v.id, v])), drivers: new Map(drivers.map((u) => [u.id, u])) };
}

export type LoadedPlan = Awaited<ReturnType<typeof loadPlan>>;
export type LoadedStop = LoadedPlan['plan']['routes'][number]['stops'][number];

/** One stop as a manager or a driver sees it; the phone is masked unless `revealPhone`. */
export function stopView(s: LoadedStop, slot: LoadedPlan['slot'], timeZone: string, revealPhone: boolean) {
  const person = s.order.recipient.person;
  const r = s.order.recipient;
  return {
    id: s.id,
    stopNo: s.stopNo,
    orderId: s.orderId,
    recipientId: r.id,
    name: person.name,
    address: person.address,
    lat: person.lat,
    lng: person.lng,
    phone: revealPhone ? person.phone : maskPhone(person.phone),
    eta: s.eta,
    etaLocal: localTimeOf(s.eta, timeZone),
    window: windowOf(slot, s.order),
    quantity: s.order.quantity,
    load: s.load,
    diet: r.diet,
    texture: r.texture,
    allergies: r.allergies,
    accessNotes: r.accessNotes,
    livesAlone: person.livesAlone,
    pinnedVehicleId: s.order.pinnedVehicleId,
    orderStatus: s.order.status,
    outcome: s.outcome,
    outcomeAt: s.outcomeAt,
    outcomeNote: s.outcomeNote,
    outcomeBy: s.outcomeBy,
  };
}

/** The manager's view of a plan: status, progress, routes with ordered stops, unassigned orders. */
export function planView(l: LoadedPlan, timeZone: string) {
  const { plan } = l;
  const params = (plan.params ?? {}) as Record<string, unknown>;
  return {
    id: plan.id,
    kitchenId: plan.kitchenId,
    kitchen: { id: l.kitchen.id, name: l.kitchen.name, lat: l.kitchen.lat, lng: l.kitchen.lng },
    date: plan.date,
    slot: plan.slotCode,
    status: plan.status,
    progress: plan.progress,
    // The solver's own message (developers' English) inside a sentence the manager can act on.
    error: plan.error ? say(RT.solveFailed, { why: plan.error }) : null,
    params: paramsView(params),
    distanceM: plan.distanceM,
    durationS: plan.durationS,
    vehiclesUsed: plan.routes.length,
    stopCount: plan.routes.reduce((s, r) => s + r.stops.length, 0),
    createdAt: plan.createdAt,
    finishedAt: plan.finishedAt,
    publishedAt: plan.publishedAt,
    routes: plan.routes.map((r) => ({
      id: r.id,
      routeNo: r.routeNo,
      vehicleId: r.vehicleId,
      vehicleName: l.vehicles.get(r.vehicleId)?.name ?? null,
      capacity: l.vehicles.get(r.vehicleId)?.capacity ?? null,
      driverUserId: r.driverUserId,
      driverName: l.drivers.get(r.driverUserId)?.displayName ?? null,
      load: r.load,
      distanceM: r.distanceM,
      durationS: r.durationS,
      departAt: r.departAt,
      departLocal: localTimeOf(r.departAt, timeZone),
      returnAt: r.returnAt,
      returnLocal: localTimeOf(r.returnAt, timeZone),
      warnings: Array.isArray(r.warnings) ? (r.warnings as unknown as RouteWarning[]).map((w) => ({ ...w, detail: warningDetail(w) })) : r.warnings,
      stops: r.stops.map((s) => stopView(s, l.slot, timeZone, false)),
    })),
    unassigned: ((plan.unassigned ?? []) as unknown as UnassignedEntry[]).map((u) => ({ ...u, detail: unassignedDetail(u.reason) })),
  };
}
