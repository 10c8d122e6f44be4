/**
 * Data the canteen audit borrows from other domains, each behind its own small source so a domain
 * can change (or not exist yet) without touching the scan:
 * - inpatient stays: the nursing domain's Admission table (personId, admittedAt, dischargedAt);
 * - home-delivered meals: the delivery domain's RouteStop (outcome delivered) → DailyOrder (date,
 *   slot) → Recipient (person).
 * Each source reads only those columns, through the tenant-scoped client. A source whose table is missing reports "unavailable" and
 * the scan goes on without it; any other error fails the scan (and the job retries).
 */
import { inChunks } from '../db/in-chunks.js';
import type { TenantDb } from '../db/prisma.js';
import { addDays, instantAt, localDateOf } from '../time/index.js';
import { MEAL_SLOTS, type HomeDelivery, type HospitalStay, type MealSlot } from '../subsidy/index.js';

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

/** Inpatient stays from the nursing domain's Admission table, as local dates in the tenant zone. */
export const nursingAdmissionsSource: AuditSource<HospitalStay> = {
  name: 'nursing.Admission',
  async load(db, w) {
    const rows = await inChunks(w.personIds, (ids) => db.admission.findMany({
      where: {
        tenantId: w.tenantId,
        personId: { in: ids },
        admittedAt: { lt: instantAt(addDays(w.to, 1), '00:00', w.timeZone) },
        OR: [{ dischargedAt: null }, { dischargedAt: { gte: instantAt(w.from, '00:00', w.timeZone) } }],
      },
      select: { personId: true, admittedAt: true, dischargedAt: true },
    }));
    return rows.map((r) => ({
      personId: r.personId,
      from: localDateOf(r.admittedAt, w.timeZone),
      to: r.dischargedAt ? localDateOf(r.dischargedAt, w.timeZone) : null,
    }));
  },
};

/** Home meals delivered (stop outcome `delivered`) from the delivery domain, by person, date and slot. */
export const deliveredHomeMealsSource: AuditSource<HomeDelivery> = {
  name: 'delivery.RouteStop',
  async load(db, w) {
    const rows = await inChunks(w.personIds, (ids) => db.routeStop.findMany({
      where: {
        tenantId: w.tenantId,
        outcome: 'delivered',
        order: { date: { gte: w.from, lte: w.to }, recipient: { personId: { in: ids } } },
      },
      select: { order: { select: { date: true, slotCode: true, recipient: { select: { personId: true } } } } },
    }));
    return rows
      .filter((r) => (MEAL_SLOTS as readonly string[]).includes(r.order.slotCode))
      .map((r) => ({ personId: r.order.recipient.personId, localDate: r.order.date, slot: r.order.slotCode as MealSlot, delivered: true }));
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
