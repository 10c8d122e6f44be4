import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, ConflictError, NotFoundError, PayloadTooLargeError, ValidationError } from './errors.js';
import { logger } from '../logger.js';

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
    return new ConflictError('A record with the same unique value already exists.', { fields });
  }
  if (e?.code === 'P2025') return new NotFoundError(e.meta?.modelName ?? 'resource');
  if (e?.type === 'entity.parse.failed') {
    return new ValidationError([{ path: 'body', message: 'Body is not valid JSON.', code: 'invalid_json' }], 'Body is not valid JSON.');
  }
  if (e?.type === 'entity.too.large') return new PayloadTooLargeError();
  // The router could not percent-decode a path segment (e.g. the bytes of a lone surrogate).
  if (err instanceof URIError && e.status === 400) {
    return new ValidationError([{ path: 'params', message: 'A path segment is not valid percent-encoded UTF-8.', code: 'invalid_text' }]);
  }
  if (e?.type === 'encoding.invalid') {
    return new ValidationError([{ path: 'body', message: 'Body is not valid UTF-8.', code: 'invalid_utf8' }], 'Body is not valid UTF-8.');
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError(415, 'unsupported-media-type', 'Unsupported media type', e.message);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose) {
    return new AppError(e.status, 'bad-request', 'Bad request', e.message);
  }
  return undefined;
}

export function problemBody(err: AppError, instance?: string) {
  return {
    type: `/problems/${err.code}`,
    title: err.title,
    status: err.status,
    detail: err.detail,
    ...(instance ? { instance } : {}),
    ...err.extra,
  };
}

/** The one error middleware: problem+json for everything, logs only 5xx with the stack. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = toAppError(err);
  const appError = known ?? new AppError(500, 'internal', 'Internal server error', 'Something went wrong; the error was logged.');
  if (!known) (req.log ?? logger).error({ err }, 'unhandled error');
  if (res.headersSent) return;
  if (appError.status === 429 && typeof appError.extra.retryAfter === 'number') res.setHeader('Retry-After', String(appError.extra.retryAfter));
  // The query string may carry secrets or ID numbers (never echo it back); the path is enough.
  const instance = req.originalUrl.split('?')[0];
  res.status(appError.status).type(PROBLEM_CONTENT_TYPE).json({ ...problemBody(appError, instance), requestId: req.id });
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError('route', `No route for ${req.method} ${req.path}.`));
};
