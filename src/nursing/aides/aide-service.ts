import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { TenantTx } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import { say } from '../../i18n/index.js';
import { nursingNouns as N } from '../messages.js';
import { rosterMessages as R } from '../messages-roster.js';
import type { Aide } from '../../generated/prisma/client.js';
import type { AideCreate, AideUpdate } from '../schemas-setup.js';
import { addDays, instantAt } from '../../time/index.js';
import { removeAssignments } from '../roster/assignment-store.js';
import { tellAidesOfHandChanges } from '../roster/roster-notices.js';
import { certificateCoversShift } from '../../roster/certificate.js';
import { aideView } from '../views.js';

type D = Pick<Deps, 'prisma' | 'queues'>;

async function checkRefs(tx: TenantTx, input: { homeWardIds?: string[]; userId?: string | null }, aideId?: string) {
  if (input.homeWardIds?.length) {
    const found = await tx.ward.count({ where: { id: { in: input.homeWardIds } } });
    if (found !== new Set(input.homeWardIds).size) {
      throw new ConflictError(say(R.homeWardMissing), { errors: [{ path: 'body.homeWardIds', message: say(R.unknownWard) }] });
    }
  }
  if (input.userId) {
    const user = await tx.user.findFirst({ where: { id: input.userId } });
    if (!user) throw new ConflictError(say(R.linkUserMissing), { errors: [{ path: 'body.userId', message: say(R.unknownUser) }] });
    if (!user.roles.includes('care_aide')) {
      throw new ConflictError(say(R.linkNeedsRole), { errors: [{ path: 'body.userId', message: say(R.needsRole) }] });
    }
    const other = await tx.aide.findFirst({ where: { userId: input.userId, ...(aideId ? { NOT: { id: aideId } } : {}) } });
    if (other) throw new ConflictError(say(R.userLinked, { name: other.name }), { errors: [{ path: 'body.userId', message: say(R.alreadyLinked) }] });
  }
}

export async function createAide(d: D, ctx: RequestContext, input: AideCreate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    await checkRefs(tx, input);
    const aide = await tx.aide.create({ data: { ...input, userId: input.userId ?? null, leaveDates: [...new Set(input.leaveDates)], tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: 'aide.create', entity: 'Aide', entityId: aide.id, after: aide });
    return aideView(aide);
  });
}

export async function listAides(d: D, ctx: RequestContext, q: { wardId?: string; active?: 'true' | 'false' }) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).aide.findMany({
    where: { ...(q.wardId ? { homeWardIds: { has: q.wardId } } : {}), ...(q.active ? { active: q.active === 'true' } : {}) },
    orderBy: { name: 'asc' },
  });
  return rows.map(aideView);
}

export async function getAide(d: D, ctx: RequestContext, id: string) {
  const aide = await tenantDb(d.prisma, ctx.tenantId).aide.findFirst({ where: { id } });
  if (!aide) throw new NotFoundError(N.aide);
  return aideView(aide);
}

/**
 * Not-yet-started assignments the aide can no longer work after a change: inactive, a shift
 * touching a leave day, or a certificate that expires before the shift ends (shared rule). They are removed (the needs show as uncovered
 * until the coordinator re-rosters).
 */
async function dropInvalidAssignments(d: D, tx: TenantTx, ctx: RequestContext, aide: Aide, reason: string): Promise<number> {
  const future = await tx.shiftAssignment.findMany({ where: { aideId: aide.id, shiftStart: { gt: new Date() } } });
  const leave = aide.leaveDates.map((d) => [instantAt(d, '00:00', ctx.timeZone), instantAt(addDays(d, 1), '00:00', ctx.timeZone)]);
  const invalid = future.filter((a) => !aide.active || !certificateCoversShift(aide.certificateExpiry, a.shiftEnd, ctx.timeZone)
    || leave.some(([from, to]) => a.shiftStart < to && a.shiftEnd > from));
  if (!invalid.length) return 0;
  const removed = await removeAssignments(tx, ctx, { id: { in: invalid.map((a) => a.id) } }, { action: 'aide.assignments.remove', entity: 'Aide', entityId: aide.id, reason });
  // The aide hears of the shifts taken off them in this commit; a removed row's id is never reused, so it keys the change.
  await tellAidesOfHandChanges(d, ctx.tenantId, invalid.map((a) => ({ ...a, from: a.aideId, to: null, removedBy: 'leave' as const })), {
    key: (aideId) => `aide-shifts-removed.${invalid[0]!.id}.${aideId}`, ref: { type: 'aide', id: aide.id },
  });
  return removed;
}

export async function updateAide(d: D, ctx: RequestContext, id: string, patch: AideUpdate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const before = await tx.aide.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(N.aide);
    await checkRefs(tx, patch, id);
    const data = { ...patch, ...(patch.leaveDates ? { leaveDates: [...new Set(patch.leaveDates)] } : {}) };
    const after = await tx.aide.update({ where: { id }, data });
    await writeAudit(tx, ctx, { action: 'aide.update', entity: 'Aide', entityId: id, before, after });
    await dropInvalidAssignments(d, tx, ctx, after, 'aide updated');
    return aideView(after);
  });
}

/** Adds leave days (e.g. sick leave); the aide's not-yet-started shifts on them are removed. */
export async function addLeave(d: D, ctx: RequestContext, id: string, dates: string[], reason?: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const before = await tx.aide.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(N.aide);
    const after = await tx.aide.update({ where: { id }, data: { leaveDates: [...new Set([...before.leaveDates, ...dates])].sort() } });
    await writeAudit(tx, ctx, { action: 'aide.leave.add', entity: 'Aide', entityId: id, before, after: { ...after, reason } });
    const removedAssignments = await dropInvalidAssignments(d, tx, ctx, after, `leave${reason ? `: ${reason}` : ''}`);
    return { aide: aideView(after), removedAssignments };
  });
}
