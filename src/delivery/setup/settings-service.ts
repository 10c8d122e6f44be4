import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';

/**
 * Which map app the driver's navigation link opens: `geo` (a geo: URI, any Android map app),
 * `amap` (高德), `baidu` (百度), `qq` (腾讯). Villages differ in which app drivers have installed.
 */
export const MAP_APPS = ['geo', 'amap', 'baidu', 'qq'] as const;

/** What the app asks for on delivered (per tenant: some programmes need a signature for the subsidy file). */
export const PROOFS = ['none', 'photo', 'signature', 'both'] as const;

export const settingsBody = z.strictObject({
  mapApp: z.enum(MAP_APPS).optional().describe('The map app the navigation link opens (default geo).'),
  proof: z.enum(PROOFS).optional().describe('Proof of delivery the app offers: none (default), photo, signature or both.'),
});
export const settingsSchema = z.object({ mapApp: z.enum(MAP_APPS), proof: z.enum(PROOFS) }).meta({ id: 'DeliverySettings' });

const DEFAULTS = { mapApp: 'geo' as (typeof MAP_APPS)[number], proof: 'none' as (typeof PROOFS)[number] };

/** The tenant's driver-app settings (defaults until a manager changes one). */
export async function getDeliverySettings(d: Pick<Deps, 'prisma'>, ctx: Pick<RequestContext, 'tenantId'>) {
  const row = await tenantDb(d.prisma, ctx.tenantId).deliverySettings.findFirst();
  const mapApp = MAP_APPS.find((m) => m === row?.mapApp) ?? DEFAULTS.mapApp;
  const proof = PROOFS.find((p) => p === row?.proof) ?? DEFAULTS.proof;
  return { mapApp, proof };
}

export async function updateDeliverySettings(d: Pick<Deps, 'prisma'>, ctx: RequestContext, input: z.infer<typeof settingsBody>) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const before = await getDeliverySettings(d, ctx);
  await db.$transaction(async (tx) => {
    const row = await tx.deliverySettings.upsert({ where: { tenantId: ctx.tenantId }, create: { tenantId: ctx.tenantId, ...input }, update: input });
    await writeAudit(tx, ctx, { action: 'delivery-settings.update', entity: 'DeliverySettings', entityId: row.id, before, after: { mapApp: row.mapApp, proof: row.proof } });
  });
  return getDeliverySettings(d, ctx);
}
