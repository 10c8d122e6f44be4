import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { addDays, localTimeOf, today } from '../../time/index.js';
import { myAide } from './aide-view-service.js';
import { bedCodes, bookingInclude } from '../care/booking-view.js';
import { shiftInstance } from '../roster/shifts.js';

type D = Pick<Deps, 'prisma'>;

/**
 * "Changes since you last looked" for a care aide, until the notification outbox exists: the
 * aide's page stores which of their coming shifts they were shown (`AideShiftsSeen`), and the
 * difference with today's roster is what changed — whatever changed it (a roster run, sick
 * leave, a manual assignment, a discharge), so no writer of assignments has to remember to notify.
 */
export const SEEN_WINDOW_DAYS = 31;

/** A shift of one patient, as stored in the marker: `date.shiftCode.bookingId`. */
export const shiftKeyOf = (a: { date: string; shiftCode: string; bookingId: string }) => `${a.date}.${a.shiftCode}.${a.bookingId}`;
const parseKey = (key: string) => ({ date: key.slice(0, 10), shiftCode: key.slice(11, -37), bookingId: key.slice(-36) });

export interface ShiftChange {
  kind: 'gained' | 'lost';
  date: string;
  shiftCode: string;
  shiftName: string;
  startLocal: string;
  endLocal: string;
  wardName: string;
  patientName: string;
  bed: string | null;
}

/** The aide's coming shifts (today … +30 days) and how they differ from what the aide last saw. */
export async function myShiftChanges(d: D, ctx: RequestContext) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const aide = await myAide(db, ctx);
  const from = today(ctx.timeZone);
  const to = addDays(from, SEEN_WINDOW_DAYS - 1);
  const rows = await db.shiftAssignment.findMany({ where: { aideId: aide.id, date: { gte: from, lte: to } }, orderBy: { shiftStart: 'asc' } });
  const keys = rows.map(shiftKeyOf);
  const seen = await db.aideShiftsSeen.findFirst({ where: { aideId: aide.id } });
  if (!seen) return { aideId: aide.id, seenAt: null, keys, changes: [] as ShiftChange[] };
  const seenKeys = new Set(seen.shifts.filter((k) => parseKey(k).date >= from));
  const current = new Set(keys);
  const gained = rows.filter((r) => !seenKeys.has(shiftKeyOf(r)));
  const lost = [...seenKeys].filter((k) => !current.has(k)).map(parseKey);
  const bookingIds = [...new Set([...gained, ...lost].map((x) => x.bookingId))];
  const bookings = new Map((await db.careBooking.findMany({ where: { id: { in: bookingIds } }, include: bookingInclude })).map((b) => [b.id, b]));
  const beds = await bedCodes(db, [...bookings.values()].map((b) => b.admission.bedId));
  const templates = new Map((await db.shiftTemplate.findMany()).map((t) => [t.code, t]));
  const wardIds = [...new Set([...gained.map((g) => g.wardId), ...[...bookings.values()].map((b) => b.admission.wardId)])];
  const wards = new Map((await db.ward.findMany({ where: { id: { in: wardIds } } })).map((w) => [w.id, w.name]));
  const describe = (kind: ShiftChange['kind'], x: { date: string; shiftCode: string; bookingId: string }, wardId?: string): ShiftChange | null => {
    const b = bookings.get(x.bookingId);
    const t = templates.get(x.shiftCode);
    if (!b) return null; // a booking that no longer exists at all has nothing to show
    const shift = t ? shiftInstance(t, x.date, ctx.timeZone) : null;
    return {
      kind, date: x.date, shiftCode: x.shiftCode, shiftName: t?.name ?? x.shiftCode,
      startLocal: shift ? localTimeOf(shift.start, ctx.timeZone) : '', endLocal: shift ? localTimeOf(shift.end, ctx.timeZone) : '',
      wardName: wards.get(wardId ?? b.admission.wardId) ?? '', patientName: b.admission.person.name,
      bed: b.admission.bedId ? (beds.get(b.admission.bedId) ?? null) : null,
    };
  };
  const changes = [...gained.map((g) => describe('gained', g, g.wardId)), ...lost.map((l) => describe('lost', l))]
    .filter((c): c is ShiftChange => c !== null)
    .sort((a, b) => a.date.localeCompare(b.date) || a.startLocal.localeCompare(b.startLocal) || a.kind.localeCompare(b.kind));
  return { aideId: aide.id, seenAt: seen.seenAt, keys, changes };
}

/**
 * Stores what the aide was shown (the `keys` of their page) as seen. Setting the same keys again
 * changes nothing, so a retried tap is harmless. Keys outside the window are dropped.
 */
export async function markShiftsSeen(d: D, ctx: RequestContext, keys: string[]) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const aide = await myAide(db, ctx);
  const from = today(ctx.timeZone);
  const to = addDays(from, SEEN_WINDOW_DAYS - 1);
  const shifts = [...new Set(keys)].filter((k) => parseKey(k).date >= from && parseKey(k).date <= to).sort();
  return db.$transaction(async (tx) => {
    const before = await tx.aideShiftsSeen.findFirst({ where: { aideId: aide.id } });
    const seenAt = new Date();
    const after = before
      ? await tx.aideShiftsSeen.update({ where: { id: before.id }, data: { shifts, seenAt } })
      : await tx.aideShiftsSeen.create({ data: { tenantId: ctx.tenantId, aideId: aide.id, shifts, seenAt } });
    await writeAudit(tx, ctx, { action: 'aide.shifts.seen', entity: 'Aide', entityId: aide.id, after: { shifts: shifts.length } });
    return { seenAt: after.seenAt, shifts: after.shifts.length };
  });
}
