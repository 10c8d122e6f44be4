import { UnrecoverableError } from 'bullmq';
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { t } from '../i18n/index.js';
import { logger } from '../logger.js';
import { channelFor } from './channels/index.js';
import type { ChannelKind } from './channels/index.js';
import { ChannelError } from './channels/types.js';
import { templateOf } from './messages.js';
import { dispatch } from './outbox.js';
import { maskRecipient } from './recipients.js';
import { settingsOf } from './settings-service.js';

type D = Pick<Deps, 'prisma' | 'queues' | 'config'>;

/**
 * The notify.send job. Claims the row (queued/failed → sending, attempts + 1) in one conditional
 * update before talking to the provider: a duplicate or retried job that finds it claimed, sent
 * or given up does nothing, so a message is never sent twice by us. Retryable failures (rate
 * limit, timeout, 5xx) mark it failed and throw for BullMQ's back-off; a rejected number, a
 * missing setting or the last attempt give it up. Logs show the recipient masked, never the text.
 */
export async function sendMessage(d: D, tenantId: string, messageId: string, job: { id?: string; lastAttempt: boolean }, now = new Date()) {
  const db = tenantDb(d.prisma, tenantId);
  const row = await db.notifyMessage.findFirst({ where: { id: messageId } });
  if (!row) return { skipped: 'message gone' };
  if (row.status !== 'queued' && row.status !== 'failed') return { skipped: row.status };
  // The provider reported it undelivered at the handset: sending again is a person's decision (admin retry).
  if (row.reportedAt) return { skipped: 'undelivered by the provider\'s report' };
  if (row.jobId && job.id && row.jobId !== job.id) return { skipped: 'superseded by a newer job' };
  if (!row.urgent) {
    if (row.notBefore && row.notBefore > now) {
      await dispatch(d, row, now); // quiet hours began after it was queued (or the job ran early)
      return { deferred: row.notBefore };
    }
    if (await db.notifyOptOut.count({ where: { recipient: row.recipient } })) {
      await db.notifyMessage.update({ where: { id: row.id }, data: { status: 'suppressed' } });
      return { suppressed: true };
    }
  }
  const claimed = await db.notifyMessage.updateMany({
    where: { id: row.id, status: { in: ['queued', 'failed'] }, attempts: row.attempts },
    data: { status: 'sending', attempts: { increment: 1 }, claimedAt: now },
  });
  if (claimed.count !== 1) return { skipped: 'claimed by another job' };
  const log = { messageId: row.id, channel: row.channel, recipient: maskRecipient(row.recipient), template: row.template, attempt: row.attempts + 1 };
  try {
    const settings = await settingsOf(d, tenantId);
    const template = templateOf(row.template);
    if (!template) throw new ChannelError('misconfigured', `unknown template ${row.template}`);
    const params = Object.fromEntries(Object.entries((row.payload ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const channel = channelFor(row.channel as ChannelKind, settings.channels, d.config.NOTIFY_TIMEOUT_MS);
    const result = await channel.send({ id: row.id, recipient: row.recipient, template: row.template, text: t(row.locale, template, params), params, urgent: row.urgent });
    const at = new Date();
    await db.notifyMessage.update({
      where: { id: row.id },
      data: { status: result.delivered ? 'delivered' : 'sent', providerMessageId: result.providerMessageId, sentAt: at, deliveredAt: result.delivered ? at : null, lastError: null },
    });
    logger.info(log, 'notify: sent');
    return { sent: true, providerMessageId: result.providerMessageId };
  } catch (err) {
    const e = err instanceof ChannelError ? err : new ChannelError('unavailable', (err as Error).message);
    const giveUp = !e.retryable || job.lastAttempt;
    await db.notifyMessage.update({ where: { id: row.id }, data: { status: giveUp ? 'given_up' : 'failed', lastError: `${e.kind}: ${e.message}`.slice(0, 500) } });
    logger.warn({ ...log, failure: e.kind, code: e.providerCode, givingUp: giveUp }, 'notify: send failed');
    if (giveUp) throw new UnrecoverableError(`${e.kind}: ${e.message}`);
    throw e;
  }
}
