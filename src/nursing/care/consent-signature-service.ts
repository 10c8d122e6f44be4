import { z } from 'zod';
import { EXAMPLE_PNG_DATA_URL } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import { fileStore } from '../../storage/index.js';
import { bedCodes, bookingView, loadBooking } from './booking-view.js';
import { consentInput } from '../schemas-care.js';

/** A signature drawn on a tablet (signature_pad → PNG) is small: strokes on a white canvas. */
const MAX_BYTES = 300_000;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

export const signedConsentInput = z.strictObject({
  signerName: consentInput.shape.signerName,
  relation: consentInput.shape.relation,
  image: z.string().max(Math.ceil(MAX_BYTES * 1.37) + 40).regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, 'A data:image/png;base64 URL.')
    .describe(`The handwritten signature as data:image/png;base64,…; at most ${MAX_BYTES / 1000} kB.`)
    .meta({ example: EXAMPLE_PNG_DATA_URL }),
});

/**
 * Records a family consent signed by hand on the coordinator's tablet: the PNG goes to the one
 * file store (local disk or S3) first, then the consent row points at it, so a row never points
 * at bytes that were not stored. The bytes must really be a PNG.
 */
export async function recordSignedConsent(d: Pick<Deps, 'prisma' | 'config'>, ctx: RequestContext, bookingId: string, input: z.infer<typeof signedConsentInput>) {
  const bytes = Buffer.from(input.image.slice(input.image.indexOf(',') + 1), 'base64');
  if (bytes.length > MAX_BYTES || !PNG_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new ValidationError([{ path: 'body.image', message: bytes.length > MAX_BYTES ? `At most ${MAX_BYTES / 1000} kB.` : 'Not a PNG image.' }]);
  }
  const db = tenantDb(d.prisma, ctx.tenantId);
  const booking = await loadBooking(db, bookingId);
  if (booking.status === 'ended') throw new ConflictError('The booking has ended; consent cannot be added.');
  const id = crypto.randomUUID();
  const signatureKey = `${ctx.tenantId}/consent/${id}.png`;
  await fileStore(d.config).put(signatureKey, bytes, 'image/png');
  await db.$transaction(async (tx) => {
    const b = await loadBooking(tx, bookingId);
    if (b.status === 'ended') throw new ConflictError('The booking has ended; consent cannot be added.');
    const consent = await tx.consent.create({
      data: { id, tenantId: ctx.tenantId, bookingId, signerName: input.signerName, relation: input.relation, method: 'electronic', signedAt: new Date(), signatureKey },
    });
    await writeAudit(tx, ctx, { action: 'consent.record', entity: 'Consent', entityId: consent.id, after: { ...consent, signatureBytes: bytes.length } });
  });
  const b = await loadBooking(db, bookingId);
  return bookingView(b, await bedCodes(db, [b.admission.bedId]), ctx.timeZone);
}

/** The signature image of a consent — only within the tenant (another hospital's is not found). */
export async function consentSignature(d: Pick<Deps, 'prisma' | 'config'>, ctx: RequestContext, bookingId: string, consentId: string) {
  const row = await tenantDb(d.prisma, ctx.tenantId).consent.findFirst({ where: { id: consentId, bookingId } });
  if (!row?.signatureKey) throw new NotFoundError('signature', 'This consent has no handwritten signature (it was given on paper or verbally).');
  const bytes = await fileStore(d.config).get(row.signatureKey);
  if (!bytes) throw new NotFoundError('signature', 'The signature file is missing from storage.');
  return bytes;
}
