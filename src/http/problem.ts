import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, ConflictError, NotFoundError, PayloadTooLargeError, ServiceUnavailableError, ValidationError } from './errors.js';
import { logger } from '../logger.js';
import { type Localized, localize, render, say } from '../i18n/index.js';
import { errorMessages as E, nounMessages } from '../kernel/messages.js';
import { httpMessages as M } from './messages.js';
import { requestLocale } from './locale.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

interface PrismaLikeError {
  code?: string;
  meta?: { target?: unknown; modelName?: string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } };
}

/** Maps library errors (Prisma, body parser) onto AppError so there is one shape on the wire. */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as PrismaLikeError & { type?: string; status?: number; message?: string; expose?: boolean };
  if (e?.code === 'P2002') {
    const fields = e.meta?.target ?? e.meta?.driverAdapterError?.cause?.constraint?.fields;
    return new ConflictError(say(M.uniqueTaken), { fields });
  }
  if (e?.code === 'P2025') return new NotFoundError(e.meta?.modelName ?? 'resource');
  const outage = infrastructureOutage(err);
  if (outage) return new ServiceUnavailableError(outage);
  if (e?.type === 'entity.parse.failed') {
    return new ValidationError([{ path: 'body', message: say(M.bodyNotJson), code: 'invalid_json' }], say(M.bodyNotJson));
  }
  if (e?.type === 'entity.too.large') return new PayloadTooLargeError();
  // The router could not percent-decode a path segment (e.g. the bytes of a lone surrogate).
  if (err instanceof URIError && e.status === 400) {
    return new ValidationError([{ path: 'params', message: say(M.pathNotUtf8), code: 'invalid_text' }]);
  }
  if (e?.type === 'encoding.invalid') {
    return new ValidationError([{ path: 'body', message: say(M.bodyNotUtf8), code: 'invalid_utf8' }], say(M.bodyNotUtf8));
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError(415, 'unsupported-media-type', say(E.unsupportedTitle), say(M.unsupportedCharset));
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose) {
    return new AppError(e.status, 'bad-request', say(E.badRequestTitle), e.message);
  }
  return undefined;
}

/** Prisma codes of a database that is unreachable, dropped the connection or timed out. */
const DATABASE_DOWN = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2034']);
/** PostgreSQL SQLSTATEs of a terminated backend / connection failure / serialization failure. */
const PG_TRANSIENT = /^(57P0[1-3]|08\d{3}|40001|40P01)$/;
const REDIS_DOWN = /Command timed out|Connection is closed|enableOfflineQueue|ECONNREFUSED|ECONNRESET|Redis is (not ready|reconnecting|connecting|end|close)/;

/**
 * A request that failed because the database or Redis went away (or froze) is the service's
 * fault but not a bug: 503 "retry", and — everything being one unit of work — nothing of it was
 * committed unless its answer was stored too (the retry with the same Idempotency-Key gets it).
 */
export function infrastructureOutage(err: unknown): Localized | undefined {
  const seen = new Set<unknown>();
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } } | undefined; e && !seen.has(e); ) {
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (DATABASE_DOWN.has(code) || PG_TRANSIENT.test(code) || /Connection terminated|terminating connection|Transaction already closed|connection error|not queryable|connection.*(closed|lost)/i.test(message)) {
      return say(M.databaseLost);
    }
    if (REDIS_DOWN.test(message)) return say(M.queueDown);
    e = (e.cause ?? e.meta?.driverAdapterError) as typeof e;
  }
  return undefined;
}

/** The problem+json body of an error, every sentence in `locale` (field messages included). */
export function problemBody(err: AppError, instance: string | undefined, locale: string) {
  return {
    type: `/problems/${err.code}`,
    title: render(locale, err.title),
    status: err.status,
    detail: err.detail === undefined ? undefined : render(locale, err.detail),
    ...(instance ? { instance } : {}),
    ...localize(err.extra, locale),
  };
}

/** The one error middleware: problem+json for everything, logs only 5xx with the stack. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = toAppError(err);
  const appError = known ?? new AppError(500, 'internal', say(E.internalTitle), say(E.internalDetail));
  if (!known) (req.log ?? logger).error({ err }, 'unhandled error');
  if (res.headersSent) return;
  if (appError.status === 429 && typeof appError.extra.retryAfter === 'number') res.setHeader('Retry-After', String(appError.extra.retryAfter));
  // The query string may carry secrets or ID numbers (never echo it back); the path is enough.
  const instance = req.originalUrl.split('?')[0];
  res.status(appError.status).type(PROBLEM_CONTENT_TYPE).json({ ...problemBody(appError, instance, requestLocale(req)), requestId: req.id });
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(nounMessages.route, say(M.noRoute, { method: req.method, path: req.path })));
};
