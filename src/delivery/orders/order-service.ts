import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { TenantTx } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { Actor } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../http/errors.js';
import type { DailyOrder } from '../../generated/prisma/client.js';
import { addDays, today, weekdayOf } from '../../time/index.js';
import { ensureSlots } from '../setup/setup-service.js';
import { assertPinsKeepable } from '../plans/plan-pins.js';
import { say } from '../../i18n/index.js';
import { DE, DN } from '../messages.js';
import { outcomeWord } from '../plans/plan-words.js';

type D = Pick<Deps, 'prisma'>;

/** Cancel reasons the order run sets (and may take back); a manager's own reasons are never undone. */
export const PLAN_ENDED = 'plan ended';
export const DECEASED = 'deceased';

export interface GenerateResult {
  date: string;
  created: number;
  reactivated: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  skippedOnHold: number;
}

/** The date the daily run prepares: tomorrow in the tenant's zone, as seen at `at`. */
export function orderDateFor(at: Date, timeZone: string): string {
  return addDays(today(timeZone, at), 1);
}

interface Wanted {
  recipientId: string;
  kitchenId: string;
  mealPlanId: string;
  slotCode: string;
  quantity: number;
  windowStart: string | null;
  windowEnd: string | null;
}

/**
 * Turns meal plans minus holds into the DailyOrders of one date. Idempotent: it compares what
 * the plans ask for with what exists (unique per recipient/date/slot) and only creates, restores,
 * updates or cancels the difference, so re-running it changes nothing. Orders a manager
 * cancelled by hand stay cancelled.
 */
