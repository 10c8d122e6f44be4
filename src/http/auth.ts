import { createHash, randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { PrismaClient } from '../db/prisma.js';
import { UnauthorizedError } from './errors.js';

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

/** Resolves `Authorization: Bearer <token>` into req.ctx, or answers 401. */
export function authenticate(prisma: PrismaClient): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(new UnauthorizedError());
    const token = await prisma.apiToken.findUnique({
      where: { tokenHash: hashToken(match[1]) },
      include: { user: { include: { tenant: true } }, parent: { select: { revokedAt: true, expiresAt: true } } },
    });
    const now = new Date();
    const dead = (t: { revokedAt: Date | null; expiresAt: Date | null } | null) => Boolean(t && (t.revokedAt || (t.expiresAt && t.expiresAt <= now)));
    // A child token dies with its parent (revocation also cascades; this covers a parent that expired).
    if (!token || dead(token) || dead(token.parent) || token.user.disabledAt) {
      return next(new UnauthorizedError('The token is unknown, expired or revoked.'));
    }
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
      prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } }).catch(() => {});
    }
    req.ctx = {
      tenantId: token.user.tenantId,
      userId: token.userId,
      // A token restricted to some roles uses only those its user still has.
      roles: token.roles.length ? token.user.roles.filter((r) => token.roles.includes(r)) : token.user.roles,
      tokenId: token.id,
      timeZone: token.user.tenant.timeZone,
      locale: token.user.tenant.locale,
      requestId: String(req.id),
    };
    next();
  };
}
