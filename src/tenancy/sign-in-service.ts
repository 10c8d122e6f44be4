import { hash, verify } from '@node-rs/argon2';
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import type { PrismaClient } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { say } from '../i18n/index.js';
import { nounMessages } from '../kernel/messages.js';
import { TM } from './messages.js';
import { createSession, randomSecret, revokeAllSessions, sha256 } from '../http/sessions.js';
import type { User, WebSessionKind } from '../generated/prisma/client.js';

/** Wrong passwords in a row before the account locks, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
/** A one-time link is short-lived: it is printed or sent for the same day. */
export const SIGN_IN_CODE_DEFAULT_MINUTES = 12 * 60;

// argon2id with the library's defaults (OWASP minimum: m=19 MiB, t=2, p=1), as SPEC §0 asks.
export const hashPassword = (password: string) => hash(password);

/** Verifying against a fixed hash when no user matches keeps the answer time the same. */
let dummyHash: Promise<string> | undefined;

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'bad-credentials' }
  | { ok: false; reason: 'locked'; until: Date };

/**
 * Username or phone + password. Usernames are unique per tenant, so the same login may exist in
 * two tenants: the password decides which account it is.
 */
export async function checkPassword(prisma: PrismaClient, login: string, password: string): Promise<SignInResult> {
  const candidates = await prisma.user.findMany({
    where: { disabledAt: null, passwordHash: { not: null }, OR: [{ username: login }, { phone: login }] },
    take: 5,
  });
  if (!candidates.length) {
    dummyHash ??= hashPassword(randomSecret());
    await verify(await dummyHash, password).catch(() => false);
    return { ok: false, reason: 'bad-credentials' };
  }
  const now = new Date();
  for (const user of candidates) {
    if (user.lockedUntil && user.lockedUntil > now) continue;
    if (await verify(user.passwordHash!, password).catch(() => false)) {
      await prisma.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
      return { ok: true, user };
    }
  }
  const locked = candidates.find((u) => u.lockedUntil && u.lockedUntil > now);
  for (const user of candidates.filter((u) => !(u.lockedUntil && u.lockedUntil > now))) {
    const failed = user.failedSignIns + 1;
    const lockedUntil = failed >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await prisma.user.update({ where: { id: user.id }, data: { failedSignIns: lockedUntil ? 0 : failed, lockedUntil } });
    await writeAudit(prisma, { tenantId: user.tenantId, userId: null }, {
      action: lockedUntil ? 'user.locked' : 'user.sign-in-failed', entity: 'User', entityId: user.id,
    });
    if (lockedUntil && candidates.length === 1) return { ok: false, reason: 'locked', until: lockedUntil };
  }
  if (locked && candidates.length === 1) return { ok: false, reason: 'locked', until: locked.lockedUntil! };
  return { ok: false, reason: 'bad-credentials' };
}

export async function startSession(prisma: PrismaClient, user: User, kind: WebSessionKind, userAgent?: string) {
  const created = await createSession(prisma, user, kind, userAgent);
  await writeAudit(prisma, { tenantId: user.tenantId, userId: user.id }, {
    action: 'session.start', entity: 'WebSession', entityId: created.session.id, after: { kind },
  });
  return created;
}

/** An admin sets (resets) a password; the user's sessions end, and a lock-out is lifted. */
export async function setPassword({ prisma }: Pick<Deps, 'prisma'>, ctx: RequestContext, userId: string, password: string) {
  const db = tenantDb(prisma, ctx.tenantId);
  const user = await db.user.findFirst({ where: { id: userId } });
  if (!user) throw new NotFoundError(nounMessages.user);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, failedSignIns: 0, lockedUntil: null } });
    await tx.webSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await writeAudit(tx, ctx, { action: 'user.password-set', entity: 'User', entityId: userId });
  });
}

/** Who may hand out a phone sign-in link to whom: admins to anyone, managers to their own staff. */
const LINK_ISSUERS: Record<string, string[]> = { kitchen_manager: ['driver'], hospital_coordinator: ['care_aide'] };

