import { createHash, timingSafeEqual } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express from 'express';
import type { RequestHandler, Router } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Queues } from '../queues/queues.js';
import { AppError, UnauthorizedError } from './errors.js';
import { throttleFailures } from './rate-limit.js';
import { say } from '../i18n/index.js';
import { httpMessages as M } from './messages.js';

export const DASHBOARD_PATH = '/admin/queues';

type OperatorConfig = Pick<Config, 'OPERATOR_USER' | 'OPERATOR_PASSWORD_HASH' | 'OPERATOR_TOKEN_SHA256'>;

export function operatorConfigured(c: OperatorConfig): boolean {
  return Boolean((c.OPERATOR_USER && c.OPERATOR_PASSWORD_HASH) || c.OPERATOR_TOKEN_SHA256);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The platform operator's credential, separate from every tenant: HTTP Basic (user + argon2
 * hash; a browser asks for it natively, so no token ever travels in a URL or a cookie) or a
 * bearer token compared by its sha256. A tenant's API token is never accepted here.
 */
export function operatorAuth(c: OperatorConfig): RequestHandler {
  const challenge = (res: express.Response) => res.setHeader('WWW-Authenticate', 'Basic realm="eldercare operator", charset="UTF-8"');
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    try {
      if (basic && c.OPERATOR_USER && c.OPERATOR_PASSWORD_HASH) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const user = decoded.slice(0, colon);
        const password = decoded.slice(colon + 1);
        if (colon > 0 && sameSecret(user, c.OPERATOR_USER) && (await verify(c.OPERATOR_PASSWORD_HASH, password))) return next();
      }
      if (bearer && c.OPERATOR_TOKEN_SHA256) {
        if (sameSecret(createHash('sha256').update(bearer[1]).digest('hex'), c.OPERATOR_TOKEN_SHA256)) return next();
      }
    } catch {
      // A malformed hash or header is a failed sign-in, not a 500.
    }
    challenge(res);
    next(new UnauthorizedError(say(M.operatorOnly)));
  };
}

/**
 * Bull Board at /admin/queues: it sees and changes the jobs of every tenant, so it belongs to the
 * platform operator only (tenant admins have the read-only GET /jobs of their own tenant).
 * Not configured → 404 with a sentence saying how to enable it.
 */
export function queueDashboard(queues: Queues, redis: Redis, config: Config): Router {
  const router = express.Router();
  if (!operatorConfigured(config)) {
    router.use(DASHBOARD_PATH, (_req, _res, next) => {
      next(new AppError(404, 'dashboard-disabled', say(M.dashboardDisabledTitle), say(M.dashboardDisabled)));
    });
    return router;
  }
  const adapter = new ExpressAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: queues.all().map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  const guard = throttleFailures(redis, operatorAuth(config), {
    bucket: 'operator-auth', limit: config.RATE_LIMIT_AUTH_FAILURES, windowSec: config.RATE_LIMIT_WINDOW_SECONDS,
  });
  router.use(DASHBOARD_PATH, guard, adapter.getRouter());
  return router;
}
