import type { Role } from '../generated/prisma/enums.js';

/** Who is calling: resolved once per request from the bearer token or the session cookie. */
export interface RequestContext {
  tenantId: string;
  userId: string;
  roles: Role[];
  timeZone: string;
  locale: string;
  requestId: string;
  /** How the caller signed in: an API token (integrations) or a browser session (people). */
  via?: 'token' | 'session';
  displayName?: string;
  tokenId?: string;
  sessionId?: string;
  /** The session's CSRF token, rendered into pages for their forms and fetches. */
  csrfToken?: string;
}

export function hasRole(ctx: RequestContext, ...roles: Role[]): boolean {
  return ctx.roles.some((r) => roles.includes(r));
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      ctx?: RequestContext;
    }
  }
}