function mayIssueFor(ctx: RequestContext, target: User): boolean {
  if (ctx.roles.includes('admin')) return true;
  return ctx.roles.some((r) => target.roles.length > 0 && target.roles.every((t) => (LINK_ISSUERS[r] ?? []).includes(t)));
}

export async function issueSignInCode(
  { prisma }: Pick<Deps, 'prisma'>, ctx: RequestContext, userId: string, minutes = SIGN_IN_CODE_DEFAULT_MINUTES,
) {
  const db = tenantDb(prisma, ctx.tenantId);
  const user = await db.user.findFirst({ where: { id: userId, disabledAt: null } });
  if (!user) throw new NotFoundError(nounMessages.user);
  if (!mayIssueFor(ctx, user)) throw new ForbiddenError(say(TM.linkOwnStaff));
  const code = randomSecret(24);
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.signInCode.create({
      data: { tenantId: ctx.tenantId, userId, codeHash: sha256(code), expiresAt, createdBy: ctx.userId },
    });
    await writeAudit(tx, ctx, { action: 'sign-in-code.issue', entity: 'User', entityId: userId, after: { expiresAt } });
    return created;
  });
  return { id: row.id, code, path: `/app/sign-in/code/${code}`, expiresAt, user: { id: user.id, displayName: user.displayName } };
}

/** The code's user, if it is still unused and unexpired (the confirmation page shows the name). */
export async function peekSignInCode(prisma: PrismaClient, code: string) {
  const row = await prisma.signInCode.findUnique({ where: { codeHash: sha256(code) }, include: { user: true } });
  if (!row || row.usedAt || row.expiresAt <= new Date() || row.user.disabledAt) return undefined;
  return row;
}

/** Uses a code exactly once (a second use finds it spent) and opens a device session. */
export async function redeemSignInCode(prisma: PrismaClient, code: string, userAgent?: string) {
  const now = new Date();
  const spent = await prisma.signInCode.updateMany({
    where: { codeHash: sha256(code), usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (spent.count !== 1) return undefined;
  const row = await prisma.signInCode.findUniqueOrThrow({ where: { codeHash: sha256(code) }, include: { user: true } });
  if (row.user.disabledAt) return undefined;
  return startSession(prisma, row.user, 'device', userAgent);
}

export async function signOutEverywhere(prisma: PrismaClient, ctx: RequestContext) {
  const count = await revokeAllSessions(prisma, { id: ctx.userId, tenantId: ctx.tenantId });
  await writeAudit(prisma, ctx, { action: 'session.revoke-all', entity: 'User', entityId: ctx.userId, after: { count } });
  return count;
}

export async function listSessions({ prisma }: Pick<Deps, 'prisma'>, ctx: RequestContext, userId: string) {
  const db = tenantDb(prisma, ctx.tenantId);
  if (!(await db.user.findFirst({ where: { id: userId } }))) throw new NotFoundError(nounMessages.user);
  const rows = await db.webSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: 'desc' },
    take: 50,
  });
  return rows.map((s) => ({ id: s.id, kind: s.kind, userAgent: s.userAgent, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt }));
}

export async function revokeUserSessions({ prisma }: Pick<Deps, 'prisma'>, ctx: RequestContext, userId: string) {
  const db = tenantDb(prisma, ctx.tenantId);
  if (!(await db.user.findFirst({ where: { id: userId } }))) throw new NotFoundError(nounMessages.user);
  const count = await revokeAllSessions(prisma, { id: userId, tenantId: ctx.tenantId });
  await writeAudit(prisma, ctx, { action: 'session.revoke-all', entity: 'User', entityId: userId, after: { count } });
  return count;
}

/** A person's own language choice (the switch in the page header). */
export async function setOwnLocale(prisma: PrismaClient, ctx: RequestContext, locale: string) {
  await tenantDb(prisma, ctx.tenantId).user.update({ where: { id: ctx.userId }, data: { locale } });
  await writeAudit(prisma, ctx, { action: 'user.locale', entity: 'User', entityId: ctx.userId, after: { locale } });
}
