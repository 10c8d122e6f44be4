import type { Prisma } from '../generated/prisma/client.js';
import { writeAudit } from '../audit/audit-log.js';
import type { Actor } from '../audit/audit-log.js';
import { tenantDb } from '../db/prisma.js';
import type { TenantDb } from '../db/prisma.js';
import type { Deps } from '../deps.js';
import type { RequestContext } from '../http/context.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../http/errors.js';
import { say } from '../i18n/index.js';
import { operatorCanteenIds } from '../canteen/read.js';
import { VM } from './messages.js';
import type { Subject } from './subjects.js';
import { resolveSubject } from './subjects.js';
import { voiceSettings } from './settings.js';
import { deadlines, isOverdue, nextStatus } from './ticket-rules.js';
import type { TicketAction, TicketStatus } from './ticket-rules.js';
import { unitNamesOf } from './unit-names.js';

type D = Pick<Deps, 'prisma'>;
type Ticket = Prisma.TicketGetPayload<object>;

export interface NewTicket {
  category: Ticket['category'];
  description: string;
  requestKey?: string;
  source: 'code' | 'staff';
}

/** Opens a ticket about a subject, routed to its unit, with the tenant's SLA; one per form key. */
export async function openTicket(d: D, actor: Actor, subject: Subject, input: NewTicket): Promise<Ticket> {
  const db = tenantDb(d.prisma, actor.tenantId);
  if (input.requestKey) {
    const again = await db.ticket.findFirst({ where: { requestKey: input.requestKey } });
    if (again) return again;
  }
  const sla = await voiceSettings(d.prisma, actor.tenantId);
  const due = deadlines(new Date(), sla.acceptWithinHours, sla.resolveWithinHours);
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.create({
      data: {
        tenantId: actor.tenantId, category: input.category, description: input.description, source: input.source,
        requestKey: input.requestKey ?? null, createdBy: actor.userId, unitKind: subject.unitKind, unitId: subject.unitId,
        subjectKind: subject.kind, subjectId: subject.id, serviceDate: subject.date, ...due,
      },
    });
    await writeAudit(tx, actor, { action: 'ticket.open', entity: 'Ticket', entityId: ticket.id, after: ticket });
    return ticket;
  });
}

export async function openTicketAsStaff(d: D, ctx: RequestContext, input: NewTicket & { subjectKind: Subject['kind']; subjectId: string }) {
  const subject = await resolveSubject(tenantDb(d.prisma, ctx.tenantId), input.subjectKind, input.subjectId, ctx.timeZone);
  if (!subject) throw new UnprocessableError(say(VM.subjectNotReady), { errors: [{ path: 'body.subjectId', message: say(VM.subjectNotReady) }] });
  return openTicket(d, ctx, subject, { ...input, source: 'staff' });
}

/** The tickets a member of staff handles: admins and auditors all; each other role its units. */
export async function unitFilter(db: TenantDb, ctx: Pick<RequestContext, 'roles' | 'userId'>): Promise<Prisma.TicketWhereInput> {
  if (ctx.roles.includes('admin') || ctx.roles.includes('auditor')) return {};
  const or: Prisma.TicketWhereInput[] = [];
  if (ctx.roles.includes('kitchen_manager')) or.push({ unitKind: 'kitchen' });
  if (ctx.roles.includes('hospital_coordinator')) or.push({ unitKind: 'ward' });
  if (ctx.roles.includes('canteen_operator')) or.push({ unitKind: 'canteen', unitId: { in: await operatorCanteenIds(db, ctx.userId) } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

export async function listTickets(d: D, ctx: RequestContext, q: { status?: TicketStatus; open?: 'true' | 'false' }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const where: Prisma.TicketWhereInput = { AND: [await unitFilter(db, ctx), q.status ? { status: q.status } : {},
    q.open === 'true' ? { status: { in: ['new', 'accepted', 'reopened'] } } : {}] };
  const rows = await db.ticket.findMany({ where, orderBy: [{ acceptDueAt: 'asc' }], take: 500 });
  return viewTickets(db, rows);
}

export async function viewTickets(db: TenantDb, rows: Ticket[], now = new Date()) {
  const names = await unitNamesOf(db, rows);
  return rows.map((r) => ({
    id: r.id, category: r.category, unitKind: r.unitKind, unitId: r.unitId, unitName: names.get(r.unitId) ?? '',
    subjectKind: r.subjectKind, subjectId: r.subjectId, serviceDate: r.serviceDate, description: r.description,
    status: r.status, source: r.source, acceptDueAt: r.acceptDueAt.toISOString(), resolveDueAt: r.resolveDueAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null, resolvedAt: r.resolvedAt?.toISOString() ?? null, resolution: r.resolution,
    confirmedAt: r.confirmedAt?.toISOString() ?? null, reopenCount: r.reopenCount,
    escalatedAt: latest(r.acceptEscalatedAt, r.resolveEscalatedAt)?.toISOString() ?? null,
    acceptEscalatedAt: r.acceptEscalatedAt?.toISOString() ?? null, resolveEscalatedAt: r.resolveEscalatedAt?.toISOString() ?? null,
    overdue: isOverdue(r, now), createdAt: r.createdAt.toISOString(),
  }));
}

/** The later of two instants (the last time the ticket went before the admins). */
function latest(a: Date | null, b: Date | null): Date | null {
  return a && b ? (a > b ? a : b) : (a ?? b);
}

/** One step of a ticket's life, checked against the rules and audited in the same transaction. */
export async function stepTicket(d: D, actor: Actor & { roles?: RequestContext['roles'] }, locale: string, id: string, action: TicketAction,
  extra: { resolution?: string; reason?: string } = {}, scope: Prisma.TicketWhereInput = {}): Promise<Ticket> {
  const db = tenantDb(d.prisma, actor.tenantId);
  return db.$transaction(async (tx) => {
    const before = await tx.ticket.findFirst({ where: { AND: [{ id }, scope] } });
    if (!before) throw new NotFoundError(VM.nounTicket);
    const to = nextStatus(before.status, action);
    const refused = () => new ConflictError(say(VM.badTransition, { status: say(VM[`status_${before.status}`]), action: say(VM[`action_${action}`]) }));
    if (!to) throw refused();
    const now = new Date();
    const data: Prisma.TicketUpdateInput = { status: to };
    if (action === 'accept') Object.assign(data, { acceptedAt: now, acceptedBy: actor.userId });
    if (action === 'resolve') Object.assign(data, { resolvedAt: now, resolvedBy: actor.userId, resolution: extra.resolution });
    if (action === 'confirm') Object.assign(data, { confirmedAt: now });
    if (action === 'reopen') {
      // A reopened ticket is a new promise: fresh deadlines, and the escalation may fire again.
      const sla = await voiceSettings(d.prisma, actor.tenantId);
      Object.assign(data, { reopenCount: { increment: 1 }, resolvedAt: null, acceptEscalatedAt: null, resolveEscalatedAt: null, ...deadlines(now, sla.acceptWithinHours, sla.resolveWithinHours) });
    }
    // The status in the WHERE makes a concurrent second step lose instead of applying twice.
    const done = await tx.ticket.updateMany({ where: { id, status: before.status }, data: data as Prisma.TicketUpdateManyMutationInput });
    if (done.count !== 1) throw refused();
    const after = await tx.ticket.findFirstOrThrow({ where: { id } });
    await writeAudit(tx, actor, { action: `ticket.${action}`, entity: 'Ticket', entityId: id, before, after: { ...after, note: extra.reason } });
    return after;
  });
}
