import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { TenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import type { HandoverNote, ShiftTemplate } from '../../generated/prisma/client.js';
import { addDays, ageOrNull, daysInclusive, today } from '../../time/index.js';
import { levelOn } from '../billing/billing.js';
import { bedCodes, bookingInclude, loadBooking } from '../care/booking-view.js';
import { shiftInstance } from '../roster/shifts.js';

type D = Pick<Deps, 'prisma'>;
const DAY = 86_400_000;

/** Coordinators and admins manage every patient; auditors read everything. */
const managesNursing = (ctx: RequestContext, write: boolean) =>
  ctx.roles.some((r) => r === 'admin' || r === 'hospital_coordinator' || (!write && r === 'auditor'));

export async function myAide(db: TenantDb, ctx: RequestContext) {
  const aide = await db.aide.findFirst({ where: { userId: ctx.userId } });
  if (!aide) throw new NotFoundError('aide', 'Your user is not linked to an aide; ask the coordinator to link it (PATCH /nursing/aides/{id} with userId).');
  return aide;
}

function noteView(n: HandoverNote) {
  return { id: n.id, bookingId: n.bookingId, date: n.date, shiftCode: n.shiftCode, authorUserId: n.authorUserId, authorName: n.authorName, text: n.text, createdAt: n.createdAt };
}

/** Start of the shift a note belongs to (its creation time if the template is gone). */
function noteStart(n: HandoverNote, templates: Map<string, ShiftTemplate>, zone: string): number {
  const t = templates.get(n.shiftCode);
  return t ? shiftInstance(t, n.date, zone).start.getTime() : n.createdAt.getTime();
}

/**
 * GET /me/shifts: the signed-in aide's own shifts with their patients (bed, care level) and the
 * handover notes of each patient from the 24 h before the shift up to its end.
 */
export async function myShifts(d: D, ctx: RequestContext, q: { from?: string; to?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const aide = await myAide(db, ctx);
  const from = q.from ?? today(ctx.timeZone);
  const to = q.to ?? addDays(from, 6);
  if (to < from || daysInclusive(from, to) > 31) throw new ValidationError([{ path: 'query.to', message: 'Give a range of 1–31 days.' }]);
  const rows = await db.shiftAssignment.findMany({ where: { aideId: aide.id, date: { gte: from, lte: to } }, orderBy: { shiftStart: 'asc' } });
  const bookingIds = [...new Set(rows.map((r) => r.bookingId))];
  const bookings = new Map((await db.careBooking.findMany({ where: { id: { in: bookingIds } }, include: bookingInclude })).map((b) => [b.id, b]));
  const beds = await bedCodes(db, [...bookings.values()].map((b) => b.admission.bedId));
  const levels = new Map((await db.careLevel.findMany()).map((l) => [l.code, l]));
  const templates = new Map((await db.shiftTemplate.findMany()).map((t) => [t.code, t]));
  const wards = new Map((await db.ward.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.wardId))] } } })).map((w) => [w.id, w]));
  const notes = await db.handoverNote.findMany({ where: { bookingId: { in: bookingIds }, date: { gte: addDays(from, -2), lte: to } }, orderBy: { createdAt: 'asc' } });
  const shifts = new Map<string, ReturnType<typeof emptyShift>>();
  function emptyShift(r: (typeof rows)[number]) {
    return {
      date: r.date, shiftCode: r.shiftCode, shiftName: templates.get(r.shiftCode)?.name ?? r.shiftCode, start: r.shiftStart, end: r.shiftEnd,
      ward: { id: r.wardId, name: wards.get(r.wardId)?.name ?? '' }, load: 0, patients: [] as unknown[],
    };
  }
  for (const r of rows) {
    const key = `${r.date}.${r.shiftCode}`;
    const shift = shifts.get(key) ?? emptyShift(r);
    shifts.set(key, shift);
    const b = bookings.get(r.bookingId)!;
    const level = levels.get(levelOn(b.levels, r.date))!;
    shift.load += 1 / level.patientsPerAide;
    const from24 = r.shiftStart.getTime() - DAY;
    shift.patients.push({
      bookingId: b.id, name: b.admission.person.name, gender: b.admission.person.gender, age: ageOrNull(b.admission.person.birthDate, r.date),
      bed: b.admission.bedId ? (beds.get(b.admission.bedId) ?? null) : null,
      careLevel: { code: level.code, name: level.name, patientsPerAide: level.patientsPerAide },
      // Only on the aide's own assigned shifts: this list is built from their assignments.
      careNotes: b.careNotes,
      handoverNotes: notes.filter((n) => n.bookingId === b.id)
        .filter((n) => { const t = noteStart(n, templates, ctx.timeZone); return t >= from24 && t < r.shiftEnd.getTime(); })
        .map(({ id, date, shiftCode, authorName, text, createdAt }) => ({ id, date, shiftCode, authorName, text, createdAt })),
    });
  }
  return {
    aide: { id: aide.id, name: aide.name }, from, to,
    shifts: [...shifts.values()].map((s) => ({ ...s, load: Math.round(s.load * 1000) / 1000 })),
  };
}

/** An aide may see and write notes only for patients they have shifts with; managers for all. */
async function checkNoteAccess(db: TenantDb, ctx: RequestContext, bookingId: string, shift?: { date: string; shiftCode: string }) {
  await loadBooking(db, bookingId);
  if (managesNursing(ctx, !!shift)) return;
  const aide = await myAide(db, ctx);
  const any = await db.shiftAssignment.findFirst({ where: { aideId: aide.id, bookingId } });
  if (!any) throw new NotFoundError('booking');
  if (shift && !(await db.shiftAssignment.findFirst({ where: { aideId: aide.id, bookingId, date: shift.date, shiftCode: shift.shiftCode } }))) {
    throw new ConflictError(`You are not this patient's aide in ${shift.shiftCode} ${shift.date}; write the note for one of your own shifts.`);
  }
}

export async function listNotes(d: D, ctx: RequestContext, bookingId: string, q: { from?: string; to?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await checkNoteAccess(db, ctx, bookingId);
  const rows = await db.handoverNote.findMany({
    where: { bookingId, ...(q.from || q.to ? { date: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}) },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map(noteView);
}

export async function addNote(d: D, ctx: RequestContext, bookingId: string, input: { date: string; shiftCode: string; text: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (!(await db.shiftTemplate.findFirst({ where: { code: input.shiftCode } }))) {
    throw new ConflictError(`No shift '${input.shiftCode}' is set up.`, { errors: [{ path: 'body.shiftCode', message: 'Unknown shift.' }] });
  }
  await checkNoteAccess(db, ctx, bookingId, input);
  const user = await db.user.findFirstOrThrow({ where: { id: ctx.userId } });
  return db.$transaction(async (tx) => {
    const note = await tx.handoverNote.create({ data: { tenantId: ctx.tenantId, bookingId, ...input, authorUserId: ctx.userId, authorName: user.displayName } });
    await writeAudit(tx, ctx, { action: 'handover-note.create', entity: 'HandoverNote', entityId: note.id, after: note });
    return noteView(note);
  });
}
