import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { logger } from '../logger.js';
import { AppError } from './errors.js';
import { say } from '../i18n/index.js';
import { errorMessages as E } from '../kernel/messages.js';
import { httpMessages as M } from './messages.js';

/**
 * Fixed-window counters in Redis, so a limit holds across every API process. One INCR (+ EXPIRE
 * on the first hit) per check, bounded by a short timeout: a slow or absent Redis never blocks
 * a request — the limiter then fails open and says so in the log (availability over throttling).
 */
export interface HitResult {
  allowed: boolean;
  count: number;
  limit: number;
  /** Seconds until the window resets (what Retry-After carries). */
  retryAfter: number;
}

const COMMAND_TIMEOUT_MS = 150;
/** The limiter's own key space, under the deployment's prefix (set once by the app). */
let keyPrefix = 'eldercare';
export function setRateLimitPrefix(prefix: string): void {
  keyPrefix = prefix;
}

const lastFailOpenLog = new Map<string, number>();
function failOpen(bucket: string, err: unknown, limit: number): HitResult {
  // One line per bucket and 10 s at most: a Redis outage must not flood the log.
  if (Date.now() - (lastFailOpenLog.get(bucket) ?? 0) > 10_000) {
    lastFailOpenLog.set(bucket, Date.now());
    logger.warn({ bucket, err: (err as Error).message }, 'rate limiter unavailable (Redis); failing open');
  }
  return { allowed: true, count: 0, limit, retryAfter: 0 };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

function keyOf(bucket: string, key: string, windowSec: number): { redisKey: string; ttl: number } {
  const now = Math.floor(Date.now() / 1000);
  const window = Math.floor(now / windowSec);
  return { redisKey: `${keyPrefix}:rl:${bucket}:${key}:${window}`, ttl: windowSec - (now % windowSec) };
}

/** Counts one hit of `key` in `bucket`; `allowed` is false once the window holds more than `limit`. */
export async function hit(redis: Redis, bucket: string, key: string, limit: number, windowSec: number): Promise<HitResult> {
  const { redisKey, ttl } = keyOf(bucket, key, windowSec);
  try {
    if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
    const [[, count]] = (await withTimeout(redis.multi().incr(redisKey).expire(redisKey, windowSec + 1, 'NX').exec(), COMMAND_TIMEOUT_MS)) as [[null, number]];
    return { allowed: count <= limit, count, limit, retryAfter: ttl };
  } catch (err) {
    return failOpen(bucket, err, limit);
  }
}

/**
 * Once per interval since the last accepted use (not per clock window): a key set with NX and a
 * TTL, so "once an hour" means an hour after the accepted one, whatever minute it came in.
 * `token` names the accepted use (e.g. a hash of the submitted form): the same use sent again
 * within the interval — a phone re-sending a form whose answer it lost — is told `repeat`, not
 * refused; any other use is refused until the interval has passed.
 */
export async function once(redis: Redis, bucket: string, key: string, intervalSec: number, token?: string): Promise<HitResult & { repeat?: boolean }> {
  const redisKey = `${keyPrefix}:rl:${bucket}:${key}`;
  try {
    if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
    const set = await withTimeout(redis.set(redisKey, token ?? '1', 'EX', intervalSec, 'NX'), COMMAND_TIMEOUT_MS);
    if (set === 'OK') return { allowed: true, count: 1, limit: 1, retryAfter: intervalSec };
    const [[, held], [, ttl]] = (await withTimeout(redis.multi().get(redisKey).ttl(redisKey).exec(), COMMAND_TIMEOUT_MS)) as [[null, string | null], [null, number]];
    return { allowed: false, repeat: token !== undefined && held === token, count: 2, limit: 1, retryAfter: Math.max(1, ttl) };
  } catch (err) {
    return failOpen(bucket, err, 1);
  }
}

/** Reads a counter without counting (to refuse early, e.g. an IP that already failed too often). */
export async function peek(redis: Redis, bucket: string, key: string, limit: number, windowSec: number): Promise<HitResult> {
  const { redisKey, ttl } = keyOf(bucket, key, windowSec);
  try {
    if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
    const count = Number((await withTimeout(redis.get(redisKey), COMMAND_TIMEOUT_MS)) ?? 0);
    return { allowed: count < limit, count, limit, retryAfter: ttl };
  } catch (err) {
    return failOpen(bucket, err, limit);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfter: number) {
    super(429, 'too-many-requests', say(E.tooManyTitle), say(M.tooMany, { seconds: retryAfter }), { retryAfter });
  }
}

/** The client address as Express resolved it (`trust proxy` decides which hop counts). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * Middleware: one hit per request in `bucket`, keyed by `keyOf(req)` (default: client IP);
 * over the limit → 429 problem+json with Retry-After. A key of undefined skips the check.
 */
export function rateLimit(redis: Redis, opts: { bucket: string; limit: number; windowSec: number; keyOf?: (req: Request) => string | undefined }): RequestHandler {
  return async (req, res, next) => {
    const key = (opts.keyOf ?? clientIp)(req);
    if (key === undefined) return next();
    const r = await hit(redis, opts.bucket, key, opts.limit, opts.windowSec);
    if (r.allowed) return next();
    res.setHeader('Retry-After', String(r.retryAfter));
    next(new TooManyRequestsError(r.retryAfter));
  };
}

/**
 * Wraps an authentication middleware: a client IP that failed `limit` times in the window is
 * refused with 429 before its token is even looked up, and every failure (401) counts — so a
 * guesser gets ~limit tries per window whatever the number of processes.
 */
export function throttleFailures(redis: Redis, auth: RequestHandler, opts: { bucket: string; limit: number; windowSec: number }): RequestHandler {
  return async (req, res, next) => {
    const ip = clientIp(req);
    const seen = await peek(redis, opts.bucket, ip, opts.limit, opts.windowSec);
    if (!seen.allowed) return next(new TooManyRequestsError(seen.retryAfter));
    auth(req, res, (err?: unknown) => {
      if ((err as { status?: number } | undefined)?.status !== 401) return next(err);
      hit(redis, opts.bucket, ip, opts.limit, opts.windowSec).then(() => next(err), () => next(err));
    });
  };
}
