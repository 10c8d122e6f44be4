import type { Role } from '../generated/prisma/enums.js';

/** Who is calling: resolved once per request from the bearer token. */
export interface RequestContext {
  tenantId: string;
  userId: string;
  roles: Role[];
  timeZone: string;
  locale: string;
  requestId: string;
  /** The API token of this request (absent for other sign-ins); tokens it issues become its children. */
  tokenId?: string;
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
