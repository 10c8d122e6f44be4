/**
 * What other domains use of residents' voice: rating codes for the pages they print (packing
 * labels, canteen receipts, discharge invoices).
 */
import type { PrismaClient } from '../db/prisma.js';
import { qrSvg, ratePath, signFor } from './code-service.js';
import type { SubjectKind } from './codes.js';
import { voiceSettings } from './settings.js';

export type { SubjectKind } from './codes.js';
export { VM } from './messages.js';
/** The URL of a rating QR code (SVG) for a meal, visit or stay, for screens that print receipts. */
export const qrImageUrl = (kind: SubjectKind, id: string) => `/voice/codes/qr.svg?subjectKind=${kind}&subjectId=${id}`;

/** A function that signs codes for one tenant (one settings read for a whole printed sheet). */
export async function ratingLinks(prisma: PrismaClient, tenant: { tenantId: string; timeZone: string }, base = '') {
  const { codeSecret } = await voiceSettings(prisma, tenant.tenantId);
  return {
    url: (kind: SubjectKind, subjectId: string, date: string) => `${base}${ratePath(signFor(codeSecret, tenant, kind, subjectId, date).code)}`,
    qrSvg,
  };
}
