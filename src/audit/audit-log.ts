import type { RequestContext } from '../http/context.js';

/** Anything with an auditLog delegate: the base client, a tenant-scoped client or a transaction. */
interface AuditWriter {
  auditLog: { create(args: { data: AuditRow }): Promise<unknown> };
}

interface AuditRow {
  tenantId: string;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: object;
  after?: object;
  requestId: string | null;
}

/** Who acted: a user through the API, or the system (a job) for a tenant. */
export type Actor = Pick<RequestContext, 'tenantId' | 'userId' | 'requestId'> | { tenantId: string; userId: string | null; requestId?: null };

function plain(value: unknown): object | undefined {
  return value === undefined || value === null ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Writes one audit-log row (who, when, what, before/after). Call it inside the same
 * transaction as the change it describes, so a change never lands without its trail.
 */
export async function writeAudit(
  db: AuditWriter,
  actor: Actor,
  entry: { action: string; entity: string; entityId?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await db.auditLog.create({
    data: {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: plain(entry.before),
      after: plain(entry.after),
      requestId: actor.requestId ?? null,
    },
  });
}
