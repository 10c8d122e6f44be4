import { createHash, randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { PrismaClient } from '../db/prisma.js';
import { resolveLocale, say } from '../i18n/index.js';
import { httpMessages as M } from './messages.js';
import type { RequestContext } from './context.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';
import { isCrossSite, sameToken, sessionOf } from './sessions.js';

const TOKEN_PREFIX = 'ect_';

/** A new random API token; only its sha256 is stored. */
export function generateToken(): { secret: string; hash: string; prefix: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: hashToken(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 6) };
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Refresh lastUsedAt at most once a minute per token, to keep reads cheap. */
const LAST_USED_GRANULARITY_MS = 60_000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function fromBearer(prisma: PrismaClient, req: Request, secret: string): Promise<RequestContext> {
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    include: { user: { include: { tenant: true } }, parent: { select: { revokedAt: true, expiresAt: true } } },
  });
  const now = new Date();
  const dead = (t: { revokedAt: Date | null; expiresAt: Date | null } | null) => Boolean(t && (t.revokedAt || (t.expiresAt && t.expiresAt <= now)));
  // A child token dies with its parent (revocation also cascades; this covers a parent that expired).
  if (!token || dead(token) || dead(token.parent) || token.user.disabledAt) {
    throw new UnauthorizedError(say(M.tokenDead));
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } }).catch(() => {});
  }
  const { user } = token;
  return {
    tenantId: user.tenantId, userId: token.userId, timeZone: user.tenant.timeZone,
    // A token restricted to some roles uses only those its user still has.
    roles: token.roles.length ? user.roles.filter((r) => token.roles.includes(r)) : user.roles,
    locale: resolveLocale(user.locale, user.tenant.locale), requestId: String(req.id), via: 'token',
    displayName: user.displayName, tokenId: token.id,
  };
}

/**
 * The session cookie of the web layer. Writes need the session's CSRF token (header
 * X-CSRF-Token, or the `_csrf` field of a form) and must not come from another site.
 */
async function fromSession(prisma: PrismaClient, req: Request): Promise<RequestContext | undefined> {
  const session = await sessionOf(prisma, req);
  if (!session) return undefined;
  if (!SAFE_METHODS.has(req.method)) {
    const sent = req.get('x-csrf-token') ?? (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined);
    if (isCrossSite(req) || !sameToken(sent, session.csrfToken)) {
      throw new ForbiddenError(say(M.formExpired));
    }
  }
  const { user } = session;
  return {
    tenantId: user.tenantId, userId: user.id, roles: user.roles, timeZone: user.tenant.timeZone,
    locale: resolveLocale(user.locale, user.tenant.locale), requestId: String(req.id), via: 'session',
    displayName: user.displayName, sessionId: session.id, csrfToken: session.csrfToken,
  };
}

/** Resolves `Authorization: Bearer <token>` (integrations) or the session cookie (people) into req.ctx. */
export function authenticate(prisma: PrismaClient): RequestHandler {
  return async (req, _res, next) => {
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      const ctx = match ? await fromBearer(prisma, req, match[1]) : await fromSession(prisma, req);
      if (!ctx) return next(new UnauthorizedError());
      req.ctx = ctx;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * Like authenticate, but a request without a session goes on without req.ctx (public pages).
 * A write whose CSRF token is missing goes on signed-out too, with the refusal kept in
 * res.locals.csrfError for pages that need a session (public forms such as sign-in still work).
 */
export function optionalSession(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    try {
      const ctx = await fromSession(prisma, req);
      if (ctx) req.ctx = ctx;
      next();
    } catch (err) {
      if (!(err instanceof ForbiddenError)) return next(err);
      res.locals.csrfError = err;
      next();
    }
  };
}
