import { writeAudit } from '../audit/audit-log.js';
import { tenantDb } from '../db/prisma.js';
import type { Deps } from '../deps.js';
import { t } from '../i18n/index.js';
import { notify } from '../notify/index.js';
import { formatLocalDateTime } from '../time/index.js';
import { VM } from './messages.js';
import { deadlinesToEscalate } from './ticket-rules.js';
import type { Deadline } from './ticket-rules.js';
import { unitNamesOf } from './unit-names.js';

type D = Pick<Deps, 'prisma' | 'queues'>;

const COLUMN = { accept: 'acceptEscalatedAt', resolve: 'resolveEscalatedAt' } as const satisfies Record<Deadline, string>;

/**
 * Puts every missed, not yet escalated deadline (accept, resolve) of a tenant's open tickets before its
 * admins; returns how many escalations. Per deadline, the ticket's acceptEscalatedAt/resolveEscalatedAt,
 * its audit row and the admins' messages (notification outbox: in-app, and SMS where the tenant set it
 * up) commit in one transaction. The update, conditional on that deadline's column (and on the ticket's
 * state as read), lets only one of two runs of the job (every 15 min, possibly twice) escalate it, and the
 * messages' business keys (ticket, round = times reopened, missed deadline) make a repeat send nothing new.
 */
export async function escalateOverdue(d: D, tenantId: string, now = new Date()): Promise<number> {
  const db = tenantDb(d.prisma, tenantId);
  const tenant = await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { locale: true, timeZone: true } });
  const open = await db.ticket.findMany({
    where: { status: { in: ['new', 'accepted', 'reopened'] }, OR: [{ acceptEscalatedAt: null }, { resolveEscalatedAt: null }] },
  });
  const candidates = open.map((ticket) => ({ ticket, missed: deadlinesToEscalate(ticket, now) })).filter((c) => c.missed.length);
  const units = await unitNamesOf(db, candidates.map((c) => c.ticket));
  let count = 0;
  for (const { ticket, missed } of candidates) {
    for (const deadline of missed) {
      const column = COLUMN[deadline];
      await db.$transaction(async (tx) => {
        const done = await tx.ticket.updateMany({ where: { id: ticket.id, status: ticket.status, reopenCount: ticket.reopenCount, [column]: null }, data: { [column]: now } });
        if (!done.count) return;
        count++;
        await writeAudit(tx, { tenantId, userId: null }, {
          action: 'ticket.escalate', entity: 'Ticket', entityId: ticket.id, before: { [column]: null }, after: { [column]: now, deadline },
        });
        await notify.toAdmins(d, tenantId, {
          businessKey: `ticket-overdue.${ticket.id}.${ticket.reopenCount}.${deadline}`,
          template: deadline === 'accept' ? 'ticketNotAccepted' : 'ticketNotResolved',
          payload: {
            unit: units.get(ticket.unitId) ?? '', category: t(tenant.locale, VM[`cat_${ticket.category}`]),
            due: formatLocalDateTime(deadline === 'accept' ? ticket.acceptDueAt : ticket.resolveDueAt, tenant.timeZone),
          },
          ref: { type: 'ticket', id: ticket.id },
        });
      });
    }
  }
  return count;
}
