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
 * Schedules the stops in the given order from depot 0 and back. The vehicle leaves as late as
 * it can while still reaching the first door when its window opens (hot food spends the least
 * time on the road), never before its shift starts.
 */
export function timeRoute(size: number, durations: ArrayLike<number>, distances: ArrayLike<number>, vehicle: TimedVehicle, stops: TimedStop[]): RouteTiming {
  const tt = (a: number, b: number) => durations[a * size + b];
  const dd = (a: number, b: number) => distances[a * size + b];
  const load = stops.reduce((s, x) => s + x.demand, 0);
  const warnings: RouteWarning[] = [];
  if (load > vehicle.capacity) warnings.push({ kind: 'capacity', detail: `${load} meals on board, capacity ${vehicle.capacity}.` });
  const departure = stops.length ? Math.max(vehicle.shiftStart, stops[0].window[0] - tt(0, stops[0].location)) : vehicle.shiftStart;
  let t = departure;
  let prev = 0;
  let distance = 0;
  let onBoard = load;
  const out: RouteTiming['stops'] = [];
  stops.forEach((s, i) => {
    const arrival = t + tt(prev, s.location);
    distance += dd(prev, s.location);
    const serviceStart = Math.max(arrival, s.window[0]);
    if (arrival > s.window[1]) warnings.push({ stopNo: i + 1, kind: 'late', detail: `Arrives ${Math.round((arrival - s.window[1]) / 60)} min after the window closes.` });
    if (arrival - departure > s.maxRideTime) {
      warnings.push({ stopNo: i + 1, kind: 'ride_time', detail: `Food ${Math.round((arrival - departure) / 60)} min on the road (limit ${Math.round(s.maxRideTime / 60)}).` });
    }
    out.push({ arrival, serviceStart, departure: serviceStart + s.serviceTime, loadBefore: onBoard });
    onBoard -= s.demand;
    t = serviceStart + s.serviceTime;
    prev = s.location;
  });
  const arrival = t + tt(prev, 0);
  distance += dd(prev, 0);
  if (arrival > vehicle.shiftEnd) warnings.push({ kind: 'shift', detail: `Back ${Math.round((arrival - vehicle.shiftEnd) / 60)} min after the shift ends.` });
  return { departure, arrival, distance, duration: arrival - departure, load, stops: out, warnings };
}
