import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { cursorArgs, toPage } from '../../http/common-schemas.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import { addDays, instantAt } from '../../time/index.js';
import { assignmentBreaks, certificateBreak } from './assignment-rules.js';
import { type Localized, render, say } from '../../i18n/index.js';
import { nursingNouns as N } from '../messages.js';
import { careMessages as C } from '../messages-care.js';
import { rosterMessages as R } from '../messages-roster.js';
import { levelOn } from '../billing/billing.js';
import { bedCodes, bookingInclude, consentActive, loadBooking } from '../care/booking-view.js';
import { needsCare } from '../care/needs.js';
import { shiftInstance, shiftInstances } from './shifts.js';
import { tellAidesOfHandChanges } from './roster-notices.js';

type D = Pick<Deps, 'prisma'>;
/** A change by hand also tells the aides (notify's outbox and send queue). */
type W = Pick<Deps, 'prisma' | 'queues'>;

/** Assignments in shift order (then aide), a page at a time. */
export async function listAssignments(d: D, ctx: RequestContext, q: { from: string; to: string; wardId?: string; aideId?: string; bookingId?: string; limit: number; cursor?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const page = await db.shiftAssignment.findMany({
    where: { date: { gte: q.from, lte: q.to }, ...(q.wardId ? { wardId: q.wardId } : {}), ...(q.aideId ? { aideId: q.aideId } : {}), ...(q.bookingId ? { bookingId: q.bookingId } : {}) },
    ...cursorArgs(q),
    // The id makes the order total, which the cursor needs.
    orderBy: [{ shiftStart: 'asc' }, { aideId: 'asc' }, { id: 'asc' }],
  });
  const { items: rows, nextCursor } = toPage(page, q.limit, (r) => r);
  const aides = new Map((await db.aide.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.aideId))] } } })).map((a) => [a.id, a]));
  const bookings = new Map((await db.careBooking.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.bookingId))] } }, include: bookingInclude })).map((b) => [b.id, b]));
  const beds = await bedCodes(db, [...bookings.values()].map((b) => b.admission.bedId));
  const items = rows.map((r) => {
    const b = bookings.get(r.bookingId)!;
    return {
      id: r.id, date: r.date, shiftCode: r.shiftCode, shiftStart: r.shiftStart, shiftEnd: r.shiftEnd, wardId: r.wardId,
      aideId: r.aideId, aideName: aides.get(r.aideId)?.name ?? '', bookingId: r.bookingId, patientName: b.admission.person.name,
      bedCode: b.admission.bedId ? (beds.get(b.admission.bedId) ?? null) : null, levelCode: levelOn(b.levels, r.date), rosterRunId: r.rosterRunId,
    };
  });
  return { items, nextCursor };
}

