import { inChunks } from '../db/in-chunks.js';
import type { TenantDb } from '../db/prisma.js';
import type { SlotKind } from '../generated/prisma/client.js';
import { MEAL_SLOTS } from '../subsidy/index.js';

export type { SlotKind };

/**
 * What other domains may read of delivery (they never query its tables themselves).
 * A delivered meal: the order's kitchen, its local date and the driver who brought it.
 */
export async function deliveredMeal(db: TenantDb, orderId: string) {
  const stop = await db.routeStop.findFirst({
    where: { orderId, outcome: 'delivered', route: { plan: { status: 'published' } } },
    select: { route: { select: { driverUserId: true } }, order: { select: { kitchenId: true, date: true } } },
  });
  if (!stop) return null;
  const kitchen = await db.kitchen.findFirst({ where: { id: stop.order.kitchenId }, select: { name: true } });
  return {
    unitId: stop.order.kitchenId,
    unitName: kitchen?.name ?? '',
    date: stop.order.date,
    staffId: stop.route.driverUserId,
  };
}

/** Kitchen names by id (reports). */
export async function kitchenNames(db: TenantDb, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.kitchen.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The meal a slot serves when nothing else says: its code when the code is a kind, else the time of
 * day the meals reach the door (before 10:00 breakfast, before 15:00 lunch, else dinner). The same
 * rule backfilled `MealSlot.kind` (migration 20261203130000_delivery_slot_kind). Without a time
 * (an order without its own window whose slot row is gone) lunch, the meal most slots serve.
 */
export function slotKindOf(code: string, windowStart: string | null | undefined): SlotKind {
  if ((MEAL_SLOTS as readonly string[]).includes(code)) return code as SlotKind;
  if (windowStart && windowStart < '10:00') return 'breakfast';
  if (windowStart && windowStart < '15:00') return 'lunch';
  return windowStart ? 'dinner' : 'lunch';
}

/** A meal brought to a person's door: the order's local date and the kind of its slot. */
export interface HomeDeliveredMeal {
  personId: string;
  localDate: string;
  kind: SlotKind;
}

/**
 * Home-delivered meals (stop outcome `delivered`) of these people on the local dates `from`…`to`,
 * with the kind of the tenant's slot (whatever its code: `noon` of kind lunch is a lunch). An order
 * whose slot row is gone falls back to `slotKindOf` on its own window. One query for the tenant's
 * slots (a handful of rows), one per 10 000 people for the stops.
 */
export async function homeDeliveredMeals(
  db: TenantDb,
  w: { personIds: string[]; from: string; to: string },
): Promise<HomeDeliveredMeal[]> {
  const slots = await db.mealSlot.findMany({ select: { code: true, kind: true } });
  const kindOf = new Map(slots.map((s) => [s.code, s.kind]));
  const rows = await inChunks(w.personIds, (ids) =>
    db.routeStop.findMany({
      where: {
        outcome: 'delivered',
        order: { date: { gte: w.from, lte: w.to }, recipient: { personId: { in: ids } } },
      },
      select: {
        order: { select: { date: true, slotCode: true, windowStart: true, recipient: { select: { personId: true } } } },
      },
    }),
  );
  return rows.map((r) => ({
    personId: r.order.recipient.personId,
    localDate: r.order.date,
    kind: kindOf.get(r.order.slotCode) ?? slotKindOf(r.order.slotCode, r.order.windowStart),
  }));
}
