import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { cursorArgs, toPage } from '../../http/common-schemas.js';
import type { TenantTx } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import { say } from '../../i18n/index.js';
import { nursingNouns as N } from '../messages.js';
import { careMessages as C } from '../messages-care.js';
import { rosterMessages as R } from '../messages-roster.js';
import { localDateOf } from '../../time/index.js';
import { removeAssignments } from '../roster/assignment-store.js';
import { admissionView, bedCodes, bookingInclude } from './booking-view.js';
import { invoiceView, issueInvoice } from '../billing/invoice-service.js';
import { personBasics } from '../../people/read.js';

type D = Pick<Deps, 'prisma'>;

export async function loadAdmissionView(db: ReturnType<typeof tenantDb> | TenantTx, id: string, zone: string) {
  const a = await db.admission.findFirst({ where: { id }, include: { person: true } });
  if (!a) throw new NotFoundError(N.admission);
  const bookings = await db.careBooking.findMany({ where: { admissionId: id }, include: bookingInclude, orderBy: { createdAt: 'asc' } });
  return admissionView(a, bookings, await bedCodes(db, [a.bedId]), zone);
}

/** The bed named by id or code in the ward, checked to be free (null when none is named). */
export async function freeBedOf(tx: TenantTx, ward: { id: string; name: string }, input: { bedId?: string; bedCode?: string }): Promise<string | null> {
  if (!input.bedId && !input.bedCode) return null;
  const bed = await tx.bed.findFirst({ where: { wardId: ward.id, ...(input.bedId ? { id: input.bedId } : { code: input.bedCode }) } });
  if (!bed) throw new ConflictError(say(C.noBedInWard, { ward: ward.name }), { errors: [{ path: input.bedId ? 'body.bedId' : 'body.bedCode', message: say(C.unknownBedInWard) }] });
  const taken = await tx.admission.findFirst({ where: { bedId: bed.id, dischargedAt: null }, include: { person: true } });
  if (taken) throw new ConflictError(say(C.bedTaken, { bed: bed.code, ward: ward.name, name: taken.person.name }));
  return bed.id;
}

type AdmitInput = { personId: string; wardId: string; bedId?: string; bedCode?: string; admittedAt?: Date };

/** Admits a person to a ward (and a free bed of it). One open admission per person and per bed. */
export async function admit(d: D, ctx: RequestContext, input: AdmitInput) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const id = await db.$transaction((tx) => admitTx(tx, ctx, input));
  return loadAdmissionView(db, id, ctx.timeZone);
}

/** The admission inside the caller's transaction (the ward board admits and books in one). */
export async function admitTx(tx: TenantTx, ctx: RequestContext, input: AdmitInput): Promise<string> {
  const person = await personBasics(tx, input.personId);
  if (!person) throw new NotFoundError(N.person);
  if (person.deathDate) throw new ConflictError(say(C.deceased, { name: person.name, date: String(person.deathDate) }));
  const ward = await tx.ward.findFirst({ where: { id: input.wardId } });
  if (!ward) throw new ConflictError(say(C.wardMissing), { errors: [{ path: 'body.wardId', message: say(R.unknownWard) }] });
  const open = await tx.admission.findFirst({ where: { personId: person.id, dischargedAt: null } });
  if (open) throw new ConflictError(say(C.alreadyAdmitted, { name: person.name, id: open.id }));
  const bedId = await freeBedOf(tx, ward, input);
  const admission = await tx.admission.create({
    data: { tenantId: ctx.tenantId, personId: person.id, wardId: ward.id, bedId, admittedAt: input.admittedAt ?? new Date() },
  });
  await writeAudit(tx, ctx, { action: 'admission.create', entity: 'Admission', entityId: admission.id, after: admission });
  return admission.id;
}

export async function getAdmission(d: D, ctx: RequestContext, id: string) {
  return loadAdmissionView(tenantDb(d.prisma, ctx.tenantId), id, ctx.timeZone);
}

