import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db/prisma.js';
import { ConflictError, UnprocessableError, ValidationError } from './errors.js';

/** A reservation older than this is considered abandoned (its request crashed mid-way). */
const STALE_RESERVATION_MS = 60_000;
const IN_PROGRESS = 0;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export function checkKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new ValidationError([{ path: 'headers.idempotency-key', message: 'Must be 1–200 visible ASCII characters.' }]);
  }
  return key;
}

/**
 * Idempotency-Key handling: the first request reserves the key, runs, and stores its answer;
 * a retry with the same key and the same request gets the stored answer; the same key with a
 * different request is refused (422); a retry while the first is still running gets 409.
 */
export async function withIdempotency(
  prisma: PrismaClient,
  id: { tenantId: string; scope: string; key: string; hash: string },
  run: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const where = { tenantId_scope_key: { tenantId: id.tenantId, scope: id.scope, key: id.key } };
  const reserved = await prisma.idempotencyRecord.createMany({
    data: [{ tenantId: id.tenantId, scope: id.scope, key: id.key, requestHash: id.hash, status: IN_PROGRESS, body: {} }],
    skipDuplicates: true,
  });
  if (reserved.count === 0) {
    const existing = await prisma.idempotencyRecord.findUnique({ where });
    if (existing) {
      if (existing.requestHash !== id.hash) {
        throw new UnprocessableError('This Idempotency-Key was already used for a different request.');
      }
      if (existing.status !== IN_PROGRESS) return { status: existing.status, body: existing.body, replayed: true };
      if (Date.now() - existing.createdAt.getTime() < STALE_RESERVATION_MS) {
        // `inProgress` tells an outbox this 409 is worth retrying (a business 409 is final).
        throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly.', { inProgress: true });
      }
      await prisma.idempotencyRecord.update({ where, data: { createdAt: new Date() } });
    }
  }
  try {
    const answer = await run();
    await prisma.idempotencyRecord.update({ where, data: { status: answer.status, body: answer.body as object } });
    return { ...answer, replayed: false };
  } catch (err) {
    // A failed attempt must not pin the key: the client may retry it.
    await prisma.idempotencyRecord.delete({ where }).catch(() => {});
    throw err;
  }
}
