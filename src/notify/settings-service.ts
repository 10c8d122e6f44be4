import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { NotFoundError } from '../http/errors.js';
import { NA } from './messages.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import { maskPhone } from '../privacy.js';
import { channelSettingsSchema } from './schemas.js';
import type { ChannelSettings } from './schemas.js';
import { normalisePhone } from './recipients.js';
import { personExists } from '../people/read.js';

export interface NotifySettingsView {
  quietStart: string | null;
  quietEnd: string | null;
  channels: ChannelSettings;
  /** Where the configured SMS provider pushes delivery reports; null until an admin creates the callback. */
  receiptCallbackPath: string | null;
}

const EMPTY: NotifySettingsView = { quietStart: null, quietEnd: null, channels: channelSettingsSchema.parse({}), receiptCallbackPath: null };

/** The tenant's settings (defaults when never changed). Stored channels are re-parsed, so defaults apply. */
export async function settingsOf(d: Pick<Deps, 'prisma'>, tenantId: string): Promise<NotifySettingsView> {
  const row = await tenantDb(d.prisma, tenantId).notifySettings.findFirst({});
  if (!row) return EMPTY;
  const channels = channelSettingsSchema.safeParse(row.channels);
  const sms = channels.success ? channels.data.sms : undefined;
  const receiptCallbackPath = row.receiptCallbackId && sms ? `/notify/receipts/${sms.provider}/${row.receiptCallbackId}` : null;
  return { quietStart: row.quietStart, quietEnd: row.quietEnd, channels: channels.success ? channels.data : EMPTY.channels, receiptCallbackPath };
}

/** Changes quiet hours and/or channels (only secret references are stored, never keys). */
export async function updateSettings(d: Pick<Deps, 'prisma'>, ctx: RequestContext, body: { quietStart?: string | null; quietEnd?: string | null; channels?: ChannelSettings }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.notifySettings.findFirst({});
    const data = {
      ...(body.quietStart !== undefined ? { quietStart: body.quietStart, quietEnd: body.quietEnd ?? null } : {}),
      ...(body.channels ? { channels: body.channels } : {}),
    };
    const after = await tx.notifySettings.upsert({ where: { tenantId: ctx.tenantId }, create: { tenantId: ctx.tenantId, ...data }, update: data });
    await writeAudit(tx, ctx, { action: 'notify.settings', entity: 'NotifySettings', entityId: after.id, before, after });
  });
  return settingsOf(d, ctx.tenantId);
}

/** The recipient no longer wants non-urgent messages (idempotent). */
export async function addOptOut(d: Pick<Deps, 'prisma'>, ctx: RequestContext, recipient: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const r = normalisePhone(recipient);
  await db.$transaction(async (tx) => {
    const created = await tx.notifyOptOut.createMany({ data: [{ tenantId: ctx.tenantId, recipient: r }], skipDuplicates: true });
    if (created.count) await writeAudit(tx, ctx, { action: 'notify.opt-out', entity: 'NotifyOptOut', entityId: null, after: { recipient: maskPhone(r) } });
  });
  return { recipient: maskPhone(r), optedOut: true };
}

export async function removeOptOut(d: Pick<Deps, 'prisma'>, ctx: RequestContext, recipient: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const r = normalisePhone(recipient);
  await db.$transaction(async (tx) => {
    const gone = await tx.notifyOptOut.deleteMany({ where: { recipient: r } });
    if (gone.count) await writeAudit(tx, ctx, { action: 'notify.opt-in', entity: 'NotifyOptOut', entityId: null, before: { recipient: maskPhone(r) } });
  });
  return { recipient: maskPhone(r), optedOut: false };
}

const subscriptionView = (s: { id: string; subjectId: string; phone: string; name: string; topics: string[]; locale: string | null }) =>
  ({ id: s.id, subjectId: s.subjectId, phone: maskPhone(s.phone) ?? '', name: s.name, topics: s.topics, locale: s.locale });

/** A family member opts in to notices about a person (same phone again: topics replaced). */
export async function subscribe(d: Pick<Deps, 'prisma'>, ctx: RequestContext, b: { subjectId: string; phone: string; name: string; topics: string[]; locale?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (!(await personExists(db, b.subjectId))) throw new NotFoundError(NA.nounPerson);
  const phone = normalisePhone(b.phone);
  return db.$transaction(async (tx) => {
    const data = { name: b.name, topics: [...new Set(b.topics)], locale: b.locale ?? null };
    const s = await tx.notifySubscription.upsert({
      where: { tenantId_subjectId_phone: { tenantId: ctx.tenantId, subjectId: b.subjectId, phone } },
      create: { tenantId: ctx.tenantId, subjectId: b.subjectId, phone, ...data }, update: data,
    });
    await writeAudit(tx, ctx, { action: 'notify.subscribe', entity: 'NotifySubscription', entityId: s.id, after: subscriptionView(s) });
    return subscriptionView(s);
  });
}

/** Family subscriptions, about one person or all, a cursor page at a time. */
export async function listSubscriptions(d: Pick<Deps, 'prisma'>, ctx: RequestContext, q: { subjectId?: string; limit: number; cursor?: string }) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).notifySubscription.findMany({ where: q.subjectId ? { subjectId: q.subjectId } : {}, ...cursorArgs(q) });
  return toPage(rows, q.limit, subscriptionView);
}

export async function unsubscribe(d: Pick<Deps, 'prisma'>, ctx: RequestContext, id: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.notifySubscription.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(NA.nounSubscription);
    await tx.notifySubscription.delete({ where: { id } });
    await writeAudit(tx, ctx, { action: 'notify.unsubscribe', entity: 'NotifySubscription', entityId: id, before: subscriptionView(before) });
  });
}

/** Who opted in to a topic about a person (raw phones: for sending only). */
export async function subscribersOf(d: Pick<Deps, 'prisma'>, tenantId: string, subjectId: string, topic: string) {
  return tenantDb(d.prisma, tenantId).notifySubscription.findMany({ where: { subjectId, topics: { has: topic } }, orderBy: { id: 'asc' } });
}
