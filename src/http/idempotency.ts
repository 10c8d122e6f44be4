import { createHash } from 'node:crypto';
import type { TenantDb } from '../db/prisma.js';
import type { TransactionOptions } from '../db/transactions.js';
import { UnprocessableError, ValidationError } from './errors.js';
import { say } from '../i18n/index.js';
import { httpMessages as M } from './messages.js';

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
    throw new ValidationError([{ path: 'headers.idempotency-key', message: say(M.idempotencyKeyShape) }]);
  }
  return key;
}

/**
 * Idempotency-Key handling, as one unit of work (src/db/transactions.ts): the key's record, the
 * service call with its audit rows and staged jobs, and the stored answer commit in ONE transaction
 * — or none of them does. So a request that failed anywhere (the service, the database connection,
 * the commit) leaves no trace and its retry runs afresh, and a request that committed has its
 * answer stored: its retry gets that answer, never a second row.
 * A retry while the first is still running waits for its commit on the key's row and then gets its
 * answer (or runs, if the first rolled back). The same key with a different request is refused (422).
 */
export async function withIdempotency(
  db: TenantDb,
  id: { tenantId: string; scope: string; key: string; hash: string },
  run: () => Promise<StoredAnswer>,
  options?: TransactionOptions,
): Promise<StoredAnswer & { replayed: boolean }> {
  const where = { tenantId_scope_key: { tenantId: id.tenantId, scope: id.scope, key: id.key } };
  return db.$transaction(async (tx) => {
    // Blocks while another transaction holds an uncommitted row with this key.
    const reserved = await tx.idempotencyRecord.createMany({
      data: [{ tenantId: id.tenantId, scope: id.scope, key: id.key, requestHash: id.hash, status: IN_PROGRESS, body: {} }],
      skipDuplicates: true,
    });
    if (reserved.count === 0) {
      const existing = await tx.idempotencyRecord.findUnique({ where });
      if (existing && existing.requestHash !== id.hash) {
        throw new UnprocessableError(say(M.idempotencyKeyReused));
      }
      // A committed IN_PROGRESS row is a reservation of the former two-step scheme: take it over.
      if (existing && existing.status !== IN_PROGRESS) return { status: existing.status, body: existing.body, replayed: true };
    }
    const answer = await run();
    await tx.idempotencyRecord.update({ where, data: { status: answer.status, body: answer.body as object } });
    return { ...answer, replayed: false };
  }, options);
}
