/**
 * What other domains use of residents' voice: rating codes for the pages they print (packing
 * labels, canteen receipts, discharge invoices) and the figures their boards show (the day board,
 * the coordinator's ward board).
 */
import type { PrismaClient } from '../db/prisma.js';
import { tenantDb } from '../db/prisma.js';
import { qrSvg, ratePath, signFor } from './code-service.js';
import type { SubjectKind } from './codes.js';
import { voiceSettings } from './settings.js';
import { monthlyFigures, pct, SATISFIED_TENTHS } from './figures.js';
import type { FigureRow } from './figures.js';
import { monthBounds } from '../time/index.js';

export type { SubjectKind } from './codes.js';
export { VM } from './messages.js';
export type { FigureRow } from './figures.js';
/** The URL of a rating QR code (SVG) for a meal, visit or stay, for screens that print receipts. */
export const qrImageUrl = (kind: SubjectKind, id: string) => `/voice/codes/qr.svg?subjectKind=${kind}&subjectId=${id}`;

/** A function that signs codes for one tenant (one settings read for a whole printed sheet). */
export async function ratingLinks(prisma: PrismaClient, tenant: { tenantId: string; timeZone: string }, base = '') {
  const { codeSecret } = await voiceSettings(prisma, tenant.tenantId);
  return {
    url: (kind: SubjectKind, subjectId: string, date: string) => `${base}${ratePath(signFor(codeSecret, tenant, kind, subjectId, date).code)}`,
    qrSvg,
  };
}

/** Ratings below this mean (× 10) show on the day board: 2.5 stars or less is a meal to look into. */
export const LOW_RATING_TENTHS = 25;

/** The low ratings among some delivered meals (the day board shows them beside the routes). */
export async function lowMealRatings(prisma: PrismaClient, tenantId: string, orderIds: string[]) {
  const rows = await tenantDb(prisma, tenantId).rating.findMany({
    where: { subjectKind: 'meal', subjectId: { in: orderIds }, meanTenths: { lte: LOW_RATING_TENTHS } },
    select: { subjectId: true, meanTenths: true, comment: true },
  });
  return rows.map((r) => ({ orderId: r.subjectId, meanTenths: r.meanTenths, comment: r.comment }));
}

/** A unit's ratings of a month: how many, and the share satisfied (mean ≥ 4 stars). */
export async function unitSatisfaction(prisma: PrismaClient, tenantId: string, unitId: string, month: string) {
  const rows = await tenantDb(prisma, tenantId).rating.findMany({ where: { unitId, serviceDate: { startsWith: `${month}-` } }, select: { meanTenths: true } });
  const satisfied = rows.filter((r) => r.meanTenths >= SATISFIED_TENTHS).length;
  return { month, ratings: rows.length, satisfactionPct: pct(satisfied, rows.length) };
}

export interface UnitsMonth {
  month: string;
  /** One row per unit that has ratings or tickets this month (rates null where nothing to divide). */
  units: FigureRow[];
  /** One row per member of staff (driver, aide) rated this month; tickets belong to units only. */
  staff: FigureRow[];
  /** The month's ratings of 2.5 stars or less, with their comment, worst first. */
  low: { subjectKind: string; subjectId: string; unitId: string; staffId: string | null; serviceDate: string; meanTenths: number; comment: string | null }[];
}

/**
 * A month's figures of some units of one kind (the coordinator's wards) and of their staff, by
 * the same rules as the monthly report: ratings count in the month of the service, tickets in
 * the month they were opened (tenant zone).
 */
export async function unitsMonth(prisma: PrismaClient, tenant: { tenantId: string; timeZone: string }, unitKind: 'kitchen' | 'canteen' | 'ward', unitIds: string[], month: string): Promise<UnitsMonth> {
  const db = tenantDb(prisma, tenant.tenantId);
  const { start, end } = monthBounds(month, tenant.timeZone);
  const [ratings, tickets] = await Promise.all([
    db.rating.findMany({ where: { unitKind, unitId: { in: unitIds }, serviceDate: { startsWith: `${month}-` } }, orderBy: [{ meanTenths: 'asc' }, { serviceDate: 'desc' }] }),
    db.ticket.findMany({ where: { unitKind, unitId: { in: unitIds }, createdAt: { gte: start, lt: end } } }),
  ]);
  const rows = monthlyFigures(ratings, tickets);
  return {
    month,
    units: rows.filter((r) => r.kind === unitKind),
    staff: rows.filter((r) => r.kind !== unitKind),
    low: ratings.filter((r) => r.meanTenths <= LOW_RATING_TENTHS).map((r) => ({
      subjectKind: r.subjectKind, subjectId: r.subjectId, unitId: r.unitId, staffId: r.staffId, serviceDate: r.serviceDate, meanTenths: r.meanTenths, comment: r.comment,
    })),
  };
}
