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
  ward: FigureRow | null;
  aides: (FigureRow & { name: string })[];
  low: { bookingId: string; patient: string; aide: string | null; date: string; meanTenths: number; comment: string | null }[];
}

/**
 * Residents' voice on the ward board: this month's satisfaction and response rates of the ward,
 * each aide's ratings of stays in it, and the month's low ratings with the comment and the patient
 * (the coordinator sees patients' names on the board anyway; the rating page never does).
 */
export async function wardVoice(d: D, ctx: RequestContext, wardId: string, month = monthOf(today(ctx.timeZone))): Promise<WardVoice> {
  const figures = await unitsMonth(d.prisma, ctx, 'ward', [wardId], month);
  const db = tenantDb(d.prisma, ctx.tenantId);
  const staffIds = [...new Set([...figures.staff.map((s) => s.id), ...figures.low.flatMap((l) => (l.staffId ? [l.staffId] : []))])];
  const [names, bookings] = await Promise.all([
    aideNames(db, staffIds),
    db.careBooking.findMany({ where: { id: { in: figures.low.map((l) => l.subjectId) } }, select: { id: true, admission: { select: { person: { select: { name: true } } } } } }),
  ]);
  const patient = new Map(bookings.map((b) => [b.id, b.admission.person.name]));
  return {
    month,
    ward: figures.units[0] ?? null,
    aides: figures.staff.filter((s) => s.kind === 'aide').map((s) => ({ ...s, name: names.get(s.id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    low: figures.low.map((l) => ({
      bookingId: l.subjectId, patient: patient.get(l.subjectId) ?? '', aide: l.staffId ? (names.get(l.staffId) ?? null) : null,
      date: l.serviceDate, meanTenths: l.meanTenths, comment: l.comment,
    })),
  };
}
