import type { TenantDb } from '../db/prisma.js';

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
  return { unitId: stop.order.kitchenId, unitName: kitchen?.name ?? '', date: stop.order.date, staffId: stop.route.driverUserId };
}

/** Kitchen names by id (reports). */
export async function kitchenNames(db: TenantDb, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.kitchen.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
