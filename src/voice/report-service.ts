import { tenantDb } from '../db/prisma.js';
import type { Deps } from '../deps.js';
import type { RequestContext } from '../http/context.js';
import { toCsv } from '../http/csv.js';
import { t } from '../i18n/index.js';
import { monthBounds } from '../time/index.js';
import { monthlyFigures } from './figures.js';
import { VM } from './messages.js';
import { staffNamesOf, unitNamesOf } from './unit-names.js';

type D = Pick<Deps, 'prisma'>;

/** The month's figures with names: ratings count in the month of their service, tickets in the month they were opened. */
export async function monthReport(d: D, ctx: RequestContext, month: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const { start, end } = monthBounds(month, ctx.timeZone);
  const [ratings, tickets] = await Promise.all([
    db.rating.findMany({ where: { serviceDate: { startsWith: `${month}-` } } }),
    db.ticket.findMany({ where: { createdAt: { gte: start, lt: end } } }),
  ]);
  const rows = monthlyFigures(ratings, tickets);
  const [units, staff] = await Promise.all([
    unitNamesOf(db, rows.map((r) => ({ unitKind: r.kind, unitId: r.id }))),
    staffNamesOf(db, rows.map((r) => ({ staffKind: r.kind, staffId: r.id }))),
  ]);
  return { month, rows: rows.map((r) => ({ ...r, name: units.get(r.id) ?? staff.get(r.id) ?? '' })) };
}

export function kindLabel(locale: string, kind: string): string {
  const key = (['kitchen', 'canteen', 'ward'].includes(kind) ? `unit_${kind}` : `kind_${kind}`) as keyof typeof VM;
  return VM[key] ? t(locale, VM[key]) : kind;
}

const rate = (v: number | null) => (v === null ? '' : `${v}%`);

/** The report as CSV: headings in the reader's language, machine columns (ids, tenths) beside. */
export function reportCsv(locale: string, report: Awaited<ReturnType<typeof monthReport>>): string {
  const header = [VM.colKind, VM.colUnit, VM.colRatings, VM.colMean, VM.colSatisfaction, VM.colTickets, VM.colResponse, VM.colResolved]
    .map((m) => t(locale, m)).concat(['id', 'mean_tenths']);
  return toCsv(header, report.rows.map((r) => [
    kindLabel(locale, r.kind), r.name, r.ratings, r.meanTenths === null ? '' : (r.meanTenths / 10).toFixed(1), rate(r.satisfactionPct),
    r.tickets, rate(r.acceptedInTimePct), rate(r.resolvedInTimePct), r.id, r.meanTenths,
  ]));
}
