import type { Actor } from '../../audit/audit-log.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { TenantTx } from '../../db/prisma.js';

/**
 * Removes shift assignments (inside the caller's transaction) and leaves one audit row listing
 * what was removed and why. Used when consent is revoked, a patient leaves, or an aide cannot work.
 */
export async function removeAssignments(
  tx: TenantTx,
  actor: Actor,
  where: Prisma.ShiftAssignmentWhereInput,
  why: { action: string; entity: string; entityId: string; reason: string },
): Promise<number> {
  const rows = await tx.shiftAssignment.findMany({ where, orderBy: { shiftStart: 'asc' } });
  if (rows.length === 0) return 0;
  await tx.shiftAssignment.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  await writeAudit(tx, actor, {
    action: why.action,
    entity: why.entity,
    entityId: why.entityId,
    before: { assignments: rows.map((r) => ({ id: r.id, date: r.date, shiftCode: r.shiftCode, aideId: r.aideId, bookingId: r.bookingId })) },
    after: { removed: rows.length, reason: why.reason },
  });
  return rows.length;
}
