/**
 * Parser for Solomon VRPTW instances (pure: text in, problem out). Conventions: Euclidean
 * distance in double precision, travel time = distance, location 0 is the depot whose due date
 * is every vehicle's shift end, stop ids are the customer numbers as strings.
 */
import type { Problem } from './types.js';

export interface SolomonCustomer {
  id: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export interface SolomonInstance {
  name: string;
  vehicleCount: number;
  capacity: number;
  /** Row 0 is the depot. */
  customers: SolomonCustomer[];
}

/** Parses the standard text format (tolerates CRLF and blank lines). */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l.length > 0) ?? '';
  const vIdx = lines.findIndex((l) => /^VEHICLE/i.test(l));
  const cIdx = lines.findIndex((l) => /^CUSTOMER/i.test(l));
  if (vIdx < 0 || cIdx < 0) throw new Error('not a Solomon instance: missing VEHICLE or CUSTOMER section');
  const numeric = (l: string): number[] | null => {
    const parts = l.split(/\s+/).filter(Boolean);
    if (parts.length === 0 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return null;
    return parts.map(Number);
  };
  const fleet = lines.slice(vIdx + 1, cIdx).map(numeric).find((r) => r !== null && r.length >= 2);
  if (!fleet) throw new Error('Solomon instance: missing vehicle number and capacity');
  const customers: SolomonCustomer[] = [];
  for (const l of lines.slice(cIdx + 1)) {
    const r = numeric(l);
    if (!r) continue;
    if (r.length < 7) throw new Error(`Solomon instance: bad customer row "${l}"`);
    const [id, x, y, demand, ready, due, service] = r;
    customers.push({ id, x, y, demand, ready, due, service });
  }
  if (customers.length === 0 || customers[0].id !== 0) throw new Error('Solomon instance: depot row 0 missing');
  return { name, vehicleCount: fleet[0], capacity: fleet[1], customers };
}

/** Converts a parsed instance to a `Problem` (distance matrix = duration matrix, flat). */
export function solomonToProblem(inst: SolomonInstance): Problem {
  const c = inst.customers;
  const L = c.length;
  const matrix = new Float64Array(L * L);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) matrix[i * L + j] = Math.hypot(c[i].x - c[j].x, c[i].y - c[j].y);
  }
  const depot = c[0];
  return {
    locationCount: L,
    durations: matrix,
    distances: matrix,
    vehicles: Array.from({ length: inst.vehicleCount }, (_, k) => ({
      id: `v${k + 1}`,
      startLocation: 0,
      endLocation: 0,
      capacity: inst.capacity,
      shiftStart: depot.ready,
      shiftEnd: depot.due,
    })),
    stops: c.slice(1).map((s, i) => ({
      id: String(s.id),
      location: i + 1,
      demand: s.demand,
      serviceTime: s.service,
      timeWindows: [[s.ready, s.due] as const],
    })),
  };
}

/** Parses text straight to a `Problem`. */
export function solomonProblem(text: string): Problem {
  return solomonToProblem(parseSolomon(text));
}
