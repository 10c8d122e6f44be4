import { writeAudit } from '../audit/audit-log.js';
import { tenantDb } from '../db/prisma.js';
import type { Deps } from '../deps.js';
import { t } from '../i18n/index.js';
import { notify } from '../notify/index.js';
import { formatLocalDateTime } from '../time/index.js';
import { VM } from './messages.js';
import { isOverdue } from './ticket-rules.js';
import { unitNamesOf } from './unit-names.js';

type D = Pick<Deps, 'prisma' | 'queues'>;

/** Which promise an overdue ticket broke: not taken up in time, or taken up but not resolved in time. */
export function missedDeadline(t: { status: string; acceptDueAt: Date; resolveDueAt: Date }, now: Date): 'accept' | 'resolve' {
  return t.status !== 'accepted' && t.acceptDueAt <= now ? 'accept' : 'resolve';
}

/**
 * Puts every overdue, not yet escalated ticket of a tenant before its admins; returns how many.
 * The ticket's escalatedAt, its audit row and the admins' messages (notification outbox: in-app,
 * and SMS where the tenant set it up) commit in one transaction. The conditional update lets only
 * one of two runs of the job (every 15 min, possibly twice) escalate a ticket, and the messages'
 * business keys (ticket, round = times reopened, missed deadline) make a repeat send nothing new.
 */
export async function escalateOverdue(d: D, tenantId: string, now = new Date()): Promise<number> {
  const db = tenantDb(d.prisma, tenantId);
  const tenant = await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { locale: true, timeZone: true } });
  const candidates = (await db.ticket.findMany({ where: { escalatedAt: null, status: { in: ['new', 'accepted', 'reopened'] } } })).filter((c) => isOverdue(c, now));
  const units = await unitNamesOf(db, candidates);
  let count = 0;
  for (const ticket of candidates) {
    await db.$transaction(async (tx) => {
      const done = await tx.ticket.updateMany({ where: { id: ticket.id, escalatedAt: null }, data: { escalatedAt: now } });
      if (!done.count) return;
      count++;
      await writeAudit(tx, { tenantId, userId: null }, { action: 'ticket.escalate', entity: 'Ticket', entityId: ticket.id, before: { escalatedAt: null }, after: { escalatedAt: now } });
      const missed = missedDeadline(ticket, now);
      await notify.toAdmins(d, tenantId, {
        businessKey: `ticket-overdue.${ticket.id}.${ticket.reopenCount}.${missed}`,
        template: missed === 'accept' ? 'ticketNotAccepted' : 'ticketNotResolved',
        payload: {
          unit: units.get(ticket.unitId) ?? '', category: t(tenant.locale, VM[`cat_${ticket.category}`]),
          due: formatLocalDateTime(missed === 'accept' ? ticket.acceptDueAt : ticket.resolveDueAt, tenant.timeZone),
        },
        ref: { type: 'ticket', id: ticket.id },
      });
    });
  }
  return count;
}
