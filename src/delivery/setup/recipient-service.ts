import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { TenantDb, TenantTx } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../http/errors.js';
import { cursorArgs, toPage } from '../../http/common-schemas.js';
import { today } from '../../time/index.js';
import type { HoldCreate, HoldUpdate, PlanCreate, PlanUpdate, RecipientCreate, RecipientUpdate } from '../schemas.js';
import { ensureSlots } from './setup-service.js';
import { recipientView, strip } from '../views.js';
import { personExists } from '../../people/read.js';
import { say } from '../../i18n/index.js';
import { DE, DN } from '../messages.js';

type D = Pick<Deps, 'prisma'>;
const canSeePhones = (ctx: RequestContext) => ctx.roles.some((r) => r === 'admin' || r === 'kitchen_manager');

async function assertKitchen(db: TenantDb | TenantTx, kitchenId: string, path = 'body.kitchenId') {
  if (!(await db.kitchen.findFirst({ where: { id: kitchenId }, select: { id: true } }))) {
    throw new UnprocessableError(say(DE.noSuchKitchen), { errors: [{ path, message: say(DE.unknownKitchen) }] });
  }
}

export async function assertSlotCodes(db: TenantDb | TenantTx, tenantId: string, codes: string[], path = 'body.slotCodes') {
  const known = new Set((await ensureSlots(db, tenantId)).map((s) => s.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) {
    throw new UnprocessableError(say(DE.unknownSlots, { codes: unknown.join(', ') }), {
      errors: [{ path, message: say(DE.knownSlots, { codes: [...known].join(', ') }) }],
    });
  }
}

export async function createRecipient(d: D, ctx: RequestContext, input: RecipientCreate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (!(await personExists(db, input.personId))) {
    throw new UnprocessableError(say(DE.noSuchPerson), { errors: [{ path: 'body.personId', message: say(DE.registerPerson) }] });
  }
  await assertKitchen(db, input.kitchenId);
  if (await db.recipient.findFirst({ where: { personId: input.personId }, select: { id: true } })) {
    throw new ConflictError(say(DE.alreadyRecipient), { errors: [{ path: 'body.personId', message: say(DE.alreadyRecipientField) }] });
  }
  const created = await db.$transaction(async (tx) => {
    const r = await tx.recipient.create({ data: { ...input, tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: 'recipient.create', entity: 'Recipient', entityId: r.id, after: r });
    return r;
  });
  return getRecipient(d, ctx, created.id);
}

export async function getRecipient(d: D, ctx: RequestContext, id: string) {
  const r = await tenantDb(d.prisma, ctx.tenantId).recipient.findFirst({
    where: { id },
    include: { person: true, plans: { orderBy: { startDate: 'asc' } }, holds: { orderBy: { fromDate: 'asc' } } },
  });
  if (!r) throw new NotFoundError(DN.recipient);
  return recipientView(r, { revealPhones: canSeePhones(ctx) });
}

export async function listRecipients(d: D, ctx: RequestContext, q: { kitchen?: string; q?: string; limit: number; cursor?: string }) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).recipient.findMany({
    where: {
      ...(q.kitchen ? { kitchenId: q.kitchen } : {}),
      ...(q.q ? { person: { name: { contains: q.q, mode: 'insensitive' as const } } } : {}),
    },
    include: { person: true },
    ...cursorArgs(q),
  });
  return toPage(rows, q.limit, (r) => recipientView(r, { revealPhones: false }));
}

export async function updateRecipient(d: D, ctx: RequestContext, id: string, patch: RecipientUpdate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (patch.kitchenId) await assertKitchen(db, patch.kitchenId);
  await db.$transaction(async (tx) => {
    const before = await tx.recipient.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.recipient);
    const after = await tx.recipient.update({ where: { id }, data: patch });
    await writeAudit(tx, ctx, { action: 'recipient.update', entity: 'Recipient', entityId: id, before, after });
  });
  return getRecipient(d, ctx, id);
}

// ── meal plans ────────────────────────────────────────────────────────────

export async function addPlan(d: D, ctx: RequestContext, recipientId: string, input: PlanCreate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (!(await db.recipient.findFirst({ where: { id: recipientId }, select: { id: true } }))) throw new NotFoundError(DN.recipient);
  await assertSlotCodes(db, ctx.tenantId, input.slotCodes);
  return db.$transaction(async (tx) => {
    const plan = await tx.mealPlan.create({ data: { ...input, endDate: input.endDate ?? null, recipientId, tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: 'meal-plan.create', entity: 'MealPlan', entityId: plan.id, after: plan });
    return strip(plan);
  });
}

export async function updatePlan(d: D, ctx: RequestContext, id: string, patch: PlanUpdate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (patch.slotCodes) await assertSlotCodes(db, ctx.tenantId, patch.slotCodes);
  return db.$transaction(async (tx) => {
    const before = await tx.mealPlan.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.mealPlan);
    const merged = { ...before, ...patch };
    if (merged.endDate && merged.endDate < merged.startDate) {
      throw new UnprocessableError(say(DE.planEndsBeforeStart), { errors: [{ path: 'body.endDate', message: say(DE.before, { date: merged.startDate }) }] });
    }
    if (!merged.windowStart !== !merged.windowEnd) {
      throw new UnprocessableError(say(DE.bothWindowEnds), { errors: [{ path: 'body.windowEnd', message: say(DE.incompleteWindow) }] });
    }
    const after = await tx.mealPlan.update({ where: { id }, data: patch });
    await writeAudit(tx, ctx, { action: 'meal-plan.update', entity: 'MealPlan', entityId: id, before, after });
    return strip(after);
  });
}

