import type { RequestContext } from '../../http/context.js';
import type { TenantTx } from '../../db/prisma.js';
import { removeAssignments } from '../roster/assignment-store.js';
import { levelOn } from '../billing/billing.js';

/**
 * After a booking's care level changes from `effectiveFrom`, its not-yet-started assignments from
 * that date on may break the hard rules: the new level's ratio can push the aide's load in the
 * shift above one aide's work (e.g. level3 → special), or the level may require a skill the aide
 * lacks. Those assignments of this patient are removed (the need shows as uncovered until the
 * coordinator re-rosters); the aide's other patients keep their aide. Returns how many were removed.
 */
export async function dropAssignmentsBrokenByLevel(
  tx: TenantTx, ctx: RequestContext, bookingId: string, effectiveFrom: string, now = new Date(),
): Promise<number> {
  const mine = await tx.shiftAssignment.findMany({ where: { bookingId, date: { gte: effectiveFrom }, shiftStart: { gt: now } } });
  if (!mine.length) return 0;
  const aideIds = [...new Set(mine.map((a) => a.aideId))];
  const dates = [...new Set(mine.map((a) => a.date))];
  const sameShifts = await tx.shiftAssignment.findMany({ where: { aideId: { in: aideIds }, date: { in: dates } } });
  const periods = await tx.careLevelPeriod.findMany({ where: { bookingId: { in: [...new Set(sameShifts.map((a) => a.bookingId))] } } });
  const levels = new Map((await tx.careLevel.findMany()).map((l) => [l.code, l]));
  const skills = new Map((await tx.aide.findMany({ where: { id: { in: aideIds } } })).map((a) => [a.id, a.skills]));
  const levelOf = (booking: string, date: string) => levels.get(levelOn(periods.filter((p) => p.bookingId === booking), date))!;

  const broken = mine.filter((a) => {
    const level = levelOf(a.bookingId, a.date);
    if (level.requiredSkill && !skills.get(a.aideId)?.includes(level.requiredSkill)) return true;
    const load = sameShifts
      .filter((o) => o.aideId === a.aideId && o.date === a.date && o.shiftCode === a.shiftCode)
      .reduce((s, o) => s + 1 / levelOf(o.bookingId, o.date).patientsPerAide, 0);
    return load > 1 + 1e-9;
  });
  if (!broken.length) return 0;
  return removeAssignments(tx, ctx, { id: { in: broken.map((a) => a.id) } }, {
    action: 'booking.assignments.remove', entity: 'CareBooking', entityId: bookingId,
    reason: `care level ${levelOf(bookingId, effectiveFrom).code} from ${effectiveFrom}`,
  });
}
