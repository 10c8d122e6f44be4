import { isUtf8 } from 'node:buffer';
import express from 'express';
import { pinoHttp } from 'pino-http';
import type { Deps } from './deps.js';
import type { Modules } from './kernel/modules.js';
import { logger, scrub } from './logger.js';
import { ApiRouter } from './http/api-router.js';
import { authenticate } from './http/auth.js';
import { docsRouter } from './http/docs.js';
import { buildOpenApi } from './http/openapi.js';
import { notFoundHandler, problemHandler } from './http/problem.js';
import { queueDashboard } from './http/queue-dashboard.js';
import { requestId } from './http/request-id.js';
import { setRateLimitPrefix, throttleFailures } from './http/rate-limit.js';
import { cors, securityHeaders } from './http/security-headers.js';
import { registerAllRoutes } from './routes.js';
import { registerAllPages } from './pages.js';
import { createWebRouter, webErrorHandler } from './web/index.js';
import compression from 'compression';

/**
 * Builds the Express app from its dependencies and the modules (src/modules.ts); it does not
 * listen (server.ts does, tests use supertest).
 */
export function buildApp(deps: Deps, modules: Modules) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // Only id, method and a scrubbed URL; headers (Authorization, Cookie, Set-Cookie) are never logged.
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: scrub(String(req.url)) }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );
  app.use(securityHeaders({ tileUrl: deps.config.TILE_URL }));
  app.use(cors(deps.config.CORS_ORIGINS));
  setRateLimitPrefix(deps.config.QUEUE_PREFIX);
  // Pages and JSON travel over slow village links: gzip everything compressible.
  app.use(compression());
  // Bytes that are not UTF-8 would be decoded to U+FFFD and stored silently changed: refuse them.
  app.use(express.json({ limit: deps.config.BODY_LIMIT, verify: rejectInvalidUtf8 }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // ok/fail only: error text names hosts and ports, which is nobody's business outside (the log has it).
    const checks = { postgres: 'ok', redis: 'ok' } as Record<string, string>;
    const fail = (what: 'postgres' | 'redis') => (e: Error) => {
      checks[what] = 'fail';
      logger.warn({ err: e.message }, `readiness: ${what} failed`);
    };
    await deps.prisma.$queryRaw`SELECT 1`.catch(fail('postgres'));
    await deps.redis.ping().catch(fail('redis'));
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks });
  });

  const auth = throttleFailures(deps.redis, authenticate(deps.prisma), {
    bucket: 'auth-fail', limit: deps.config.RATE_LIMIT_AUTH_FAILURES, windowSec: deps.config.RATE_LIMIT_WINDOW_SECONDS,
  });
  const api = new ApiRouter(deps.prisma, auth);
  registerAllRoutes(api, deps, modules);

  const openapi = buildOpenApi(api.routes, { title: 'Eldercare scheduling API', version: '0.1.0' });
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(docsRouter());
  app.use(queueDashboard(deps.queues, deps.redis, deps.config));
  const web = createWebRouter(deps.prisma);
  registerAllPages(web, deps, modules);
  app.use(web.router);
  app.use(api.router);
  app.use(notFoundHandler);
  app.use(webErrorHandler(web));
  app.use(problemHandler);
  return app;
}

function rejectInvalidUtf8(_req: unknown, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf)) throw Object.assign(new Error('The body is not valid UTF-8.'), { type: 'encoding.invalid', status: 400 });
}
