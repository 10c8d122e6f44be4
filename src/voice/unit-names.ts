import { canteenNames } from '../canteen/read.js';
import type { TenantDb } from '../db/prisma.js';
import { kitchenNames } from '../delivery/read.js';
import { aideNames, wardNames } from '../nursing/read.js';
import { userNames } from '../tenancy/read.js';

/** Names of the units (kitchens, canteens, wards) of some rows, asked of their owners. */
export async function unitNamesOf(db: TenantDb, rows: { unitKind: string; unitId: string }[]): Promise<Map<string, string>> {
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.unitKind === kind).map((r) => r.unitId))];
  const maps = await Promise.all([kitchenNames(db, ids('kitchen')), canteenNames(db, ids('canteen')), wardNames(db, ids('ward'))]);
  return new Map(maps.flatMap((m) => [...m]));
}

/** Names of the staff (drivers are users, aides are aide records). */
export async function staffNamesOf(db: TenantDb, rows: { staffKind: string | null; staffId: string | null }[]): Promise<Map<string, string>> {
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.staffKind === kind && r.staffId).map((r) => r.staffId!))];
  const maps = await Promise.all([userNames(db, ids('driver')), aideNames(db, ids('aide'))]);
  return new Map(maps.flatMap((m) => [...m]));
}
