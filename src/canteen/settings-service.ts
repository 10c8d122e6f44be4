/**
 * Per-tenant rules of the counter. `lateRecordToleranceMinutes`: a meal whose servedAt lies more
 * than this before the moment it is recorded needs a manager override (SPEC §5: 2 h) — back-dated
 * meals were recorded and settled with nobody noticing.
 */
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';

export const DEFAULT_LATE_RECORD_TOLERANCE_MINUTES = 120;

export const canteenSettingsBody = z.strictObject({
  lateRecordToleranceMinutes: z.number().int().min(5).max(7 * 24 * 60)
    .describe('Minutes a meal may be recorded after it was served without a manager override (default 120).'),
});
export const canteenSettingsSchema = z.object({ lateRecordToleranceMinutes: z.number().int() }).meta({ id: 'CanteenSettings' });

export async function getCanteenSettings(d: Pick<Deps, 'prisma'>, ctx: Pick<RequestContext, 'tenantId'>) {
  const row = await tenantDb(d.prisma, ctx.tenantId).canteenSettings.findFirst();
  return { lateRecordToleranceMinutes: row?.lateRecordToleranceMinutes ?? DEFAULT_LATE_RECORD_TOLERANCE_MINUTES };
}

export async function updateCanteenSettings(d: Pick<Deps, 'prisma'>, ctx: RequestContext, input: z.infer<typeof canteenSettingsBody>) {
  const before = await getCanteenSettings(d, ctx);
  await tenantDb(d.prisma, ctx.tenantId).$transaction(async (tx) => {
    const row = await tx.canteenSettings.upsert({ where: { tenantId: ctx.tenantId }, create: { tenantId: ctx.tenantId, ...input }, update: input });
    await writeAudit(tx, ctx, { action: 'canteen-settings.update', entity: 'CanteenSettings', entityId: row.id, before, after: input });
  });
  return getCanteenSettings(d, ctx);
}