export async function deletePlan(d: D, ctx: RequestContext, id: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.mealPlan.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.mealPlan);
    await tx.mealPlan.delete({ where: { id } });
    await writeAudit(tx, ctx, { action: 'meal-plan.delete', entity: 'MealPlan', entityId: id, before });
  });
}

// ── holds ─────────────────────────────────────────────────────────────────

/**
 * Brings already generated orders of a recipient in [from, to] (from today on) in line with
 * the holds: an order a hold covers is cancelled (and its stop, if it is on a route, too); an
 * order a hold had cancelled and no hold covers any more is restored.
 */
export async function applyHolds(tx: TenantTx, recipientId: string, from: string, to: string, todayDate: string) {
  const start = from > todayDate ? from : todayDate;
  if (start > to) return { cancelled: 0, restored: 0 };
  const orders = await tx.dailyOrder.findMany({ where: { recipientId, date: { gte: start, lte: to } } });
  const holds = await tx.hold.findMany({ where: { recipientId, fromDate: { lte: to }, toDate: { gte: start } } });
  let cancelled = 0, restored = 0;
  for (const order of orders) {
    const hold = holds.find((h) => h.fromDate <= order.date && h.toDate >= order.date);
    if (hold && order.status === 'active') {
      await tx.dailyOrder.update({ where: { id: order.id }, data: { status: 'cancelled', holdId: hold.id, cancelReason: `hold: ${hold.reason}` } });
      await tx.routeStop.updateMany({ where: { orderId: order.id, outcome: 'pending' }, data: { outcome: 'cancelled', outcomeNote: `hold: ${hold.reason}` } });
      cancelled++;
    } else if (!hold && order.status === 'cancelled' && order.holdId) {
      await tx.dailyOrder.update({ where: { id: order.id }, data: { status: 'active', holdId: null, cancelReason: null } });
      await tx.routeStop.updateMany({ where: { orderId: order.id, outcome: 'cancelled', outcomeBy: null }, data: { outcome: 'pending', outcomeNote: null } });
      restored++;
    }
  }
  return { cancelled, restored };
}

export async function addHold(d: D, ctx: RequestContext, recipientId: string, input: HoldCreate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (!(await db.recipient.findFirst({ where: { id: recipientId }, select: { id: true } }))) throw new NotFoundError(DN.recipient);
  return db.$transaction(async (tx) => {
    const hold = await tx.hold.create({ data: { ...input, recipientId, tenantId: ctx.tenantId } });
    const effect = await applyHolds(tx, recipientId, hold.fromDate, hold.toDate, today(ctx.timeZone));
    await writeAudit(tx, ctx, { action: 'hold.create', entity: 'Hold', entityId: hold.id, after: { ...hold, ...effect } });
    return { ...strip(hold), ordersCancelled: effect.cancelled, ordersRestored: effect.restored };
  });
}

export async function updateHold(d: D, ctx: RequestContext, id: string, patch: HoldUpdate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const before = await tx.hold.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.hold);
    const fromDate = patch.fromDate ?? before.fromDate;
    const toDate = patch.toDate ?? before.toDate;
    if (toDate < fromDate) throw new UnprocessableError(say(DE.holdEndsBeforeStart), { errors: [{ path: 'body.toDate', message: say(DE.before, { date: fromDate }) }] });
    const after = await tx.hold.update({ where: { id }, data: patch });
    const lo = fromDate < before.fromDate ? fromDate : before.fromDate;
    const hi = toDate > before.toDate ? toDate : before.toDate;
    const effect = await applyHolds(tx, before.recipientId, lo, hi, today(ctx.timeZone));
    await writeAudit(tx, ctx, { action: 'hold.update', entity: 'Hold', entityId: id, before, after: { ...after, ...effect } });
    return { ...strip(after), ordersCancelled: effect.cancelled, ordersRestored: effect.restored };
  });
}

export async function deleteHold(d: D, ctx: RequestContext, id: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const before = await tx.hold.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.hold);
    await tx.hold.delete({ where: { id } });
    const effect = await applyHolds(tx, before.recipientId, before.fromDate, before.toDate, today(ctx.timeZone));
    await writeAudit(tx, ctx, { action: 'hold.delete', entity: 'Hold', entityId: id, before, after: effect });
    return { ...strip(before), ordersCancelled: effect.cancelled, ordersRestored: effect.restored };
  });
}
