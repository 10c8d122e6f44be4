import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RequestContext } from '../../http/context.js';
import { monthOf, today } from '../../time/index.js';
import { unitsMonth } from '../../voice/index.js';
import type { FigureRow } from '../../voice/index.js';
import { aideNames } from '../read.js';

type D = Pick<Deps, 'prisma'>;

export interface WardVoice {
  month: string;
  /** One row per ward rated or reported this month, in the order of the wards asked for. */
  wards: (FigureRow & { name: string })[];
  aides: (FigureRow & { name: string })[];
  low: { bookingId: string; ward: string; patient: string; aide: string | null; date: string; meanTenths: number; comment: string | null }[];
}

/**
 * Residents' voice on the coordinator's boards — one ward (ward board) or every ward (roster
 * board, `wardIds` left out): this month's satisfaction and response rates of each ward, each
 * aide's ratings of stays in them, and the month's low ratings with the comment and the patient
 * (the coordinator sees patients' names on the boards anyway; the rating page never does).
 */
export async function wardVoice(d: D, ctx: RequestContext, q: { wardIds?: string[]; month?: string } = {}): Promise<WardVoice> {
  const month = q.month ?? monthOf(today(ctx.timeZone));
  const db = tenantDb(d.prisma, ctx.tenantId);
  const wards = await db.ward.findMany({ where: q.wardIds ? { id: { in: q.wardIds } } : {}, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  const wardName = new Map(wards.map((w) => [w.id, w.name]));
  const figures = await unitsMonth(d.prisma, ctx, 'ward', wards.map((w) => w.id), month);
  const staffIds = [...new Set([...figures.staff.map((s) => s.id), ...figures.low.flatMap((l) => (l.staffId ? [l.staffId] : []))])];
  const [names, bookings] = await Promise.all([
    aideNames(db, staffIds),
    db.careBooking.findMany({ where: { id: { in: figures.low.map((l) => l.subjectId) } }, select: { id: true, admission: { select: { person: { select: { name: true } } } } } }),
  ]);
  const patient = new Map(bookings.map((b) => [b.id, b.admission.person.name]));
  const byWard = new Map(figures.units.map((u) => [u.id, u]));
  return {
    month,
    wards: wards.flatMap((w) => (byWard.has(w.id) ? [{ ...byWard.get(w.id)!, name: w.name }] : [])),
    aides: figures.staff.filter((s) => s.kind === 'aide').map((s) => ({ ...s, name: names.get(s.id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    low: figures.low.map((l) => ({
      bookingId: l.subjectId, ward: wardName.get(l.unitId) ?? '', patient: patient.get(l.subjectId) ?? '', aide: l.staffId ? (names.get(l.staffId) ?? null) : null,
      date: l.serviceDate, meanTenths: l.meanTenths, comment: l.comment,
    })),
  };
}
