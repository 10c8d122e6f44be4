import type { TenantDb } from '../db/prisma.js';

/** Display names of users by id (what other domains may read of the user registry). */
export async function userNames(db: TenantDb, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** The tenant's admins who can be reached (not disabled): for escalations sent to them. */
export async function tenantAdmins(db: TenantDb): Promise<{ id: string; displayName: string; phone: string | null; locale: string | null }[]> {
  return db.user.findMany({ where: { roles: { has: 'admin' }, disabledAt: null }, select: { id: true, displayName: true, phone: true, locale: true }, orderBy: { id: 'asc' } });
}

/** The public base URL of this deployment (links in SMS, invoices, voice callbacks). */
export { publicBase } from './routes-sessions.js';
