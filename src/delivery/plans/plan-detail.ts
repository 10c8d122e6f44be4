import type { TenantDb, TenantTx } from '../../db/prisma.js';
import { NotFoundError } from '../../http/errors.js';
import { maskPhone } from '../../privacy.js';
import { localTimeOf } from '../../time/index.js';
import { windowOf } from './plan-problem.js';

/** Why an order is not on any route, in words a kitchen manager understands. */
export const UNASSIGNED_DETAIL: Record<string, string> = {
  capacity: 'Not enough room left in the vehicles (meal boxes).',
  time_window: 'No vehicle can reach the door within the delivery window.',
  ride_time: 'Too far to arrive within the hot-food ride time.',
  shift: 'No driver shift covers the trip there and back.',
  pinned_vehicle_unavailable: 'Pinned to a vehicle that is inactive or belongs to another kitchen.',
  no_vehicle: 'The kitchen has no active vehicle.',
  no_location: 'The recipient has no map coordinates (lat/lng).',
};

export interface UnassignedEntry {
  orderId: string;
  recipientId: string;
  name: string;
  reason: string;
  /** The door fits alone on some vehicle: the fleet or the window is too small, not the door too far (absent on older plans). */
  fitsAlone?: boolean;
  quantity?: number;
  detail: string;
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
  if (!plan) throw new NotFoundError('route plan');
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
    error: plan.error,
    params,
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
      warnings: r.warnings,
      stops: r.stops.map((s) => stopView(s, l.slot, timeZone, false)),
    })),
    unassigned: (plan.unassigned ?? []) as unknown as UnassignedEntry[],
  };
}
