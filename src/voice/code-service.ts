import QRCode from 'qrcode';
import { DateTime } from 'luxon';
import { tenantDb } from '../db/prisma.js';
import type { Deps } from '../deps.js';
import type { RequestContext } from '../http/context.js';
import { UnprocessableError } from '../http/errors.js';
import { say } from '../i18n/index.js';
import { signCode } from './codes.js';
import type { SubjectKind } from './codes.js';
import { VM } from './messages.js';
import { voiceSettings } from './settings.js';
import { resolveSubject } from './subjects.js';

/** How long after the service a printed code still opens its page (a meal is rated within days, a stay within weeks). */
export const CODE_VALID_DAYS: Record<SubjectKind, number> = { meal: 14, canteen_visit: 14, nursing_stay: 30 };

export const ratePath = (code: string) => `/app/rate/${code}`;

/**
 * A signed code for one meal, visit or stay served on (or, for a stay, ending on) a local date.
 * Labels are printed before the meal leaves, so the code does not wait for the delivery: its page
 * says "not delivered yet" until it is.
 */
export function signFor(secret: string, tenant: { tenantId: string; timeZone: string }, kind: SubjectKind, subjectId: string, date: string) {
  const expiresAt = DateTime.fromISO(date, { zone: tenant.timeZone }).plus({ days: CODE_VALID_DAYS[kind] + 1 }).toJSDate();
  return { code: signCode({ kind, tenantId: tenant.tenantId, subjectId, expiresAt }, secret), expiresAt };
}

export async function issueCode(d: Pick<Deps, 'prisma'>, tenant: { tenantId: string; timeZone: string }, kind: SubjectKind, subjectId: string) {
  const subject = await resolveSubject(tenantDb(d.prisma, tenant.tenantId), kind, subjectId, tenant.timeZone);
  if (!subject) return null;
  const { codeSecret } = await voiceSettings(d.prisma, tenant.tenantId);
  return signFor(codeSecret, tenant, kind, subjectId, subject.date);
}

/** The QR code of a link as SVG (low error correction: small enough for a packing label). */
export const qrSvg = (url: string) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'L', margin: 1 });

export async function codeWithQr(d: Pick<Deps, 'prisma'>, ctx: RequestContext, base: string, kind: SubjectKind, subjectId: string) {
  const issued = await issueCode(d, ctx, kind, subjectId);
  if (!issued) throw new UnprocessableError(say(VM.subjectNotReady), { errors: [{ path: 'query.subjectId', message: say(VM.subjectNotReady) }] });
  const url = `${base}${ratePath(issued.code)}`;
  return { code: issued.code, url, expiresAt: issued.expiresAt.toISOString(), qrSvg: await qrSvg(url) };
}
