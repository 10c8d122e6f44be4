import type { TenantDb } from '../db/prisma.js';

/** What other domains may read of the canteens. A visit: an active (not voided) meal. */
export async function canteenVisit(db: TenantDb, mealId: string) {
  const meal = await db.canteenMeal.findFirst({
    where: { id: mealId, status: 'active' },
    select: { canteenId: true, localDate: true, canteen: { select: { name: true } } },
  });
  return meal ? { unitId: meal.canteenId, unitName: meal.canteen.name, date: meal.localDate, staffId: null } : null;
}

export async function canteenNames(db: TenantDb, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.canteen.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The canteens a cashier works at (the canteen tickets they may take up). */
export async function operatorCanteenIds(db: TenantDb, userId: string): Promise<string[]> {
  const rows = await db.canteenOperator.findMany({ where: { userId }, select: { canteenId: true } });
  return rows.map((r) => r.canteenId);
}