/** Admissions in the order they were recorded, a page at a time. */
export async function listAdmissions(d: D, ctx: RequestContext, q: { wardId?: string; state: 'open' | 'discharged' | 'all'; limit: number; cursor?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const state = q.state === 'open' ? { dischargedAt: null } : q.state === 'discharged' ? { dischargedAt: { not: null } } : {};
  const rows = await db.admission.findMany({ where: { ...state, ...(q.wardId ? { wardId: q.wardId } : {}) }, ...cursorArgs(q), select: { id: true } });
  const { items, nextCursor } = toPage(rows, q.limit, (r) => r.id);
  return { items: await Promise.all(items.map((id) => loadAdmissionView(db, id, ctx.timeZone))), nextCursor };
}

/**
 * Ends a booking at an instant (inside the caller's transaction): the booking is ended, its
 * assignments of shifts starting at or after that instant are removed, and — if care was ever
 * given — the invoice is issued.
 */
export async function endBookingTx(tx: TenantTx, ctx: RequestContext, bookingId: string, endedAt: Date, reason: string) {
  const before = await tx.careBooking.findFirst({ where: { id: bookingId } });
  if (!before) throw new NotFoundError(N.booking);
  if (before.status === 'ended') throw new ConflictError(say(C.alreadyEnded));
  const endDate = localDateOf(endedAt, ctx.timeZone);
  const after = await tx.careBooking.update({
    where: { id: bookingId },
    data: { status: 'ended', endedAt, endReason: reason, endDate: endDate < before.startDate ? before.startDate : endDate },
  });
  await writeAudit(tx, ctx, { action: 'booking.end', entity: 'CareBooking', entityId: bookingId, before, after });
  const removed = await removeAssignments(tx, ctx, { bookingId, shiftStart: { gte: endedAt } }, {
    action: 'booking.assignments.remove', entity: 'CareBooking', entityId: bookingId, reason,
  });
  const invoice = await issueInvoice(tx, ctx, bookingId, ctx.timeZone);
  return { removed, invoice };
}

/** Discharges a patient: ends every booking of the stay, removes later shifts, issues invoices. */
export async function discharge(d: D, ctx: RequestContext, admissionId: string, input: { dischargedAt?: Date }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const dischargedAt = input.dischargedAt ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await tx.admission.findFirst({ where: { id: admissionId } });
    if (!before) throw new NotFoundError(N.admission);
    if (before.dischargedAt) throw new ConflictError(say(C.alreadyDischarged, { time: before.dischargedAt.toISOString() }));
    if (dischargedAt < before.admittedAt) {
      throw new ConflictError(say(C.dischargeBeforeAdmission), { errors: [{ path: 'body.dischargedAt', message: say(C.beforeAdmittedAt, { time: before.admittedAt.toISOString() }) }] });
    }
    const after = await tx.admission.update({ where: { id: admissionId }, data: { dischargedAt } });
    await writeAudit(tx, ctx, { action: 'admission.discharge', entity: 'Admission', entityId: admissionId, before, after });
    let removedAssignments = 0;
    const open = await tx.careBooking.findMany({ where: { admissionId, status: { not: 'ended' } } });
    for (const b of open) removedAssignments += (await endBookingTx(tx, ctx, b.id, dischargedAt, 'discharged')).removed;
    const invoices = await tx.invoice.findMany({ where: { bookingId: { in: (await tx.careBooking.findMany({ where: { admissionId } })).map((b) => b.id) } } });
    // One connection per transaction: its queries run one after another, never in parallel.
    const invoiceViews = [];
    for (const i of invoices) invoiceViews.push(await invoiceView(tx, i));
    return { admission: await loadAdmissionView(tx, admissionId, ctx.timeZone), invoices: invoiceViews, removedAssignments };
  }, { timeout: 20_000 });
}
