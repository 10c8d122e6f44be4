/**
 * Canteens and the operators bound to them. A canteen operator sees and serves only the canteens
 * they are bound to: any other canteen of the tenant answers 404, exactly like another tenant's.
 */
import type { Deps } from '../deps.js';
import { tenantDb, type TenantTx } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { NotFoundError, UnprocessableError } from '../http/errors.js';
import type { Canteen, CanteenOperator } from '../generated/prisma/client.js';
import { ensureDefaultPolicy } from './policy-service.js';
import { servingHoursOf } from './serving-hours.js';
import type { z } from 'zod';
import type { canteenCreateSchema, canteenUpdateSchema } from './schemas.js';
import { say } from '../i18n/index.js';
import { CM, CN } from './messages.js';

type D = Pick<Deps, 'prisma'>;

/** Admins pass everywhere; auditors may read everywhere; everyone else must be bound. */
function needsBinding(ctx: RequestContext, mode: 'read' | 'write'): boolean {
  if (ctx.roles.includes('admin')) return false;
  if (mode === 'read' && ctx.roles.includes('auditor')) return false;
  return true;
}

/** The canteen if the caller may use it in this mode; 404 otherwise (one query). */
export async function canteenForCaller(d: D, ctx: RequestContext, canteenId: string, mode: 'read' | 'write'): Promise<Canteen> {
  const canteen = await tenantDb(d.prisma, ctx.tenantId).canteen.findFirst({
    where: { id: canteenId, ...(needsBinding(ctx, mode) ? { operators: { some: { userId: ctx.userId } } } : {}) },
  });
  if (!canteen) throw new NotFoundError(CN.canteen);
  return canteen;
}

/** Ids of the canteens the caller may read (null = all of the tenant). */
export async function readableCanteenIds(d: D, ctx: RequestContext): Promise<string[] | null> {
  if (!needsBinding(ctx, 'read')) return null;
  const rows = await tenantDb(d.prisma, ctx.tenantId).canteenOperator.findMany({ where: { userId: ctx.userId }, select: { canteenId: true } });
  return rows.map((r) => r.canteenId);
}

export function canteenView(c: Canteen & { operators?: CanteenOperator[] }) {
  return {
    id: c.id,
    name: c.name,
    address: c.address,
    lat: c.lat,
    lng: c.lng,
    prices: c.prices as Record<string, number>,
    servingHours: servingHoursOf(c.servingHours) as Record<string, { from: string; to: string }>,
    operatorUserIds: (c.operators ?? []).map((o) => o.userId).sort(),
    createdAt: c.createdAt,
  };
}

/** Creates a canteen; the tenant's first canteen also gets the SPEC default subsidy policy. */
export async function createCanteen(d: D, ctx: RequestContext, input: z.infer<typeof canteenCreateSchema>) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const created = await db.$transaction(async (tx) => {
    const canteen = await tx.canteen.create({ data: { ...input, tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: 'canteen.create', entity: 'Canteen', entityId: canteen.id, after: canteen });
    await ensureDefaultPolicy(tx, ctx);
    return canteen;
  });
  return canteenView(created);
}

export async function updateCanteen(d: D, ctx: RequestContext, id: string, patch: z.infer<typeof canteenUpdateSchema>) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const after = await db.$transaction(async (tx) => {
    const before = await tx.canteen.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(CN.canteen);
    const updated = await tx.canteen.update({ where: { id }, data: patch, include: { operators: true } });
    await writeAudit(tx, ctx, { action: 'canteen.update', entity: 'Canteen', entityId: id, before, after: updated });
    return updated;
  });
  return canteenView(after);
}

export async function listCanteens(d: D, ctx: RequestContext) {
  const ids = await readableCanteenIds(d, ctx);
  const rows = await tenantDb(d.prisma, ctx.tenantId).canteen.findMany({
    where: ids ? { id: { in: ids } } : {},
    include: { operators: true },
    orderBy: { name: 'asc' },
  });
  return rows.map(canteenView);
}

export async function getCanteen(d: D, ctx: RequestContext, id: string) {
  await canteenForCaller(d, ctx, id, 'read');
  const c = await tenantDb(d.prisma, ctx.tenantId).canteen.findFirstOrThrow({ where: { id }, include: { operators: true } });
  return canteenView(c);
}

/** Binds a user with the canteen_operator role to a canteen (idempotent). */
export async function bindOperator(d: D, ctx: RequestContext, canteenId: string, userId: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    if (!(await tx.canteen.findFirst({ where: { id: canteenId }, select: { id: true } }))) throw new NotFoundError(CN.canteen);
    const user = await tx.user.findFirst({ where: { id: userId }, select: { roles: true, disabledAt: true } });
    if (!user) throw new NotFoundError(CN.user);
    if (!user.roles.includes('canteen_operator') || user.disabledAt) {
      throw new UnprocessableError(say(CM.notOperator), {
        errors: [{ path: 'body.userId', message: say(CM.notOperatorField) }],
      });
    }
    const existing = await tx.canteenOperator.findFirst({ where: { canteenId, userId } });
    if (existing) return;
    const row = await tx.canteenOperator.create({ data: { tenantId: ctx.tenantId, canteenId, userId } });
    await writeAudit(tx, ctx, { action: 'canteen.operator.bind', entity: 'Canteen', entityId: canteenId, after: row });
  });
  return getCanteen(d, ctx, canteenId);
}

export async function unbindOperator(d: D, ctx: RequestContext, canteenId: string, userId: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx: TenantTx) => {
    const existing = await tx.canteenOperator.findFirst({ where: { canteenId, userId } });
    if (!existing) throw new NotFoundError(CN.operatorBinding);
    await tx.canteenOperator.deleteMany({ where: { canteenId, userId } });
    await writeAudit(tx, ctx, { action: 'canteen.operator.unbind', entity: 'Canteen', entityId: canteenId, before: existing });
  });
  return getCanteen(d, ctx, canteenId);
}
