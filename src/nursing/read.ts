import { inChunks } from '../db/in-chunks.js';
import type { TenantDb } from '../db/prisma.js';
import { addDays, instantAt, localDateOf } from '../time/index.js';

/**
 * What other domains may read of nursing. A stay: a booking that has started, its ward, the
 * date it counts on (discharge, else admission) and the aide who served it most shifts.
 */
export async function nursingStay(db: TenantDb, bookingId: string, zone: string) {
  const booking = await db.careBooking.findFirst({
    where: { id: bookingId, activatedAt: { not: null } },
    select: { admission: { select: { wardId: true, admittedAt: true, dischargedAt: true } } },
  });
  if (!booking) return null;
  const ward = await db.ward.findFirst({ where: { id: booking.admission.wardId }, select: { name: true } });
  const byAide = await db.shiftAssignment.groupBy({ by: ['aideId'], where: { bookingId }, _count: { _all: true } });
  const main = byAide.sort((a, b) => b._count._all - a._count._all)[0];
  return {
    unitId: booking.admission.wardId,
    unitName: ward?.name ?? '',
    date: localDateOf(booking.admission.dischargedAt ?? booking.admission.admittedAt, zone),
    staffId: main?.aideId ?? null,
  };
}

export async function wardNames(db: TenantDb, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.ward.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function aideNames(db: TenantDb, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.aide.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** An inpatient stay as local dates in the tenant zone; `to` null while the person is still in. */
export interface InpatientStay {
  personId: string;
  from: string;
  to: string | null;
}

/**
 * Inpatient stays of these people that overlap the local dates `from`…`to` (the canteen audit:
 * a subsidised meal on a day the diner lay in hospital). One query per 10 000 people (`inChunks`).
 */
export async function inpatientStays(
  db: TenantDb,
  w: { personIds: string[]; from: string; to: string; timeZone: string },
): Promise<InpatientStay[]> {
  const rows = await inChunks(w.personIds, (ids) =>
    db.admission.findMany({
      where: {
        personId: { in: ids },
        admittedAt: { lt: instantAt(addDays(w.to, 1), '00:00', w.timeZone) },
        OR: [{ dischargedAt: null }, { dischargedAt: { gte: instantAt(w.from, '00:00', w.timeZone) } }],
      },
      select: { personId: true, admittedAt: true, dischargedAt: true },
    }),
  );
  return rows.map((r) => ({
    personId: r.personId,
    from: localDateOf(r.admittedAt, w.timeZone),
    to: r.dischargedAt ? localDateOf(r.dischargedAt, w.timeZone) : null,
  }));
}
