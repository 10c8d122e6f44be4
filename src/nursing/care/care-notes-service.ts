import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError } from '../../http/errors.js';
import { bedCodes, bookingView, loadBooking } from './booking-view.js';

type D = Pick<Deps, 'prisma'>;

/**
 * The coordinator sets what the family asks the aides to mind ("左侧偏瘫，喂饭需慢"); blank or null
 * clears it. Audited with the text before and after, since it steers how a patient is handled.
 * Aides read it only on the shifts they are assigned to (GET /me/shifts), never through this route.
 */
export async function setCareNotes(d: D, ctx: RequestContext, bookingId: string, careNotes: string | null) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const next = careNotes?.trim() ? careNotes.trim() : null;
  await db.$transaction(async (tx) => {
    const b = await loadBooking(tx, bookingId);
    if (b.status === 'ended') throw new ConflictError('The booking has ended; its care notes can no longer change.');
    if (b.careNotes === next) return; // the same text again (a retried save): nothing to record
    await tx.careBooking.update({ where: { id: bookingId }, data: { careNotes: next } });
    await writeAudit(tx, ctx, {
      action: 'booking.care-notes',
      entity: 'CareBooking',
      entityId: bookingId,
      before: { careNotes: b.careNotes },
      after: { careNotes: next },
    });
  });
  const b = await loadBooking(db, bookingId);
  return bookingView(b, await bedCodes(db, [b.admission.bedId]), ctx.timeZone);
}