/** Per shift and ward: how many patients needed an aide and how many have one. */
export async function coverage(d: D, ctx: RequestContext, q: { from: string; to: string; wardId?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const wards = await db.ward.findMany({ where: q.wardId ? { id: q.wardId } : {}, orderBy: { name: 'asc' } });
  const shifts = shiftInstances(await db.shiftTemplate.findMany(), q.from, q.to, ctx.timeZone);
  const bookings = await db.careBooking.findMany({
    where: { activatedAt: { not: null }, admission: { wardId: { in: wards.map((w) => w.id) } }, startDate: { lte: q.to }, OR: [{ endDate: null }, { endDate: { gte: q.from } }] },
    include: bookingInclude,
  });
  const rows = await db.shiftAssignment.findMany({ where: { date: { gte: q.from, lte: q.to }, wardId: { in: wards.map((w) => w.id) } } });
  const assigned = new Map(rows.map((r) => [`${r.date}.${r.shiftCode}.${r.bookingId}`, r.aideId]));
  const out = [];
  let needs = 0, covered = 0;
  for (const s of shifts) {
    for (const w of wards) {
      const due = bookings.filter((b) => b.admission.wardId === w.id && needsCare(b, s));
      const uncovered = due.filter((b) => !assigned.has(`${s.date}.${s.shiftCode}.${b.id}`)).map((b) => b.id);
      const aides = new Set(rows.filter((r) => r.date === s.date && r.shiftCode === s.shiftCode && r.wardId === w.id).map((r) => r.aideId));
      needs += due.length;
      covered += due.length - uncovered.length;
      out.push({ date: s.date, shiftCode: s.shiftCode, wardId: w.id, wardName: w.name, needs: due.length, covered: due.length - uncovered.length, aides: aides.size, uncoveredBookingIds: uncovered });
    }
  }
  return { needs, covered, coveragePct: needs ? Math.round((1000 * covered) / needs) / 10 : 100, shifts: out };
}

/**
 * Puts one aide on one patient for one shift by hand (replacing whoever had it), after checking
 * consent and every hard rule; 409 lists what is broken.
 */
export async function assign(d: W, ctx: RequestContext, input: { date: string; shiftCode: string; bookingId: string; aideId: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const id = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`roster:${ctx.tenantId}`}))`;
    const booking = await loadBooking(tx, input.bookingId);
    if (!booking.consents.some((c) => consentActive(c))) throw new ConflictError(say(C.noConsent));
    if (booking.status !== 'active') throw new ConflictError(say(R.bookingNotActive, { status: say(R[`status_${booking.status}`]) }));
    const template = await tx.shiftTemplate.findFirst({ where: { code: input.shiftCode } });
    if (!template) throw new ConflictError(say(R.noShift, { code: input.shiftCode }), { errors: [{ path: 'body.shiftCode', message: say(R.unknownShift) }] });
    const shift = shiftInstance(template, input.date, ctx.timeZone);
    if (!booking.consents.some((c) => c.signedAt < shift.end && (!c.revokedAt || c.revokedAt > shift.start))) {
      throw new ConflictError(say(R.consentNotCovering, { shift: input.shiftCode, date: input.date }));
    }
    if (!needsCare(booking, shift)) throw new ConflictError(say(R.noCareNeeded, { shift: input.shiftCode, date: input.date }));
    const aide = await tx.aide.findFirst({ where: { id: input.aideId } });
    if (!aide) throw new ConflictError(say(R.aideMissing), { errors: [{ path: 'body.aideId', message: say(R.unknownAide) }] });
    const levels = await tx.careLevel.findMany();
    const ratio = (code: string) => levels.find((l) => l.code === code)!;
    const level = ratio(levelOn(booking.levels, input.date));
    const near = await tx.shiftAssignment.findMany({
      where: {
        aideId: aide.id, NOT: { date: input.date, shiftCode: input.shiftCode, bookingId: booking.id },
        shiftEnd: { gt: instantAt(addDays(input.date, -8), '00:00', ctx.timeZone) }, shiftStart: { lt: instantAt(addDays(input.date, 9), '00:00', ctx.timeZone) },
      },
    });
    const otherBookings = new Map((await tx.careBooking.findMany({ where: { id: { in: near.map((n) => n.bookingId) } }, include: { levels: true } })).map((b) => [b.id, b]));
    const check = {
      aide, shift, wardId: booking.admission.wardId, load: 1 / level.patientsPerAide, requiredSkill: level.requiredSkill, zone: ctx.timeZone,
      patient: { genderPreference: booking.genderPreference, genderRequired: booking.genderRequired },
      others: near.map((n) => ({ ...n, load: 1 / ratio(levelOn(otherBookings.get(n.bookingId)!.levels, n.date)).patientsPerAide })),
    };
    const violations = assignmentBreaks(check);
    if (violations.length) {
      // `violations` in the reader's language; every broken rule also in both (`sentences`), for the coordinator's screen.
      const both = (xs: Localized[]) => ({ 'zh-CN': xs.map((x) => render('zh-CN', x)), en: xs.map((x) => render('en', x)) });
      const certificate = certificateBreak(aide, shift, ctx.timeZone);
      const messages = certificate ? { certificate: { 'zh-CN': render('zh-CN', certificate), en: render('en', certificate) } } : {};
      const all = violations.reduceRight((rest, first) => say(R.joined, { first, rest }));
      throw new ConflictError(say(R.cannotTake, { name: aide.name, violations: all }), { violations, sentences: both(violations), ...messages });
    }
    const key = { tenantId_date_shiftCode_bookingId: { tenantId: ctx.tenantId, date: input.date, shiftCode: input.shiftCode, bookingId: booking.id } };
    const before = await tx.shiftAssignment.findUnique({ where: key });
    const data = { shiftStart: shift.start, shiftEnd: shift.end, wardId: booking.admission.wardId, aideId: aide.id, rosterRunId: null };
    const after = await tx.shiftAssignment.upsert({ where: key, create: { tenantId: ctx.tenantId, date: input.date, shiftCode: input.shiftCode, bookingId: booking.id, ...data }, update: data });
    await writeAudit(tx, ctx, { action: 'assignment.set', entity: 'ShiftAssignment', entityId: after.id, before, after });
    // The aide put on (and the one taken off) are told in this commit; the n-th hand setting of the row keys the change.
    const n = await tx.auditLog.count({ where: { action: 'assignment.set', entity: 'ShiftAssignment', entityId: after.id } });
    await tellAidesOfHandChanges(d, ctx.tenantId, [{ ...input, shiftStart: shift.start, from: before?.aideId ?? null, to: aide.id }], {
      key: (aideId) => `assignment-set.${after.id}.${n}.${aideId}`, ref: { type: 'shift_assignment', id: after.id },
    });
    return after.id;
  });
  const row = await db.shiftAssignment.findFirstOrThrow({ where: { id } });
  return (await listAssignments(d, ctx, { from: row.date, to: row.date, bookingId: row.bookingId, limit: 10 })).items.find((a) => a.id === id)!;
}

export async function unassign(d: W, ctx: RequestContext, id: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.shiftAssignment.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(N.assignment);
    await tx.shiftAssignment.delete({ where: { id } });
    await writeAudit(tx, ctx, { action: 'assignment.remove', entity: 'ShiftAssignment', entityId: id, before });
    await tellAidesOfHandChanges(d, ctx.tenantId, [{ ...before, from: before.aideId, to: null }], {
      key: (aideId) => `assignment-remove.${id}.${aideId}`, ref: { type: 'shift_assignment', id },
    });
  });
}
