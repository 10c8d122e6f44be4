/**
 * Timing of a route in a fixed order — what a manager's manual move produces. Pure.
 * The solver never breaks a rule; a manager may, so this reports what a move breaks
 * (late arrival, ride time, capacity, shift) as warnings instead of refusing it.
 */
export interface TimedStop {
  location: number;
  demand: number;
  serviceTime: number;
  window: readonly [number, number];
  maxRideTime: number;
}

export interface TimedVehicle {
  capacity: number;
  shiftStart: number;
  shiftEnd: number;
}

export interface RouteWarning {
  stopNo?: number;
  kind: 'late' | 'ride_time' | 'capacity' | 'shift';
  /** late/shift: minutes over; ride_time: minutes on the road; capacity: meals on board (for the desk's own sentences). */
  minutes?: number;
  /** ride_time: the limit in minutes; capacity: the capacity. */
  limit?: number;
  detail: string;
}

export interface RouteTiming {
  departure: number;
  arrival: number;
  distance: number;
  duration: number;
  load: number;
  stops: { arrival: number; serviceStart: number; departure: number; loadBefore: number }[];
  warnings: RouteWarning[];
}

/**
 * Schedules the stops in the given order from depot 0 and back, with the solver's departure rule
 * (src/routing/schedule.ts): leave as late as every window and the shift end allow, but no later
 * than needed to avoid waiting at a door — hot food spends the least time on the road. When the
 * order cannot keep every window, leave at the shift start (least lateness).
 */
export function timeRoute(size: number, durations: ArrayLike<number>, distances: ArrayLike<number>, vehicle: TimedVehicle, stops: TimedStop[]): RouteTiming {
  const tt = (a: number, b: number) => durations[a * size + b];
  const dd = (a: number, b: number) => distances[a * size + b];
  const load = stops.reduce((s, x) => s + x.demand, 0);
  const warnings: RouteWarning[] = [];
  if (load > vehicle.capacity) warnings.push({ kind: 'capacity', minutes: load, limit: vehicle.capacity, detail: `${load} meals on board, capacity ${vehicle.capacity}.` });
  const departure = vehicle.shiftStart + departureDelay(tt, vehicle, stops);
  let t = departure;
  let prev = 0;
  let distance = 0;
  let onBoard = load;
  const out: RouteTiming['stops'] = [];
  stops.forEach((s, i) => {
    const arrival = t + tt(prev, s.location);
    distance += dd(prev, s.location);
    const serviceStart = Math.max(arrival, s.window[0]);
    if (arrival > s.window[1]) warnings.push({ stopNo: i + 1, kind: 'late', minutes: Math.round((arrival - s.window[1]) / 60), detail: `Arrives ${Math.round((arrival - s.window[1]) / 60)} min after the window closes.` });
    if (arrival - departure > s.maxRideTime) {
      warnings.push({ stopNo: i + 1, kind: 'ride_time', minutes: Math.round((arrival - departure) / 60), limit: Math.round(s.maxRideTime / 60), detail: `Food ${Math.round((arrival - departure) / 60)} min on the road (limit ${Math.round(s.maxRideTime / 60)}).` });
    }
    out.push({ arrival, serviceStart, departure: serviceStart + s.serviceTime, loadBefore: onBoard });
    onBoard -= s.demand;
    t = serviceStart + s.serviceTime;
    prev = s.location;
  });
  const arrival = t + tt(prev, 0);
  distance += dd(prev, 0);
  if (arrival > vehicle.shiftEnd) warnings.push({ kind: 'shift', minutes: Math.round((arrival - vehicle.shiftEnd) / 60), detail: `Back ${Math.round((arrival - vehicle.shiftEnd) / 60)} min after the shift ends.` });
  return { departure, arrival, distance, duration: arrival - departure, load, stops: out, warnings };
}

/**
 * How long after the shift start to leave (Savelsbergh's forward time slack): delaying by δ first
 * uses up the waiting at the doors, so the service at stop i starts later by max(0, δ − waits up
 * to i); δ may grow until some window or the shift end would be missed, and need not exceed the
 * total waiting.
 */
function departureDelay(tt: (a: number, b: number) => number, vehicle: TimedVehicle, stops: TimedStop[]): number {
  let t = vehicle.shiftStart;
  let prev = 0;
  let waited = 0;
  let slack = Infinity;
  for (const s of stops) {
    const arrival = t + tt(prev, s.location);
    const start = Math.max(arrival, s.window[0]);
    waited += start - arrival;
    slack = Math.min(slack, s.window[1] - start + waited);
    t = start + s.serviceTime;
    prev = s.location;
  }
  slack = Math.min(slack, vehicle.shiftEnd - (t + tt(prev, 0)) + waited);
  return Math.max(0, Math.min(slack, waited));
}