export async function generateOrders(d: D, actor: Actor, date: string): Promise<GenerateResult> {
  const db = tenantDb(d.prisma, actor.tenantId);
  const slots = new Set((await ensureSlots(db, actor.tenantId)).map((s) => s.code));
  const weekday = weekdayOf(date);
  const plans = await db.mealPlan.findMany({
    where: {
      startDate: { lte: date },
      OR: [{ endDate: null }, { endDate: { gte: date } }],
      weekdays: { has: weekday },
      recipient: { active: true, person: { OR: [{ deathDate: null }, { deathDate: { gt: date } }] } },
    },
    include: { recipient: { select: { kitchenId: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const holds = await db.hold.findMany({ where: { fromDate: { lte: date }, toDate: { gte: date } } });
  const holdOf = new Map(holds.map((h) => [h.recipientId, h]));

  const wanted = new Map<string, Wanted>();
  let skippedOnHold = 0;
  for (const plan of plans) {
    for (const slotCode of plan.slotCodes) {
      if (!slots.has(slotCode)) continue;
      const key = `${plan.recipientId} ${slotCode}`;
      if (wanted.has(key)) continue; // two plans for the same meal: the older one counts
      wanted.set(key, {
        recipientId: plan.recipientId, kitchenId: plan.recipient.kitchenId, mealPlanId: plan.id, slotCode,
        quantity: plan.quantity, windowStart: plan.windowStart, windowEnd: plan.windowEnd,
      });
    }
  }

  const existing = await db.dailyOrder.findMany({ where: { date }, include: { recipient: { select: { person: { select: { deathDate: true } } } } } });
  const existingByKey = new Map(existing.map((o) => [`${o.recipientId} ${o.slotCode}`, o]));
  const result: GenerateResult = { date, created: 0, reactivated: 0, updated: 0, cancelled: 0, unchanged: 0, skippedOnHold: 0 };

  await db.$transaction(async (tx) => {
    const toCreate: Wanted[] = [];
    for (const [key, w] of wanted) {
      const hold = holdOf.get(w.recipientId);
      const order = existingByKey.get(key);
      if (hold) {
        skippedOnHold++;
        if (order?.status === 'active') {
          await tx.dailyOrder.update({ where: { id: order.id }, data: { status: 'cancelled', holdId: hold.id, cancelReason: `hold: ${hold.reason}` } });
          await tx.routeStop.updateMany({ where: { orderId: order.id, outcome: 'pending' }, data: { outcome: 'cancelled', outcomeNote: `hold: ${hold.reason}` } });
          result.cancelled++;
        }
        continue;
      }
      if (!order) {
        toCreate.push(w);
      } else if (order.status === 'cancelled') {
        // Cancelled by this run before (a hold, an ended plan, a death recorded by mistake and taken back).
        if (order.holdId || order.cancelReason === PLAN_ENDED || order.cancelReason === DECEASED) {
          await tx.dailyOrder.update({ where: { id: order.id }, data: { ...changes(order, w), status: 'active', holdId: null, cancelReason: null } });
          result.reactivated++;
        } else {
          result.unchanged++; // cancelled by a manager: stays cancelled
        }
      } else if (Object.keys(changes(order, w)).length) {
        await tx.dailyOrder.update({ where: { id: order.id }, data: changes(order, w) });
        result.updated++;
      } else {
        result.unchanged++;
      }
    }
    if (toCreate.length) {
      const created = await tx.dailyOrder.createMany({
        data: toCreate.map((w) => ({ ...w, tenantId: actor.tenantId, date })),
        skipDuplicates: true, // a concurrent run already made it: still one order
      });
      result.created = created.count;
    }
    for (const order of existing) {
      const key = `${order.recipientId} ${order.slotCode}`;
      if (wanted.has(key) || order.status !== 'active' || !order.mealPlanId) continue;
      // The plan query leaves out the dead too: say which it was, a family reads this reason.
      const deathDate = order.recipient.person.deathDate;
      const reason = deathDate && deathDate <= date ? DECEASED : PLAN_ENDED;
      await tx.dailyOrder.update({ where: { id: order.id }, data: { status: 'cancelled', cancelReason: reason } });
      await tx.routeStop.updateMany({ where: { orderId: order.id, outcome: 'pending' }, data: { outcome: 'cancelled', outcomeNote: reason } });
      result.cancelled++;
    }
    result.skippedOnHold = skippedOnHold;
    if (result.created || result.reactivated || result.updated || result.cancelled) {
      await writeAudit(tx, actor, { action: 'orders.generate', entity: 'DailyOrder', entityId: null, after: result });
    }
  }, { timeout: 60_000 });
  return result;
}

function changes(order: DailyOrder, w: Wanted) {
  const out: Partial<Wanted> = {};
  for (const k of ['kitchenId', 'mealPlanId', 'quantity', 'windowStart', 'windowEnd'] as const) {
    if (order[k] !== w[k]) (out as Record<string, unknown>)[k] = w[k];
  }
  return out;
}

export async function listOrders(d: D, ctx: RequestContext, q: { date: string; slot?: string; kitchen?: string; status?: 'active' | 'cancelled' }) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).dailyOrder.findMany({
    where: { date: q.date, ...(q.slot ? { slotCode: q.slot } : {}), ...(q.kitchen ? { kitchenId: q.kitchen } : {}), ...(q.status ? { status: q.status } : {}) },
    include: { recipient: { include: { person: { select: { name: true } } } } },
    orderBy: [{ slotCode: 'asc' }, { id: 'asc' }],
  });
  return rows.map(orderView);
}

export function orderView(o: DailyOrder & { recipient: { diet: string; person: { name: string } } }) {
  const { tenantId: _t, recipient, ...rest } = o;
  return { ...rest, name: recipient.person.name, diet: recipient.diet };
}

/** Pins an order to a vehicle (or removes the pin): re-planning keeps it on that vehicle. */
export async function pinOrder(d: Pick<Deps, 'prisma' | 'config'>, ctx: RequestContext, orderId: string, vehicleId: string | null) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (vehicleId) {
    // Refuse a pin the vehicle could never keep (full, window out of reach) before anything changes.
    const order = await db.dailyOrder.findFirst({ where: { id: orderId } });
    const v = order && (await db.vehicle.findFirst({ where: { id: vehicleId } }));
    if (order && v && v.kitchenId === order.kitchenId && order.status === 'active') {
      await assertPinsKeepable(d, db, { tenantId: ctx.tenantId, kitchenId: order.kitchenId, date: order.date, slotCode: order.slotCode, vehicleId, extra: [orderId] });
    }
  }
  return db.$transaction(async (tx) => {
    const before = await tx.dailyOrder.findFirst({ where: { id: orderId } });
    if (!before) throw new NotFoundError(DN.order);
    if (vehicleId) {
      const v = await tx.vehicle.findFirst({ where: { id: vehicleId } });
      if (!v || v.kitchenId !== before.kitchenId) {
        throw new UnprocessableError(say(DE.vehicleOtherKitchen), { errors: [{ path: 'body.vehicleId', message: say(DE.unknownVehicleForKitchen) }] });
      }
    }
    const after = await tx.dailyOrder.update({ where: { id: orderId }, data: { pinnedVehicleId: vehicleId } });
    await writeAudit(tx, ctx, { action: vehicleId ? 'order.pin' : 'order.unpin', entity: 'DailyOrder', entityId: orderId, before, after });
    const withRecipient = await tx.dailyOrder.findFirstOrThrow({ where: { id: orderId }, include: { recipient: { include: { person: { select: { name: true } } } } } });
    return orderView(withRecipient);
  });
}

/** A manager cancels one order by hand (e.g. a phone call this morning); its stop is cancelled too. */
export async function cancelOrder(d: D, ctx: RequestContext, orderId: string, reason: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const before = await tx.dailyOrder.findFirst({ where: { id: orderId } });
    if (!before) throw new NotFoundError(DN.order);
    const done = await tx.routeStop.findFirst({ where: { orderId, outcome: { in: ['delivered', 'refused', 'not_home'] } } });
    if (done) throw new ConflictError(say(DE.mealHasOutcome, { outcome: outcomeWord(done.outcome) }));
    const after = await tx.dailyOrder.update({ where: { id: orderId }, data: { status: 'cancelled', holdId: null, cancelReason: reason } });
    await tx.routeStop.updateMany({ where: { orderId, outcome: 'pending' }, data: { outcome: 'cancelled', outcomeNote: reason, outcomeBy: ctx.userId, outcomeAt: new Date() } });
    await writeAudit(tx, ctx, { action: 'order.cancel', entity: 'DailyOrder', entityId: orderId, before, after });
    const withRecipient = await tx.dailyOrder.findFirstOrThrow({ where: { id: orderId }, include: { recipient: { include: { person: { select: { name: true } } } } } });
    return orderView(withRecipient);
  });
}

/**
 * A death recorded on the person: the orders already generated for that day and after are
 * cancelled at once as "deceased" (with their pending stops), inside the caller's transaction,
 * so no van stops at the door and no meal is cooked. Meals that already have an outcome stay.
 */
export async function cancelOrdersOfDeceased(tx: TenantTx, personId: string, deathDate: string) {
  const orders = await tx.dailyOrder.findMany({
    where: { recipient: { personId }, date: { gte: deathDate }, status: 'active' },
    select: { id: true, stops: { select: { outcome: true } } },
  });
  const open = orders.filter((o) => o.stops.every((s) => s.outcome === 'pending' || s.outcome === 'cancelled')).map((o) => o.id);
  if (!open.length) return 0;
  await tx.dailyOrder.updateMany({ where: { id: { in: open } }, data: { status: 'cancelled', holdId: null, cancelReason: DECEASED } });
  await tx.routeStop.updateMany({ where: { orderId: { in: open }, outcome: 'pending' }, data: { outcome: 'cancelled', outcomeNote: DECEASED } });
  return open.length;
}
