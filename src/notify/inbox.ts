import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import type { RequestContext } from '../http/context.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import { NotFoundError } from '../http/errors.js';
import { t } from '../i18n/index.js';
import { NA, templateOf } from './messages.js';

type D = Pick<Deps, 'prisma'>;
type Reader = Pick<RequestContext, 'tenantId' | 'userId' | 'roles'>;

/** What reaches a person in-app: messages to them (`user:<id>`) or to one of their roles (`role:kitchen_manager`). */
const addressedTo = (ctx: Reader) => ({
  channel: 'in_app',
  recipient: { in: [`user:${ctx.userId}`, ...ctx.roles.map((r) => `role:${r}`)] },
});

/**
 * The caller's in-app inbox, newest first, as sentences in the reader's language, each marked read
 * or unread for this person (a message to a role is read by each of its people on their own).
 */
export async function inbox(d: D, ctx: Reader, q: { limit: number; cursor?: string }, locale: string) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).notifyMessage.findMany({
    where: addressedTo(ctx),
    include: { reads: { where: { userId: ctx.userId }, select: { readAt: true } } },
    ...cursorArgs(q, 'desc'),
  });
  return toPage(rows, q.limit, (m) => {
    const template = templateOf(m.template);
    const params = Object.fromEntries(
      Object.entries((m.payload ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
    return {
      id: m.id,
      template: m.template,
      urgent: m.urgent,
      text: template ? t(locale, template, params) : m.template,
      refType: m.refType,
      refId: m.refId,
      createdAt: m.createdAt,
      readAt: m.reads[0]?.readAt ?? null,
    };
  });
}

/** How many in-app messages the caller has not read (the number beside 消息 in the header). */
export async function unreadCount(d: D, ctx: Reader): Promise<number> {
  return tenantDb(d.prisma, ctx.tenantId).notifyMessage.count({
    where: { ...addressedTo(ctx), reads: { none: { userId: ctx.userId } } },
  });
}

/**
 * Marks one message of the caller's inbox read (idempotent: the first read time stays). A message
 * not addressed to the caller is not found. Not audited: it is the reader's own bookmark, not data.
 */
export async function markRead(d: D, ctx: Reader, messageId: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const message = await db.notifyMessage.findFirst({
    where: { id: messageId, ...addressedTo(ctx) },
    select: { id: true },
  });
  if (!message) throw new NotFoundError(NA.nounMessage);
  await db.notifyInboxRead.createMany({
    data: [{ tenantId: ctx.tenantId, messageId, userId: ctx.userId }],
    skipDuplicates: true,
  });
  return { id: messageId, unread: await unreadCount(d, ctx) };
}

/** Marks every message of the caller's inbox read. */
export async function markAllRead(d: D, ctx: Reader) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const unread = await db.notifyMessage.findMany({
    where: { ...addressedTo(ctx), reads: { none: { userId: ctx.userId } } },
    select: { id: true },
    take: 10_000,
  });
  await db.notifyInboxRead.createMany({
    data: unread.map((m) => ({ tenantId: ctx.tenantId, messageId: m.id, userId: ctx.userId })),
    skipDuplicates: true,
  });
  return { marked: unread.length, unread: await unreadCount(d, ctx) };
}
