import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express from 'express';
import type { RequestHandler, Router } from 'express';
import type { Queues } from '../queues/queues.js';
import { ForbiddenError } from './errors.js';

const COOKIE = 'ect_admin';

/**
 * Bull Board at /admin/queues, for admins only. A browser cannot send a bearer header when
 * navigating, so `/admin/queues?token=…` stores the token in an HttpOnly cookie scoped to /admin.
 */
export function queueDashboard(queues: Queues, authenticate: RequestHandler): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath('/admin/queues');
  createBullBoard({ queues: queues.all().map((q) => new BullMQAdapter(q)), serverAdapter: adapter });

  const router = express.Router();
  router.use('/admin/queues', (req, res, next) => {
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (token) {
      res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/admin' });
      return res.redirect(req.baseUrl);
    }
    if (!req.headers.authorization) {
      const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
      if (cookie) req.headers.authorization = `Bearer ${decodeURIComponent(cookie.slice(COOKIE.length + 1))}`;
    }
    next();
  });
  router.use('/admin/queues', authenticate, (req, _res, next) => {
    next(req.ctx?.roles.includes('admin') ? undefined : new ForbiddenError('The queue dashboard is for admins.'));
  });
  router.use('/admin/queues', adapter.getRouter());
  return router;
}
