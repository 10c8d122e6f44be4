import type { TenantDb } from '../db/prisma.js';
import { localDateOf } from '../time/index.js';

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
    unitId: booking.admission.wardId, unitName: ward?.name ?? '',
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
