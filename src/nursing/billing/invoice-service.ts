import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { cursorArgs, toPage } from '../../http/common-schemas.js';
import type { TenantTx } from '../../db/prisma.js';
import type { Actor } from '../../audit/audit-log.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { NotFoundError } from '../../http/errors.js';
import type { Invoice } from '../../generated/prisma/client.js';
import { instantAt } from '../../time/index.js';
import { careStartInstant, computeBill } from './billing.js';
import type { BillLine } from './billing.js';
import { bedCodes, loadBooking } from '../care/booking-view.js';
import type { BookingRow } from '../care/booking-view.js';
import { amountInCapitals } from './amount-capital.js';
import { allocateInvoiceNumber } from './invoice-number.js';
import { renderInvoiceHtml } from './invoice-html.js';
import { levelPrice } from '../views.js';

type D = Pick<Deps, 'prisma'>;

/**
 * When care started for billing: the booking's start date, never before admission nor before the
 * family's first consent (no care is given without it).
 */
function careStart(b: BookingRow, zone: string): Date {
  let start = careStartInstant(b.startDate, b.admission.admittedAt, zone);
  const firstConsent = b.consents.map((c) => c.signedAt).sort((x, y) => x.getTime() - y.getTime())[0];
  if (firstConsent && firstConsent > start) start = firstConsent;
  return start;
}

/**
 * Issues (or re-issues) the invoice of an ended booking inside the caller's transaction:
 * the daily fee of the level in force on each local day of care. A booking that never became
 * active gets no invoice.
 */
export async function issueInvoice(tx: TenantTx, actor: Actor, bookingId: string, zone: string): Promise<Invoice | null> {
  const b = await loadBooking(tx, bookingId);
  if (!b.activatedAt || !b.endedAt) return null;
  const levels = (await tx.careLevel.findMany()).map(levelPrice);
  const start = careStart(b, zone);
  const end = b.endedAt > start ? b.endedAt : start;
  const bill = computeBill({ start, end, zone, periods: b.levels, levels });
  const data = { fromDate: bill.fromDate, toDate: bill.toDate, days: bill.days, lines: bill.lines as object[], totalFee: bill.totalFee };
  const before = await tx.invoice.findFirst({ where: { bookingId } });
  const issuedAt = new Date();
  // A re-issued invoice keeps its number: the cashier's office may already have filed it.
  const invoice = before
    ? await tx.invoice.update({ where: { id: before.id }, data: { ...data, issuedAt } })
    : await tx.invoice.create({ data: { ...data, issuedAt, bookingId, tenantId: actor.tenantId, number: await allocateInvoiceNumber(tx, actor.tenantId, issuedAt, zone) } });
  await writeAudit(tx, actor, { action: before ? 'invoice.reissue' : 'invoice.issue', entity: 'Invoice', entityId: invoice.id, before, after: invoice });
  return invoice;
}

type Db = ReturnType<typeof tenantDb> | TenantTx;

export async function invoiceView(db: Db, inv: Invoice) {
  const b = await loadBooking(db, inv.bookingId);
  const ward = await db.ward.findFirst({ where: { id: b.admission.wardId } });
  const beds = await bedCodes(db, [b.admission.bedId]);
  return {
    id: inv.id,
    number: inv.number,
    bookingId: inv.bookingId,
    patient: { name: b.admission.person.name, ward: ward?.name ?? '', bed: b.admission.bedId ? (beds.get(b.admission.bedId) ?? null) : null },
    admittedAt: b.admission.admittedAt,
    dischargedAt: b.admission.dischargedAt,
    fromDate: inv.fromDate,
    toDate: inv.toDate,
    days: inv.days,
    lines: inv.lines as unknown as BillLine[],
    totalFee: inv.totalFee,
    totalInCapitals: amountInCapitals(inv.totalFee),
    issuedAt: inv.issuedAt,
  };
}
export type InvoiceView = Awaited<ReturnType<typeof invoiceView>>;

export async function getInvoice(d: D, ctx: RequestContext, id: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const inv = await db.invoice.findFirst({ where: { id } });
  if (!inv) throw new NotFoundError('invoice');
  return invoiceView(db, inv);
}

export async function getBookingInvoice(d: D, ctx: RequestContext, bookingId: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await loadBooking(db, bookingId);
  const inv = await db.invoice.findFirst({ where: { bookingId } });
  if (!inv) throw new NotFoundError('invoice', 'This booking has no invoice yet: it is issued when the booking ends (discharge).');
  return invoiceView(db, inv);
}

/** Invoices, newest first, a page at a time. */
export async function listInvoices(d: D, ctx: RequestContext, q: { from?: string; to?: string; limit: number; cursor?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const where = {
    ...(q.from ? { issuedAt: { gte: instantAt(q.from, '00:00', ctx.timeZone) } } : {}),
    ...(q.to ? { toDate: { lte: q.to } } : {}),
  };
  const rows = await db.invoice.findMany({ where, ...cursorArgs(q, 'desc') });
  const page = toPage(rows, q.limit, (r) => r);
  return { items: await Promise.all(page.items.map((r) => invoiceView(db, r))), nextCursor: page.nextCursor };
}

export async function invoiceHtml(d: D, ctx: RequestContext, id: string) {
  const tenant = await d.prisma.tenant.findUnique({ where: { id: ctx.tenantId } });
  const view = await getInvoice(d, ctx, id);
  return renderInvoiceHtml(view, { hospital: tenant?.name ?? '', zone: ctx.timeZone, locale: ctx.locale });
}
