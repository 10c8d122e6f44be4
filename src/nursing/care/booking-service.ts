import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { cursorArgs, toPage } from '../../http/common-schemas.js';
import type { TenantTx } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../http/errors.js';
import { localDateOf } from '../../time/index.js';
import { removeAssignments } from '../roster/assignment-store.js';
import { suggestLevel } from './barthel.js';
import { bedCodes, bookingInclude, bookingView, consentActive, loadBooking } from './booking-view.js';
import { endBookingTx } from './admission-service.js';
import { invoiceView } from '../billing/invoice-service.js';
import { dropAssignmentsBrokenByLevel } from './level-change-effects.js';
import type { BookingCreate, ConsentInput, LevelChange } from '../schemas-care.js';

type D = Pick<Deps, 'prisma'>;

export const NO_CONSENT =
  'No active family consent is recorded for this booking: record who consented (POST /nursing/bookings/{id}/consents) before activating it or assigning an aide.';

async function view(db: ReturnType<typeof tenantDb> | TenantTx, id: string, zone: string) {
  const b = await loadBooking(db, id);
  return bookingView(b, await bedCodes(db, [b.admission.bedId]), zone);
}

/**
 * Resolves the care level from the Barthel score and an optional explicit level: the explicit
 * level must exist and, if it differs from the suggestion, carry a reason.
 */
async function resolveLevel(tx: TenantTx, barthel: number | undefined, levelCode: string | undefined, reason: string | undefined, reasonPath: string) {
  const suggested = barthel === undefined ? null : suggestLevel(barthel);
  if (barthel !== undefined && suggested === null) {
    throw new UnprocessableError('A Barthel score of 100 means the patient is independent in self-care: no accompany-free nursing booking is needed.', {
      errors: [{ path: 'body.barthelScore', message: 'Independent (100): no care level applies.' }],
    });
  }
  const code = levelCode ?? suggested!;
  const level = await tx.careLevel.findFirst({ where: { code } });
  if (!level) {
    throw new ConflictError(`Care level '${code}' is not set up in this hospital (POST /nursing/setup/defaults or PUT /nursing/care-levels/${code}).`, {
      errors: [{ path: 'body.levelCode', message: 'Unknown care level.' }],
    });
  }
  if (code !== suggested && !reason) {
    throw new ValidationError([{ path: reasonPath, message: `Level '${code}' differs from the suggested '${suggested}' (Barthel ${barthel}): give a reason for the override.` }],
      'Overriding the suggested care level needs a reason.');
  }
  return { code, suggested };
}

export async function createBooking(d: D, ctx: RequestContext, input: BookingCreate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const id = await db.$transaction((tx) => createBookingTx(tx, ctx, input));
  return view(db, id, ctx.timeZone);
}

/** The booking inside the caller's transaction (the ward board admits and books in one). */
export async function createBookingTx(tx: TenantTx, ctx: RequestContext, input: BookingCreate): Promise<string> {
  const admission = await tx.admission.findFirst({ where: { id: input.admissionId } });
  if (!admission) throw new ConflictError('The admission does not exist.', { errors: [{ path: 'body.admissionId', message: 'Unknown admission.' }] });
  if (admission.dischargedAt) throw new ConflictError('The patient has been discharged; admit them again first.');
  const open = await tx.careBooking.findFirst({ where: { admissionId: admission.id, status: { not: 'ended' } } });
  if (open) throw new ConflictError(`This admission already has an open care booking (${open.id}); change its level instead.`);
  const { code, suggested } = await resolveLevel(tx, input.barthelScore, input.levelCode, input.overrideReason, 'body.overrideReason');
  const admittedOn = localDateOf(admission.admittedAt, ctx.timeZone);
  const startDate = input.startDate ?? admittedOn;
  if (startDate < admittedOn) {
    throw new ConflictError(`Care cannot start before the admission date ${admittedOn}.`, { errors: [{ path: 'body.startDate', message: `Before ${admittedOn}.` }] });
  }
  if (input.endDate && input.endDate < startDate) throw new ValidationError([{ path: 'body.endDate', message: 'Before the start date.' }]);
  if (input.activate && !input.consent) throw new ConflictError(NO_CONSENT);
  const now = new Date();
  const booking = await tx.careBooking.create({
    data: {
      tenantId: ctx.tenantId, admissionId: admission.id, barthelScore: input.barthelScore, suggestedLevel: suggested,
      overrideReason: code !== suggested ? (input.overrideReason ?? null) : null, startDate, endDate: input.endDate ?? null,
      genderPreference: input.genderPreference ?? null, genderRequired: input.genderRequired, careNotes: input.careNotes || null,
      status: input.activate ? 'active' : 'pending', activatedAt: input.activate ? now : null,
      levels: { create: { tenantId: ctx.tenantId, levelCode: code, effectiveFrom: startDate, reason: code !== suggested ? (input.overrideReason ?? null) : null } },
      ...(input.consent ? { consents: { create: { tenantId: ctx.tenantId, ...input.consent, signedAt: input.consent.signedAt ?? now } } } : {}),
    },
    include: bookingInclude,
  });
  await writeAudit(tx, ctx, { action: 'booking.create', entity: 'CareBooking', entityId: booking.id, after: booking });
  return booking.id;
}

