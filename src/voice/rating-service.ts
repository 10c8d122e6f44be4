import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { writeAudit } from '../audit/audit-log.js';
import type { Actor } from '../audit/audit-log.js';
import { tenantDb } from '../db/prisma.js';
import type { TenantDb } from '../db/prisma.js';
import type { Deps } from '../deps.js';
import { NotFoundError, UnprocessableError, ValidationError } from '../http/errors.js';
import type { RequestContext } from '../http/context.js';
import { once, TooManyRequestsError } from '../http/rate-limit.js';
import { say } from '../i18n/index.js';
import { readCode, verifyCode } from './codes.js';
import type { RatingCode, SubjectKind } from './codes.js';
import { VM } from './messages.js';
import type { phoneInSchema, ratingInputSchema } from './schemas.js';
import { voiceSettings } from './settings.js';
import { resolveSubject, SCORE_KEYS } from './subjects.js';
import type { Subject } from './subjects.js';

type D = Pick<Deps, 'prisma' | 'redis' | 'config'>;
type RatingInput = z.infer<typeof ratingInputSchema>;

export interface CodeContext {
  code: RatingCode;
  subject: Subject;
  tenant: { id: string; locale: string; timeZone: string };
  db: TenantDb;
}

/** Opens a printed code: checks its signature and expiry, then what it rates (refused in words). */
export async function openCode(d: D, text: string, locale: string): Promise<CodeContext> {
  const read = readCode(text);
  const tenant = read ? await d.prisma.tenant.findUnique({ where: { id: read.tenantId }, select: { id: true, locale: true, timeZone: true } }) : null;
  const secret = tenant ? (await voiceSettings(d.prisma, tenant.id)).codeSecret : undefined;
  const check = verifyCode(text, () => secret);
  if (!check.ok || !tenant) {
    throw new NotFoundError(VM.nounRatingCode, say(!check.ok && check.reason === 'expired' ? VM.codeExpired : VM.codeInvalid));
  }
  const db = tenantDb(d.prisma, tenant.id);
  const subject = await resolveSubject(db, check.code.kind, check.code.subjectId, tenant.timeZone);
  if (!subject) throw new UnprocessableError(say(VM.subjectNotReady));
  return { code: check.code, subject, tenant, db };
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * One submission of each kind per code and interval (a code on a lost label cannot be used to
 * flood). `submission` identifies the form sent (its one-time key and content): the same form sent
 * again — a phone replaying it after a dropped connection — passes, since saving it again changes
 * nothing (an unchanged rating writes nothing, a ticket is one per form key); another is refused.
 */
export async function limitCode(d: D, bucket: 'voice-rate' | 'voice-ticket', code: string, submission?: unknown): Promise<void> {
  const token = submission === undefined ? undefined : digest(JSON.stringify(submission));
  const r = await once(d.redis, bucket, digest(code), d.config.VOICE_CODE_INTERVAL_SECONDS, token);
  if (!r.allowed && !r.repeat) throw new TooManyRequestsError(r.retryAfter);
}

const KIND_LABEL = { meal: VM.kindMeal, canteen_visit: VM.kindCanteen, nursing_stay: VM.kindStay } as const;

/** The rating's mean in tenths; scores that do not fit the subject are refused (in the reader's locale: `locale` is kept for callers). */
function meanTenths(kind: SubjectKind, scores: Record<string, number>, locale: string): number {
  const keys = SCORE_KEYS[kind];
  const missing = keys.filter((k) => scores[k] === undefined);
  const extra = Object.keys(scores).filter((k) => !keys.includes(k));
  if (missing.length || extra.length) {
    throw new ValidationError([...missing, ...extra].map((k) => ({ path: `body.scores.${k}`, message: missing.includes(k) ? say(VM.scoreRequired) : say(VM.scoreNotRated, { kind, kindLabel: say(KIND_LABEL[kind]) }) })),
      say(VM.scoresMismatch));
  }
  return Math.round((keys.reduce((s, k) => s + scores[k], 0) / keys.length) * 10);
}

/** Saves the one rating of a subject: the first creates it, a later one edits it (with its audit row). */
export async function saveRating(db: TenantDb, actor: Actor, subject: Subject, input: RatingInput & { source: 'code' | 'phone_in' }, locale: string) {
  const mean = meanTenths(subject.kind, input.scores, locale);
  const data = {
    unitKind: subject.unitKind, unitId: subject.unitId, staffKind: subject.staffKind, staffId: subject.staffId,
    serviceDate: subject.date, scores: input.scores, meanTenths: mean, comment: input.comment ?? null,
    raterKind: input.raterKind, source: input.source, enteredBy: actor.userId,
  };
  return db.$transaction(async (tx) => {
    const where = { tenantId_subjectKind_subjectId: { tenantId: actor.tenantId, subjectKind: subject.kind, subjectId: subject.id } };
    const before = await tx.rating.findUnique({ where });
    // The same rating sent again (a replayed form) is not an edit: nothing is written or audited.
    if (before && sameRating(before, data)) return before;
    const rating = await tx.rating.upsert({ where, create: { tenantId: actor.tenantId, subjectKind: subject.kind, subjectId: subject.id, ...data }, update: data });
    await writeAudit(tx, actor, { action: before ? 'rating.edit' : 'rating.create', entity: 'Rating', entityId: rating.id, before, after: rating });
    return rating;
  });
}

function sameRating(before: { scores: unknown; comment: string | null; raterKind: string; source: string }, next: { scores: Record<string, number>; comment: string | null; raterKind: string; source: string }) {
  const scores = (before.scores ?? {}) as Record<string, number>;
  const keys = new Set([...Object.keys(scores), ...Object.keys(next.scores)]);
  return [...keys].every((k) => scores[k] === next.scores[k]) && before.comment === next.comment && before.raterKind === next.raterKind && before.source === next.source;
}

/** A rating through a printed code; `requestKey` is the page form's one-time key (a replay of it is recognised). */
export async function rateByCode(d: D, text: string, input: RatingInput, locale: string, requestKey?: string) {
  const opened = await openCode(d, text, locale);
  meanTenths(opened.subject.kind, input.scores, locale); // a bad form is refused before it uses up the code's turn
  await limitCode(d, 'voice-rate', text, requestKey ? { requestKey, input } : undefined);
  return saveRating(opened.db, { tenantId: opened.tenant.id, userId: null }, opened.subject, { ...input, source: 'code' }, locale);
}

/** A rating a member of staff typed in from a phone call. */
export async function phoneInRating(d: D, ctx: RequestContext, input: z.infer<typeof phoneInSchema>) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const subject = await resolveSubject(db, input.subjectKind, input.subjectId, ctx.timeZone);
  if (!subject) throw new UnprocessableError(say(VM.subjectNotReady), { errors: [{ path: 'body.subjectId', message: say(VM.subjectNotReady) }] });
  return saveRating(db, ctx, subject, { ...input, source: 'phone_in' }, ctx.locale);
}

export async function ratingOf(db: TenantDb, kind: SubjectKind, subjectId: string) {
  return db.rating.findFirst({ where: { subjectKind: kind, subjectId } });
}
