import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { cursorArgs, toPage } from '../../http/common-schemas.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { hasRole } from '../../http/context.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import { maskPhone } from '../../privacy.js';
import { contactsOf } from '../views.js';
import { say } from '../../i18n/index.js';
import { DE, DN } from '../messages.js';

/**
 * The welfare.escalate job: the driver found nobody home `delay` ago. Unless the stop has been
 * delivered (or refused: somebody answered) since, open an alert for the grid worker and the
 * emergency contacts. Exactly once per stop: the alert is unique per stop and created with
 * skipDuplicates, so a retried or duplicated job, or one re-run after a worker crash, cannot
 * open a second alert.
 */
export async function escalate(deps: Pick<Deps, 'prisma'>, tenantId: string, routeStopId: string) {
  const db = tenantDb(deps.prisma, tenantId);
  const stop = await db.routeStop.findFirst({
    where: { id: routeStopId },
    include: { order: { include: { recipient: { include: { person: true } } } } },
  });
  if (!stop) return { opened: false, reason: 'stop gone' };
  if (stop.outcome !== 'not_home') return { opened: false, reason: `stop is ${stop.outcome}` };
  const r = stop.order.recipient;
  const notify = [
    ...(r.gridWorkerName || r.gridWorkerPhone ? [{ role: 'grid_worker', name: r.gridWorkerName, phone: r.gridWorkerPhone }] : []),
    ...contactsOf(r.emergencyContacts).map((c) => ({ role: 'emergency_contact', name: c.name, relation: c.relation ?? null, phone: c.phone })),
  ];
  return db.$transaction(async (tx) => {
    const created = await tx.welfareAlert.createMany({
      data: [{ tenantId, routeStopId, personId: r.personId, notify }],
      skipDuplicates: true,
    });
    if (created.count === 1) {
      const alert = await tx.welfareAlert.findFirstOrThrow({ where: { routeStopId } });
      await writeAudit(tx, { tenantId, userId: null }, { action: 'welfare-alert.open', entity: 'WelfareAlert', entityId: alert.id, after: alert });
    }
    return { opened: created.count === 1 };
  });
}

type D = Pick<Deps, 'prisma'>;

/** Alerts matching `where`, oldest first (ids are time-ordered) unless `order` says desc, at most `page.limit` + 1. */
async function alertRows(d: D, ctx: RequestContext, where: object, page: { limit: number; cursor?: string } = { limit: 1 }, order: 'asc' | 'desc' = 'asc') {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const alerts = await db.welfareAlert.findMany({
    where,
    include: { stop: { include: { route: { select: { routeNo: true, driverUserId: true } }, order: { include: { recipient: { include: { person: true } } } } } } },
    ...cursorArgs(page, order),
  });
  const reveal = hasRole(ctx, 'admin', 'kitchen_manager');
  const phone = (p: string | null | undefined) => (reveal ? (p ?? null) : maskPhone(p));
  return alerts.map((a) => {
    const person = a.stop.order.recipient.person;
    return {
      id: a.id,
      status: a.status,
      routeStopId: a.routeStopId,
      personId: a.personId,
      name: person.name,
      address: person.address,
      phone: phone(person.phone),
      livesAlone: person.livesAlone,
      accessNotes: a.stop.order.recipient.accessNotes,
      date: a.stop.order.date,
      slot: a.stop.order.slotCode,
      routeNo: a.stop.route.routeNo,
      driverUserId: a.stop.route.driverUserId,
      notHomeAt: a.stop.outcomeAt,
      driverNote: a.stop.outcomeNote,
      notify: (Array.isArray(a.notify) ? a.notify : []).map((n) => ({ ...(n as Record<string, unknown>), phone: phone((n as { phone?: string }).phone) })),
      openedAt: a.openedAt,
      acknowledgedAt: a.acknowledgedAt,
      acknowledgedBy: a.acknowledgedBy,
      resolvedAt: a.resolvedAt,
      resolvedBy: a.resolvedBy,
      resolutionNote: a.resolutionNote,
    };
  });
}

/**
 * Alerts by status, a page at a time; default: everything not resolved yet (open and acknowledged).
 * Oldest first (the API's order); the inbox lists resolved ones newest first.
 */
export async function listAlerts(d: D, ctx: RequestContext, q: { status?: 'open' | 'acknowledged' | 'resolved'; limit: number; cursor?: string }, order: 'asc' | 'desc' = 'asc') {
  const rows = await alertRows(d, ctx, q.status ? { status: q.status } : { status: { in: ['open', 'acknowledged'] } }, q, order);
  return toPage(rows, q.limit, (a) => a);
}

export async function getAlert(d: D, ctx: RequestContext, id: string) {
  const [alert] = await alertRows(d, ctx, { id });
  if (!alert) throw new NotFoundError(DN.alert);
  return alert;
}

/** Someone is on it (calling the grid worker, going round). */
export async function acknowledgeAlert(d: D, ctx: RequestContext, id: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.welfareAlert.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.alert);
    if (before.status === 'resolved') throw new ConflictError(say(DE.alertResolved));
    if (before.status === 'acknowledged') return;
    const after = await tx.welfareAlert.update({ where: { id }, data: { status: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: ctx.userId } });
    await writeAudit(tx, ctx, { action: 'welfare-alert.acknowledge', entity: 'WelfareAlert', entityId: id, before, after });
  });
  return getAlert(d, ctx, id);
}

/** Closes an alert with what was found ("visited, fell asleep; fine"); a note is required. */
export async function resolveAlert(d: D, ctx: RequestContext, id: string, note: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.welfareAlert.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.alert);
    if (before.status === 'resolved') throw new ConflictError(say(DE.alertResolved));
    const now = new Date();
    const after = await tx.welfareAlert.update({
      where: { id },
      data: {
        status: 'resolved', resolvedAt: now, resolvedBy: ctx.userId, resolutionNote: note,
        acknowledgedAt: before.acknowledgedAt ?? now, acknowledgedBy: before.acknowledgedBy ?? ctx.userId,
      },
    });
    await writeAudit(tx, ctx, { action: 'welfare-alert.resolve', entity: 'WelfareAlert', entityId: id, before, after });
  });
  return getAlert(d, ctx, id);
}
