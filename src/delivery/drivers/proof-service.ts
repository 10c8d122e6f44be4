import { z } from 'zod';
import { EXAMPLE_PNG_DATA_URL } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { hasRole } from '../../http/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import { fileStore } from '../../storage/index.js';
import { say } from '../../i18n/index.js';
import { DE, DN } from '../messages.js';

/** A photo compressed on the phone (canvas → JPEG) or a signature (canvas → PNG), as a data URL. */
const MAX_BYTES = 600_000;
export const proofBody = z.strictObject({
  kind: z.enum(['photo', 'signature']).meta({ example: 'signature' }),
  image: z.string().max(Math.ceil(MAX_BYTES * 1.37) + 40).regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+=*$/, 'A data:image/jpeg or data:image/png base64 URL.')
    .describe(`data:image/jpeg;base64,… (photo) or data:image/png;base64,… (signature); at most ${MAX_BYTES / 1000} kB.`)
    .meta({ example: EXAMPLE_PNG_DATA_URL }),
});
export const proofSchema = z.object({
  id: z.uuid(), routeStopId: z.uuid(), kind: z.enum(['photo', 'signature']), contentType: z.string(), bytes: z.number().int(),
  createdBy: z.uuid(), createdAt: z.iso.datetime(), url: z.string().describe('GET it with the session or a token: the image itself.'),
}).meta({ id: 'DeliveryProof' });

const MAGIC: Record<string, number[]> = { 'image/jpeg': [0xff, 0xd8, 0xff], 'image/png': [0x89, 0x50, 0x4e, 0x47] };

/** Where a proof image is served: the authenticated API route (tenant and role checked on every GET). */
export const proofUrl = (stopId: string, proofId: string) => `/delivery/stops/${stopId}/proofs/${proofId}`;

const view = (p: { id: string; routeStopId: string; kind: string; contentType: string; bytes: number; createdBy: string; createdAt: Date }) => ({
  id: p.id, routeStopId: p.routeStopId, kind: p.kind as 'photo' | 'signature', contentType: p.contentType, bytes: p.bytes,
  createdBy: p.createdBy, createdAt: p.createdAt, url: proofUrl(p.routeStopId, p.id),
});

/** The stop as the caller may see it: their own route's stop (driver) or any stop of the tenant (manager, auditor). */
async function stopFor(d: Pick<Deps, 'prisma'>, ctx: RequestContext, stopId: string) {
  const anyStop = hasRole(ctx, 'admin', 'kitchen_manager', 'auditor');
  const stop = await tenantDb(d.prisma, ctx.tenantId).routeStop.findFirst({ where: { id: stopId, ...(anyStop ? {} : { route: { driverUserId: ctx.userId } }) } });
  if (!stop) throw new NotFoundError(DN.stop);
  return stop;
}

/**
 * Stores a proof of delivery for a delivered stop through the one file store (local disk or
 * S3). The bytes must really be the image type they claim (magic number), so nothing else can
 * be parked in the store under an image's name.
 */
export async function addProof(d: Pick<Deps, 'prisma' | 'config'>, ctx: RequestContext, stopId: string, input: z.infer<typeof proofBody>) {
  const stop = await stopFor(d, ctx, stopId);
  if (stop.outcome !== 'delivered') throw new ConflictError(say(DE.proofNeedsDelivered), { current: stop.outcome });
  const [, type, b64] = /^data:(image\/(?:jpeg|png));base64,(.*)$/.exec(input.image)!;
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > MAX_BYTES || !MAGIC[type].every((b, i) => bytes[i] === b)) {
    throw new ValidationError([{ path: 'body.image', message: bytes.length > MAX_BYTES ? say(DE.imageTooLarge, { kb: MAX_BYTES / 1000 }) : say(DE.notImageType, { type }) }]);
  }
  const db = tenantDb(d.prisma, ctx.tenantId);
  const id = crypto.randomUUID();
  const storageKey = `${ctx.tenantId}/proof/${id}.${type === 'image/png' ? 'png' : 'jpg'}`;
  // The file first: a row never points at bytes that were not stored.
  await fileStore(d.config).put(storageKey, bytes, type);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.stopProof.create({
      data: { id, tenantId: ctx.tenantId, routeStopId: stopId, kind: input.kind, contentType: type, bytes: bytes.length, storageKey, createdBy: ctx.userId },
    });
    await writeAudit(tx, ctx, { action: 'stop.proof', entity: 'RouteStop', entityId: stopId, after: view(created) });
    return created;
  });
  return view(row);
}

export async function listProofs(d: Pick<Deps, 'prisma'>, ctx: RequestContext, stopId: string) {
  await stopFor(d, ctx, stopId);
  const rows = await tenantDb(d.prisma, ctx.tenantId).stopProof.findMany({ where: { routeStopId: stopId }, orderBy: { createdAt: 'asc' } });
  return rows.map(view);
}

/** The image itself — only within the tenant (another tenant's proof is simply not found). */
export async function proofImage(d: Pick<Deps, 'prisma' | 'config'>, ctx: RequestContext, stopId: string, proofId: string) {
  await stopFor(d, ctx, stopId);
  const row = await tenantDb(d.prisma, ctx.tenantId).stopProof.findFirst({ where: { id: proofId, routeStopId: stopId } });
  if (!row) throw new NotFoundError(DN.proof);
  const bytes = await fileStore(d.config).get(row.storageKey);
  if (!bytes) throw new NotFoundError(DN.proof, say(DE.proofFileMissing));
  return { bytes, contentType: row.contentType };
}
