import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { PrismaClient } from '../db/prisma.js';
import type { WebSession, WebSessionKind } from '../generated/prisma/client.js';

/**
 * Browser sessions for people (the web layer). The cookie carries a random secret that is not
 * an API token: only its sha256 is stored, it works only with a CSRF token on writes, and it
 * expires when idle. Password sessions are short-lived (a desk); device sessions, made by a
 * one-time link on a driver's or aide's phone, are long-lived until revoked.
 */
export const SESSION_COOKIE = 'ect_sid';

export const SESSION_RULES: Record<WebSessionKind, { idleMs: number; absoluteMs: number }> = {
  password: { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 },
  device: { idleMs: 30 * 86_400_000, absoluteMs: 90 * 86_400_000 },
};

/** lastSeenAt is refreshed at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export async function createSession(
  prisma: PrismaClient,
  user: { id: string; tenantId: string },
  kind: WebSessionKind,
  userAgent?: string,
): Promise<{ secret: string; session: WebSession }> {
  const secret = randomSecret();
  const session = await prisma.webSession.create({
    data: {
      tenantId: user.tenantId, userId: user.id, kind, secretHash: sha256(secret), csrfToken: randomSecret(24),
      userAgent: userAgent?.slice(0, 300), expiresAt: new Date(Date.now() + SESSION_RULES[kind].absoluteMs),
    },
  });
  return { secret, session };
}

export function isLive(session: Pick<WebSession, 'kind' | 'lastSeenAt' | 'expiresAt' | 'revokedAt'>, now = new Date()): boolean {
  if (session.revokedAt || session.expiresAt <= now) return false;
  return now.getTime() - session.lastSeenAt.getTime() <= SESSION_RULES[session.kind].idleMs;
}

/** Reads one cookie from the header (no cookie-parser needed for one value). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(/;\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === name) return decodeURIComponent(part.slice(eq + 1));
  }
  return undefined;
}

/** The live session named by the request's cookie, with its user and tenant; touches lastSeenAt. */
export async function sessionOf(prisma: PrismaClient, req: Request) {
  const secret = readCookie(req, SESSION_COOKIE);
  if (!secret || secret.length > 100) return undefined;
  const session = await prisma.webSession.findUnique({
    where: { secretHash: sha256(secret) },
    include: { user: { include: { tenant: true } } },
  });
  const now = new Date();
  if (!session || !isLive(session, now) || session.user.disabledAt) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.webSession.update({ where: { id: session.id }, data: { lastSeenAt: now } }).catch(() => {});
  }
  return session;
}

export function setSessionCookie(req: Request, res: Response, secret: string, kind: WebSessionKind): void {
  res.cookie(SESSION_COOKIE, secret, {
    httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: SESSION_RULES[kind].absoluteMs,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A state-changing request from a browser must come from our own pages (Fetch Metadata + Origin). */
export function isCrossSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.get('origin');
  if (origin && origin !== 'null') {
    try {
      return new URL(origin).host !== req.get('host');
    } catch {
      return true;
    }
  }
  return false;
}

export async function revokeSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.webSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** "Sign out everywhere": every session of the user ends now. */
export async function revokeAllSessions(prisma: PrismaClient, user: { id: string; tenantId: string }): Promise<number> {
  const r = await prisma.webSession.updateMany({
    where: { tenantId: user.tenantId, userId: user.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return r.count;
}
