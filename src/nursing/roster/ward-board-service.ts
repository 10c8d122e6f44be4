import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RequestContext } from '../../http/context.js';
import { NotFoundError } from '../../http/errors.js';
import { nursingNouns as N } from '../messages.js';
import { ageOrNull, today } from '../../time/index.js';
import { admitTx } from '../care/admission-service.js';
import { bookingInclude, bookingView } from '../care/booking-view.js';
import { createBookingTx } from '../care/booking-service.js';
import type { BookingCreate } from '../schemas-care.js';
import { careLevelView } from '../views.js';
import { livingPeopleNamed } from '../../people/read.js';

type D = Pick<Deps, 'prisma'>;

/**
 * A ward as the coordinator's board shows it: every bed with its patient (name, age, gender),
 * the stay's open care booking (level, consent, gender preference, dates), patients without a
 * bed, and the stays that ended in the last fortnight with their invoices.
 */
export async function wardBoard(d: D, ctx: RequestContext, wardId: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const ward = await db.ward.findFirst({ where: { id: wardId }, include: { beds: { orderBy: { code: 'asc' } } } });
  if (!ward) throw new NotFoundError(N.ward);
  const open = await db.admission.findMany({ where: { wardId, dischargedAt: null }, include: { person: true }, orderBy: { admittedAt: 'asc' } });
  const bookings = await db.careBooking.findMany({ where: { admissionId: { in: open.map((a) => a.id) } }, include: bookingInclude, orderBy: { createdAt: 'asc' } });
  const beds = new Map(ward.beds.map((b) => [b.id, b.code]));
  const now = today(ctx.timeZone);
  const stay = (a: (typeof open)[number]) => {
    const mine = bookings.filter((b) => b.admissionId === a.id);
    const current = mine.filter((b) => b.status !== 'ended').at(-1);
    return {
      admissionId: a.id, admittedAt: a.admittedAt,
      person: { id: a.person.id, name: a.person.name, gender: a.person.gender, age: ageOrNull(a.person.birthDate, now) },
      booking: current ? bookingView(current, beds, ctx.timeZone) : null,
    };
  };
  const byBed = new Map(open.filter((a) => a.bedId).map((a) => [a.bedId!, a]));
  const since = new Date(Date.now() - 14 * 86_400_000);
  const left = await db.admission.findMany({ where: { wardId, dischargedAt: { gte: since } }, include: { person: true, bookings: { select: { id: true } } }, orderBy: { dischargedAt: 'desc' }, take: 30 });
  const invoices = await db.invoice.findMany({ where: { bookingId: { in: left.flatMap((a) => a.bookings.map((b) => b.id)) } }, select: { id: true, number: true, bookingId: true, totalFee: true } });
  return {
    ward: { id: ward.id, name: ward.name, department: ward.department },
    beds: ward.beds.map((b) => ({ id: b.id, code: b.code, stay: byBed.has(b.id) ? stay(byBed.get(b.id)!) : null })),
    unbedded: open.filter((a) => !a.bedId).map(stay),
    discharged: left.map((a) => ({
      admissionId: a.id, name: a.person.name, dischargedAt: a.dischargedAt!,
      invoices: invoices.filter((i) => a.bookings.some((b) => b.id === i.bookingId)),
    })),
    levels: (await db.careLevel.findMany({ orderBy: [{ patientsPerAide: 'asc' }, { code: 'asc' }] })).map((l) => careLevelView(l, now)),
  };
}
export type WardBoard = Awaited<ReturnType<typeof wardBoard>>;

/**
 * Admits a patient and books their care in one transaction: a booking refused (no reason for an
 * overridden level, unknown level, a Barthel of 100) leaves no admission behind. The booking is
 * built from the new admission's id by the caller (which validates it with the API's schema).
 */
export async function admitAndBook(d: D, ctx: RequestContext, stay: { personId: string; wardId: string; bedId?: string }, booking: (admissionId: string) => BookingCreate) {
  return tenantDb(d.prisma, ctx.tenantId).$transaction(async (tx) => {
    const admissionId = await admitTx(tx, ctx, stay);
    const bookingId = await createBookingTx(tx, ctx, booking(admissionId));
    return { admissionId, bookingId };
  });
}

/** People who may be admitted: alive, not in hospital now; `q` searches names. */
export async function admittablePeople(d: D, ctx: RequestContext, q?: string) {
  // The scope is nursing's own relation to a person: no open admission (still one query).
  const rows = await livingPeopleNamed(tenantDb(d.prisma, ctx.tenantId), { contains: q, scope: { admissions: { none: { dischargedAt: null } } }, limit: 50 });
  const now = today(ctx.timeZone);
  return rows.map((p) => ({ id: p.id, name: p.name, gender: p.gender, age: ageOrNull(p.birthDate, now) }));
}
