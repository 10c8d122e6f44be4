/**
 * Data the canteen audit borrows from other domains, each behind its own small source so a domain
 * can change (or not exist yet) without touching the scan. Each source calls the owner's read
 * module (never its tables, docs/CONVENTIONS.md "Boundaries"):
 * - inpatient stays: `inpatientStays` of src/nursing/read.ts;
 * - home-delivered meals: `homeDeliveredMeals` of src/delivery/read.ts, matched by the slot's
 *   `kind` (breakfast/lunch/dinner, the subsidy's MEAL_SLOTS), whatever code the tenant gave it.
 * A source whose table is missing reports "unavailable" and the scan goes on without it; any other
 * error fails the scan (and the job retries).
 */
import type { TenantDb } from '../db/prisma.js';
import { homeDeliveredMeals } from '../delivery/read.js';
import { inpatientStays } from '../nursing/read.js';
import type { HomeDelivery, HospitalStay } from '../subsidy/index.js';

/** What a source is asked for: the tenant, the diners seen in the scanned meals, the local dates. */
export interface ScanWindow {
  tenantId: string;
  timeZone: string;
  personIds: string[];
  from: string;
  to: string;
}

export interface AuditSource<T> {
  name: string;
  load(db: TenantDb, w: ScanWindow): Promise<T[]>;
}

/** Inpatient stays from the nursing domain, as local dates in the tenant zone. */
export const nursingAdmissionsSource: AuditSource<HospitalStay> = {
  name: 'nursing.Admission',
  load: (db, w) => inpatientStays(db, w),
};

/** Home meals delivered (stop outcome `delivered`) from the delivery domain, by person, date and slot kind. */
export const deliveredHomeMealsSource: AuditSource<HomeDelivery> = {
  name: 'delivery.RouteStop',
  async load(db, w) {
    const meals = await homeDeliveredMeals(db, w);
    return meals.map((m) => ({ personId: m.personId, localDate: m.localDate, slot: m.kind, delivered: true }));
  },
};

/** The sources the nightly scan uses; another provider can be added to either list. */
export const auditSources = {
  hospitalStays: [nursingAdmissionsSource] as AuditSource<HospitalStay>[],
  homeDeliveries: [deliveredHomeMealsSource] as AuditSource<HomeDelivery>[],
};

export interface SourceReport {
  name: string;
  status: 'ok' | 'unavailable';
  rows: number;
}

function isMissingTable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'P2021' || /does not exist|42P01/.test(String(e?.message ?? ''));
}

/** Runs the sources of one kind; a source whose table does not exist is reported, not fatal. */
export async function loadFromSources<T>(db: TenantDb, sources: readonly AuditSource<T>[], w: ScanWindow) {
  const rows: T[] = [];
  const reports: SourceReport[] = [];
  for (const s of sources) {
    try {
      const got = await s.load(db, w);
      rows.push(...got);
      reports.push({ name: s.name, status: 'ok', rows: got.length });
    } catch (err) {
      if (!isMissingTable(err)) throw err;
      reports.push({ name: s.name, status: 'unavailable', rows: 0 });
    }
  }
  return { rows, reports };
}
