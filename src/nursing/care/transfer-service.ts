import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import { freeBedOf, loadAdmissionView } from './admission-service.js';
import { removeAssignments } from '../roster/assignment-store.js';

/**
 * Moves an open admission to another bed, in its ward or another one, from now on. Aides work in
 * one ward per shift, so on a change of ward the patient's shifts that have not started yet lose
 * their aide (the need shows as uncovered in the new ward until the coordinator re-rosters or
 * assigns by hand); a bed change within the ward keeps every assignment.
 */
export async function transfer(d: Pick<Deps, 'prisma'>, ctx: RequestContext, admissionId: string, input: { wardId: string; bedId?: string; bedCode?: string }, now = new Date()) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    // Serialised with roster writes, which read the admissions' wards.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`roster:${ctx.tenantId}`}))`;
    const before = await tx.admission.findFirst({ where: { id: admissionId } });
    if (!before) throw new NotFoundError('admission');
    if (before.dischargedAt) throw new ConflictError('The patient has been discharged; a discharged stay cannot move.');
    const ward = await tx.ward.findFirst({ where: { id: input.wardId } });
    if (!ward) throw new ConflictError('The ward does not exist in this hospital.', { errors: [{ path: 'body.wardId', message: 'Unknown ward.' }] });
    const bedId = await freeBedOf(tx, ward, input);
    if (ward.id === before.wardId && bedId === before.bedId) {
      return { admission: await loadAdmissionView(tx, admissionId, ctx.timeZone), removedAssignments: 0 };
    }
    const after = await tx.admission.update({ where: { id: admissionId }, data: { wardId: ward.id, bedId } });
    await writeAudit(tx, ctx, { action: 'admission.transfer', entity: 'Admission', entityId: admissionId, before, after });
    let removedAssignments = 0;
    if (ward.id !== before.wardId) {
      const bookings = await tx.careBooking.findMany({ where: { admissionId }, select: { id: true } });
      removedAssignments = await removeAssignments(tx, ctx, { bookingId: { in: bookings.map((b) => b.id) }, wardId: before.wardId, shiftStart: { gt: now } }, {
        action: 'admission.assignments.remove', entity: 'Admission', entityId: admissionId, reason: `transferred to ward ${ward.name}`,
      });
    }
    return { admission: await loadAdmissionView(tx, admissionId, ctx.timeZone), removedAssignments };
  });
}
