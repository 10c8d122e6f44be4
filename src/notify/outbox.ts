import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import type { NotifyMessage } from '../generated/prisma/client.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { resolveLocale, say, t } from '../i18n/index.js';
import { logger } from '../logger.js';
import { jobId } from '../queues/definitions.js';
import type { ChannelKind } from './channels/index.js';
import { M, NA, templateOf } from './messages.js';
import type { TemplateKey } from './messages.js';
import { quietUntil } from './quiet-hours.js';
import { maskRecipient, normalisePhone } from './recipients.js';
import { settingsOf } from './settings-service.js';
import { afterCommit } from '../db/transactions.js';

type D = Pick<Deps, 'prisma' | 'queues'>;

export interface EnqueueInput {
  /** Idempotency key: enqueuing the same key twice writes and sends one message. */
  businessKey: string;
  channel: ChannelKind;
  recipient: string;
  recipientLabel?: string | null;
  template: TemplateKey;
  /** The reader's language; default: the tenant's. */
  locale?: string | null;
  payload: Record<string, string>;
  /** Urgent messages ignore quiet hours and opt-outs (a welfare emergency). */
  urgent?: boolean;
  ref?: { type: string; id: string };
}

export interface Enqueued {
  id: string;
  status: string;
  recipient: string;
  created: boolean;
}

/**
 * The one way any domain sends a message: writes the outbox row (unique per business key, so a
 * retried caller writes nothing new) and queues its notify.send job. A non-urgent message to an
 * opted-out recipient is stored as suppressed; in quiet hours it waits until they end. If Redis is
 * down the row stays queued and the worker's housekeeping queues it later: nothing is lost.
 */
export async function enqueue(d: D, tenantId: string, input: EnqueueInput, now = new Date()): Promise<Enqueued> {
  const tenant = await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timeZone: true, locale: true } });
  const settings = await settingsOf(d, tenantId);
  const db = tenantDb(d.prisma, tenantId);
  const urgent = input.urgent ?? false;
  const recipient = input.channel === 'sms' ? normalisePhone(input.recipient) : input.recipient;
  const optedOut = !urgent && (await db.notifyOptOut.count({ where: { recipient } })) > 0;
  const notBefore = urgent ? null : quietUntil(now, tenant.timeZone, { start: settings.quietStart, end: settings.quietEnd });
  const created = await db.notifyMessage.createMany({
    data: [{
      tenantId, businessKey: input.businessKey, channel: input.channel, recipient, recipientLabel: input.recipientLabel ?? null,
      template: input.template, locale: resolveLocale(input.locale, tenant.locale), payload: input.payload, urgent,
      status: optedOut ? 'suppressed' : 'queued', notBefore, refType: input.ref?.type ?? null, refId: input.ref?.id ?? null,
    }],
    skipDuplicates: true,
  });
  const row = await db.notifyMessage.findFirstOrThrow({ where: { businessKey: input.businessKey } });
  // The send job goes to Redis once the row is committed (a caller's transaction may still be open):
  // a job that ran before the commit would find no row to claim and send nothing.
  if (created.count === 1 && row.status === 'queued') afterCommit(() => dispatch(d, row).then(() => undefined).catch((err) => {
    logger.warn({ messageId: row.id, err: (err as Error).message }, 'notify: could not queue the send job; housekeeping will');
  }));
  return { id: row.id, status: row.status, recipient: maskRecipient(row.recipient), created: created.count === 1 };
}

/**
 * Gives a row a new send job (a new generation of its job id: a finished job of an earlier
 * attempt cannot swallow it). The job id is stored first, so a job that never reached Redis is
 * seen as missing by the housekeeping.
 */
export async function dispatch(d: D, row: Pick<NotifyMessage, 'id' | 'tenantId' | 'notBefore'>, now = new Date()): Promise<string> {
  const id = jobId('notify', row.id, Date.now().toString(36));
  await d.prisma.notifyMessage.update({ where: { id: row.id }, data: { jobId: id } });
  const delay = row.notBefore ? Math.max(0, row.notBefore.getTime() - now.getTime()) : 0;
  await d.queues.add('notify.send', { tenantId: row.tenantId, messageId: row.id }, { jobId: id, delay });
  return id;
}

/** A message as the API and the admin page show it: the recipient masked, no payload. */
export function messageView(m: NotifyMessage) {
  return {
    id: m.id, channel: m.channel, recipient: maskRecipient(m.recipient), recipientLabel: m.recipientLabel, template: m.template,
    locale: m.locale, urgent: m.urgent, status: m.status, attempts: m.attempts, providerMessageId: m.providerMessageId,
    lastError: m.lastError, refType: m.refType, refId: m.refId, notBefore: m.notBefore, sentAt: m.sentAt, reportedAt: m.reportedAt, createdAt: m.createdAt, updatedAt: m.updatedAt,
  };
}

export async function listMessages(d: Pick<Deps, 'prisma'>, ctx: RequestContext, q: { status?: NotifyMessage['status']; limit: number; cursor?: string }) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).notifyMessage.findMany({ where: q.status ? { status: q.status } : {}, ...cursorArgs(q, 'desc') });
  return toPage(rows, q.limit, messageView);
}

/** Messages about one thing (the stops of a welfare alert), oldest first — for timelines. */
export async function messagesAbout(d: Pick<Deps, 'prisma'>, tenantId: string, refType: string, refId: string) {
  const rows = await tenantDb(d.prisma, tenantId).notifyMessage.findMany({ where: { refType, refId }, orderBy: { id: 'asc' } });
  return rows.map(messageView);
}

/** An admin sends a failed or given-up message again (a fresh job with fresh attempts). */
export async function retryMessage(d: D, ctx: RequestContext, id: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const before = await db.notifyMessage.findFirst({ where: { id } });
  if (!before) throw new NotFoundError(NA.nounMessage);
  if (before.status !== 'failed' && before.status !== 'given_up') throw new ConflictError(say(NA.retryOnlyFailed, { status: before.status, statusLabel: say(M[before.status]) }));
  d.queues.assertAvailable();
  const after = await db.$transaction(async (tx) => {
    const updated = await tx.notifyMessage.update({ where: { id }, data: { status: 'queued', notBefore: null, reportedAt: null } });
    await writeAudit(tx, ctx, { action: 'notify.retry', entity: 'NotifyMessage', entityId: id, before: { status: before.status, lastError: before.lastError }, after: { status: updated.status } });
    return updated;
  });
  // After the commit: inside the route's unit of work a write through the base client would wait
  // for this transaction's own row lock. If Redis fails here the row stays queued for housekeeping.
  afterCommit(() => dispatch(d, after).then(() => undefined).catch((err) => {
    logger.warn({ messageId: id, err: (err as Error).message }, 'notify: could not queue the retry; housekeeping will');
  }));
  return messageView(after);
}
