import type { Message, Params } from '../../i18n/index.js';
import { AM } from './plan-messages.js';

/**
 * What the unassigned tray tells a manager. Pure. The solver's reason says which rule blocked a
 * door; when the door would fit alone on some vehicle (`fitsAlone`), the cause is the fleet or
 * the window, not the door — so the tray says that, and estimates by how much, instead of
 * "too far to arrive within the ride time" for a door 5 km away.
 */
export interface AdviceInput {
  unassigned: { orderId: string; reason: string; fitsAlone?: boolean; quantity?: number }[];
  /** The plan's routes. */
  routes: { load: number; capacity: number | null; stops: number; durationS: number }[];
  /** Capacities of the kitchen's vehicles in service (used or not). */
  vehicleCapacities: number[];
  window: { start: string; end: string };
  maxRideMinutes: number;
}

export interface Sentence {
  message: Message;
  params: Params;
}

export interface Advice {
  /** The fleet or window is too small: by how much. */
  summary: { kind: 'fleet_time' | 'fleet_full'; doors: number; meals: number; extraVehicles: number; extraMinutes: number; why: Sentence; todo: Sentence } | null;
  perOrder: Record<string, { why: Sentence; todo: Sentence }>;
}

const FLEET_REASONS = new Set(['capacity', 'time_window', 'ride_time', 'shift']);

const ALONE: Record<string, [Message, Message]> = {
  capacity: [AM.capacityWhy, AM.capacityTodo],
  time_window: [AM.windowWhy, AM.windowTodo],
  ride_time: [AM.rideWhy, AM.rideTodo],
  shift: [AM.shiftWhy, AM.shiftTodo],
  no_location: [AM.noLocationWhy, AM.noLocationTodo],
  pinned_vehicle_unavailable: [AM.pinnedGoneWhy, AM.pinnedGoneTodo],
  no_vehicle: [AM.noVehicleWhy, AM.noVehicleTodo],
};

const s = (message: Message, params: Params = {}): Sentence => ({ message, params });

export function unassignedAdvice(input: AdviceInput): Advice {
  const perOrder: Advice['perOrder'] = {};
  const fleetBound = input.unassigned.filter((u) => u.fitsAlone && FLEET_REASONS.has(u.reason));
  const capacity = input.routes.reduce((sum, r) => sum + (r.capacity ?? 0), 0);
  const load = input.routes.reduce((sum, r) => sum + r.load, 0);
  // Full when the vans used carry ≥ 90 % of what they can: a longer window would not help.
  const full = fleetBound.every((u) => u.reason === 'capacity') || (capacity > 0 && load >= 0.9 * capacity);
  for (const u of input.unassigned) {
    if (u.fitsAlone && FLEET_REASONS.has(u.reason)) {
      perOrder[u.orderId] = full ? { why: s(AM.fleetFullOneWhy), todo: s(AM.fleetFullOneTodo) } : { why: s(AM.fleetWhy), todo: s(AM.fleetTodo) };
      continue;
    }
    const [why, todo] = ALONE[u.reason] ?? ALONE.time_window;
    perOrder[u.orderId] = { why: s(why, { quantity: u.quantity ?? 1, minutes: input.maxRideMinutes }), todo: s(todo) };
  }
  if (!fleetBound.length) return { summary: null, perOrder };

  const doors = fleetBound.length;
  const meals = fleetBound.reduce((sum, u) => sum + (u.quantity ?? 1), 0);
  const vans = input.routes.length;
  const vanCapacity = Math.max(1, ...input.vehicleCapacities, ...input.routes.map((r) => r.capacity ?? 0));
  const byLoad = Math.ceil(meals / vanCapacity);
  const served = input.routes.reduce((sum, r) => sum + r.stops, 0);
  const doorsPerVan = vans > 0 ? served / vans : 0;
  const byTime = doorsPerVan > 0 ? Math.ceil(doors / doorsPerVan) : byLoad;
  const extraVehicles = Math.max(1, byLoad, full ? 0 : byTime);
  // Minutes a door costs on today's routes (driving + hand-over), spread over the vans in use.
  const minutesPerDoor = served > 0 ? input.routes.reduce((sum, r) => sum + r.durationS, 0) / 60 / served : 0;
  const extraMinutes = vans > 0 ? Math.max(5, Math.ceil((doors * minutesPerDoor) / vans / 5) * 5) : 0;
  const base = { doors, meals, vans, start: input.window.start, end: input.window.end, capacity, vanCapacity, extra: extraVehicles, minutes: extraMinutes };
  return {
    summary: full
      ? { kind: 'fleet_full', doors, meals, extraVehicles, extraMinutes: 0, why: s(AM.fleetFullWhy, base), todo: s(AM.fleetFullTodo, base) }
      : { kind: 'fleet_time', doors, meals, extraVehicles, extraMinutes, why: s(AM.fleetTimeWhy, base), todo: s(AM.fleetTimeTodo, base) },
    perOrder,
  };
}