export async function getBooking(d: D, ctx: RequestContext, id: string) {
  return view(tenantDb(d.prisma, ctx.tenantId), id, ctx.timeZone);
}

/** Bookings in the order they were made, a page at a time. */
export async function listBookings(d: D, ctx: RequestContext, q: { status?: 'pending' | 'active' | 'ended'; wardId?: string; limit: number; cursor?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const rows = await db.careBooking.findMany({
    where: { ...(q.status ? { status: q.status } : {}), ...(q.wardId ? { admission: { wardId: q.wardId } } : {}) },
    include: bookingInclude, ...cursorArgs(q),
  });
  const beds = await bedCodes(db, rows.map((r) => r.admission.bedId));
  return toPage(rows, q.limit, (r) => bookingView(r, beds, ctx.timeZone));
}

export async function recordConsent(d: D, ctx: RequestContext, bookingId: string, input: ConsentInput) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const b = await loadBooking(tx, bookingId);
    if (b.status === 'ended') throw new ConflictError('The booking has ended; consent cannot be added.');
    const consent = await tx.consent.create({ data: { tenantId: ctx.tenantId, bookingId, ...input, signedAt: input.signedAt ?? new Date() } });
    await writeAudit(tx, ctx, { action: 'consent.record', entity: 'Consent', entityId: consent.id, after: consent });
  });
  return view(db, bookingId, ctx.timeZone);
}

/**
 * Revokes a consent. Without any other active consent, every assignment of a shift that starts
 * after the revocation is removed (the shift under way ends normally) and the booking goes back
 * to pending (it needs a new consent to be activated again).
 */
export async function revokeConsent(d: D, ctx: RequestContext, bookingId: string, consentId: string, input: { reason?: string; revokedAt?: Date }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const revokedAt = input.revokedAt ?? new Date();
  const removedAssignments = await db.$transaction(async (tx) => {
    const before = await tx.consent.findFirst({ where: { id: consentId, bookingId } });
    if (!before) throw new NotFoundError('consent');
    if (before.revokedAt) throw new ConflictError(`This consent was already revoked at ${before.revokedAt.toISOString()}.`);
    if (revokedAt < before.signedAt) throw new ConflictError('A consent cannot be revoked before it was signed.');
    const after = await tx.consent.update({ where: { id: consentId }, data: { revokedAt, revokedReason: input.reason ?? null } });
    await writeAudit(tx, ctx, { action: 'consent.revoke', entity: 'Consent', entityId: consentId, before, after });
    const others = await tx.consent.findMany({ where: { bookingId, NOT: { id: consentId } } });
    if (others.some((c) => consentActive(c, revokedAt))) return 0;
    const booking = await tx.careBooking.findFirst({ where: { id: bookingId } });
    // A revocation dated ahead ("stop from Friday") leaves the booking active until then; the
    // roster already stops at it because consent must cover each shift.
    if (booking?.status === 'active' && revokedAt <= new Date()) {
      const suspended = await tx.careBooking.update({ where: { id: bookingId }, data: { status: 'pending' } });
      await writeAudit(tx, ctx, { action: 'booking.suspend', entity: 'CareBooking', entityId: bookingId, before: booking, after: suspended });
    }
    return removeAssignments(tx, ctx, { bookingId, shiftStart: { gt: revokedAt } }, {
      action: 'booking.assignments.remove', entity: 'CareBooking', entityId: bookingId, reason: 'consent revoked',
    });
  });
  return { booking: await view(db, bookingId, ctx.timeZone), removedAssignments };
}

