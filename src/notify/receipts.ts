import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { NotFoundError } from '../http/errors.js';
import { NA } from './messages.js';
import { hit, peek, TooManyRequestsError } from '../http/rate-limit.js';
import { logger } from '../logger.js';
import { maskRecipient, normalisePhone } from './recipients.js';
import { sourceAllowed } from './receipt-sources.js';
import { channelSettingsSchema } from './schemas.js';

/*
 * SMS delivery reports (回执). The providers push them to a URL set once in their console:
 *   Aliyun SmsReport (HTTP 批量推送): a JSON array of {phone_number, send_time, report_time, success,
 *     err_code, err_msg, sms_size, biz_id, out_id}; biz_id is SendSms's BizId; answer {code: 0, msg}.
 *   Tencent Cloud 短信下发状态回调: a JSON array of {user_receive_time, nationcode, mobile,
 *     report_status: SUCCESS|FAIL, errmsg, description, sid}; sid is SendSms's SerialNo; answer {result: 0, errmsg: "OK"}.
 * Both may hold several reports and may be pushed again (non-200, timeout): applying one is idempotent.
 * Objects are loose on purpose: providers add fields (out_id, ext) and an unknown one must not lose a report.
 */
const text = (max: number) => z.string().max(max);
export const aliyunReportBody = z
  .array(
    z.looseObject({
      biz_id: text(100).min(1),
      success: z.boolean(),
      err_code: text(100).optional(),
      err_msg: text(500).optional(),
      phone_number: text(30).optional(),
      send_time: text(40).optional(),
      report_time: text(40).optional(),
      out_id: text(100).optional(),
    }),
  )
  .max(1000);
export const tencentReportBody = z
  .array(
    z.looseObject({
      sid: text(100).min(1),
      report_status: z.enum(['SUCCESS', 'FAIL']),
      errmsg: text(100).optional(),
      description: text(500).optional(),
      mobile: text(30).optional(),
      nationcode: text(8).optional(),
      user_receive_time: text(40).optional(),
    }),
  )
  .max(1000);

export type ReceiptProvider = 'aliyun' | 'tencent';
interface Report {
  providerMessageId: string;
  delivered: boolean;
  code: string;
  message: string;
  phone?: string;
}

export const fromAliyun = (body: z.infer<typeof aliyunReportBody>): Report[] =>
  body.map((r) => ({
    providerMessageId: r.biz_id,
    delivered: r.success,
    code: r.err_code ?? '',
    message: r.err_msg ?? '',
    phone: r.phone_number,
  }));
export const fromTencent = (body: z.infer<typeof tencentReportBody>): Report[] =>
  body.map((r) => ({
    providerMessageId: r.sid,
    delivered: r.report_status === 'SUCCESS',
    code: r.errmsg ?? '',
    message: r.description ?? '',
    phone: r.mobile,
  }));

/** A report's number, when it carries a whole one, must be the message's (a masked 138****0001 proves nothing). */
const samePhone = (reported: string | undefined, recipient: string) =>
  !reported || !/^\+?\d{6,15}$/.test(reported) || normalisePhone(reported) === normalisePhone(recipient);

/**
 * Applies reports to one tenant's SMS messages, matched by the provider's message id within that
 * tenant only. Only a `sent` message changes: SUCCESS → delivered, FAIL → failed with the
 * provider's code (not retried automatically; an admin may). A repeated push, a report for a
 * message already delivered, an unknown id or another tenant's id changes nothing.
 */
export async function applyReports(d: Pick<Deps, 'prisma'>, tenantId: string, reports: Report[], now = new Date()) {
  const db = tenantDb(d.prisma, tenantId);
  const ids = [...new Set(reports.map((r) => r.providerMessageId))];
  const rows = ids.length
    ? await db.notifyMessage.findMany({
        where: { channel: 'sms', providerMessageId: { in: ids } },
        select: { id: true, recipient: true, providerMessageId: true },
      })
    : [];
  const counts = { delivered: 0, failed: 0, ignored: 0 };
  for (const r of reports) {
    const row = rows.find((m) => m.providerMessageId === r.providerMessageId && samePhone(r.phone, m.recipient));
    const data = r.delivered
      ? { status: 'delivered' as const, deliveredAt: now, reportedAt: now }
      : {
          status: 'failed' as const,
          reportedAt: now,
          lastError: `receipt: ${[r.code, r.message].filter(Boolean).join(' ') || 'undelivered'}`.slice(0, 500),
        };
    const changed = row
      ? (await db.notifyMessage.updateMany({ where: { id: row.id, status: 'sent' }, data })).count
      : 0;
    if (!changed) {
      counts.ignored++;
      continue;
    }
    counts[r.delivered ? 'delivered' : 'failed']++;
    logger.info(
      { messageId: row!.id, recipient: maskRecipient(row!.recipient), delivered: r.delivered, code: r.code },
      'notify: delivery report',
    );
  }
  return counts;
}

const REFUSED = 'notify-receipt-refused';

/**
 * A provider's push: the callback id names the tenant, and the request must come from an address
 * on that tenant's allow-list for the provider it configured. Every refusal looks the same (404),
 * so neither ids nor allow-lists can be probed, and an address refused too often gets 429.
 */
export async function receiveReports(
  d: Pick<Deps, 'prisma' | 'redis' | 'config'>,
  provider: ReceiptProvider,
  callbackId: string,
  ip: string | undefined,
  reports: Report[],
) {
  const { RATE_LIMIT_AUTH_FAILURES: limit, RATE_LIMIT_WINDOW_SECONDS: window } = d.config;
  const key = ip ?? 'unknown';
  const before = await peek(d.redis, REFUSED, key, limit, window);
  if (!before.allowed) throw new TooManyRequestsError(before.retryAfter);
  const settings = await d.prisma.notifySettings.findUnique({
    where: { receiptCallbackId: callbackId },
    select: { tenantId: true, channels: true },
  });
  const sms = settings ? channelSettingsSchema.safeParse(settings.channels).data?.sms : undefined;
  if (!settings || sms?.provider !== provider || !sourceAllowed(ip, sms.receiptAllowFrom)) {
    await hit(d.redis, REFUSED, key, limit, window);
    logger.warn({ provider, known: !!settings, ip }, 'notify: delivery report refused');
    throw new NotFoundError(NA.nounReceiptCallback);
  }
  return applyReports(d, settings.tenantId, reports);
}

/** A new callback id for the tenant (the old URL stops working at once); the admin sets the URL in the provider console. */
export async function rotateReceiptCallback(d: Pick<Deps, 'prisma'>, ctx: RequestContext) {
  const id = randomBytes(24).toString('base64url');
  await tenantDb(d.prisma, ctx.tenantId).$transaction(async (tx) => {
    const before = await tx.notifySettings.findFirst({ select: { receiptCallbackId: true } });
    await tx.notifySettings.upsert({
      where: { tenantId: ctx.tenantId },
      create: { tenantId: ctx.tenantId, receiptCallbackId: id },
      update: { receiptCallbackId: id },
    });
    await writeAudit(tx, ctx, {
      action: 'notify.receipt-callback',
      entity: 'NotifySettings',
      entityId: null,
      before: { hadCallback: !!before?.receiptCallbackId },
      after: { rotated: true },
    });
  });
  return receiptPaths(id);
}

export const receiptPaths = (id: string | null) => ({
  aliyun: id ? `/notify/receipts/aliyun/${id}` : null,
  tencent: id ? `/notify/receipts/tencent/${id}` : null,
});
