/**
 * Finding a diner by name at the till when the card is forgotten: only people who have eaten at
 * THIS canteen before, at most 8, name and the last 4 ID digits — enough to pick the right
 * 王秀兰, too little to browse the registry (no address, no status, no full ID, no birth date).
 */
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import type { RequestContext } from '../http/context.js';
import { canteenForCaller } from './canteen-service.js';
import { livingPeopleNamed } from '../people/read.js';

export const dinerSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(20).describe('The start of the diner\'s name (at least one character).'),
});
export const dinerHitSchema = z.object({ personId: z.uuid(), name: z.string(), idTail: z.string().nullable() });

export async function searchDiners(d: Pick<Deps, 'prisma'>, ctx: RequestContext, canteenId: string, q: string) {
  await canteenForCaller(d, ctx, canteenId, 'write');
  // The scope is canteen's own relation to a person: has eaten at this canteen (still one query).
  const rows = await livingPeopleNamed(tenantDb(d.prisma, ctx.tenantId), { startsWith: q, scope: { meals: { some: { canteenId } } }, limit: 8 });
  return rows.map((p) => ({ personId: p.id, name: p.name, idTail: p.idNumber ? p.idNumber.slice(-4) : null }));
}