/** pending → active; needs an active consent (409 otherwise). */
export async function activateBooking(d: D, ctx: RequestContext, bookingId: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const b = await loadBooking(tx, bookingId);
    if (b.status === 'ended') throw new ConflictError('The booking has ended.');
    if (b.status === 'active') return;
    if (!b.consents.some((c) => consentActive(c))) throw new ConflictError(NO_CONSENT);
    if (b.admission.dischargedAt) throw new ConflictError('The patient has been discharged.');
    const after = await tx.careBooking.update({ where: { id: bookingId }, data: { status: 'active', activatedAt: b.activatedAt ?? new Date() } });
    await writeAudit(tx, ctx, { action: 'booking.activate', entity: 'CareBooking', entityId: bookingId, before: b, after });
  });
  return view(db, bookingId, ctx.timeZone);
}

/** A care-level change from a local date on (a new period; the same date again replaces it). */
export async function changeLevel(d: D, ctx: RequestContext, bookingId: string, input: LevelChange) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const removedAssignments = await db.$transaction(async (tx) => {
    // Serialised with roster writes and manual assignments, which read the same loads.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`roster:${ctx.tenantId}`}))`;
    const b = await loadBooking(tx, bookingId);
    if (b.status === 'ended') throw new ConflictError('The booking has ended; its care level can no longer change.');
    if (input.effectiveFrom < b.startDate || (b.endDate && input.effectiveFrom > b.endDate)) {
      throw new ConflictError(`The change must take effect within the booking (${b.startDate} – ${b.endDate ?? 'open'}).`, {
        errors: [{ path: 'body.effectiveFrom', message: 'Outside the booking dates.' }],
      });
    }
    const barthel = input.barthelScore ?? (input.levelCode ? (b.barthelScore ?? undefined) : undefined);
    const { code, suggested } = await resolveLevel(tx, barthel, input.levelCode, input.reason, 'body.reason');
    const period = await tx.careLevelPeriod.upsert({
      where: { bookingId_effectiveFrom: { bookingId, effectiveFrom: input.effectiveFrom } },
      create: { tenantId: ctx.tenantId, bookingId, levelCode: code, effectiveFrom: input.effectiveFrom, reason: input.reason ?? null },
      update: { levelCode: code, reason: input.reason ?? null },
    });
    if (input.barthelScore !== undefined) await tx.careBooking.update({ where: { id: bookingId }, data: { barthelScore: input.barthelScore, suggestedLevel: suggested } });
    await writeAudit(tx, ctx, { action: 'booking.level.change', entity: 'CareBooking', entityId: bookingId, before: { levels: b.levels }, after: period });
    return dropAssignmentsBrokenByLevel(tx, ctx, bookingId, input.effectiveFrom);
  });
  return { booking: await view(db, bookingId, ctx.timeZone), removedAssignments };
}

/** Ends a booking while the patient stays (e.g. the family stops the service); issues the invoice. */
export async function endBooking(d: D, ctx: RequestContext, bookingId: string, input: { endedAt?: Date; reason: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const b = await loadBooking(tx, bookingId);
    const endedAt = input.endedAt ?? new Date();
    if (endedAt < b.admission.admittedAt) throw new ConflictError('A booking cannot end before admission.');
    const { removed, invoice } = await endBookingTx(tx, ctx, bookingId, endedAt, input.reason);
    return { booking: await view(tx, bookingId, ctx.timeZone), removedAssignments: removed, invoice: invoice ? await invoiceView(tx, invoice) : null };
  });
}
