/**
 * The notify domain's public API — the only thing other domains import. They say what to tell
 * whom (a phone, a user, a named group, the subscribers of a person); the outbox, channels, quiet
 * hours, opt-outs and retries stay inside src/notify.
 */
import type { Deps } from '../deps.js';
import { enqueue, messagesAbout } from './outbox.js';
import type { EnqueueInput, Enqueued } from './outbox.js';
import type { GroupName } from './schemas.js';
import { settingsOf, subscribersOf } from './settings-service.js';
import { tenantDb } from '../db/prisma.js';
import { tenantAdmins } from '../tenancy/read.js';

export type { EnqueueInput, Enqueued } from './outbox.js';
export type { TemplateKey } from './messages.js';
export type { GroupName } from './schemas.js';

type D = Pick<Deps, 'prisma' | 'queues'>;

/** Tells a named group (kitchen office, community office) through the channel the tenant chose for it; null when none is set up. */
async function toGroup(d: D, tenantId: string, group: GroupName, input: Omit<EnqueueInput, 'channel' | 'recipient'>): Promise<Enqueued | null> {
  const { channels } = await settingsOf(d, tenantId);
  const channel = channels.groups[group] ?? (group === 'office' ? 'in_app' : undefined);
  if (!channel) return null;
  return enqueue(d, tenantId, { ...input, channel, recipient: channel === 'in_app' ? 'role:kitchen_manager' : `group:${group}` });
}

/**
 * The one rule for "and by SMS as well": the tenant's SMS provider has an approved template for the
 * message (Chinese providers send nothing else; without one the send would only fail as misconfigured).
 */
async function smsReady(d: D, tenantId: string, template: string): Promise<boolean> {
  const { channels } = await settingsOf(d, tenantId);
  return Boolean(channels.sms?.templates[template]);
}

/**
 * Tells one staff member (a care aide, a driver) the way staff are reached: always in their in-app
 * inbox (`user:<id>`), and by SMS as well when they have a phone number and SMS is ready for the
 * message (smsReady). Each channel is its own outbox row under `<businessKey>.<channel>`, so a caller
 * that runs again sends nothing twice. Returns the messages written (or found).
 */
async function toUser(
  d: D, tenantId: string, user: { id: string; phone?: string | null; locale?: string | null; label?: string | null },
  input: Omit<EnqueueInput, 'channel' | 'recipient' | 'recipientLabel' | 'locale'>,
): Promise<Enqueued[]> {
  const common = { ...input, recipientLabel: user.label ?? null, locale: user.locale ?? null };
  const sent = [await enqueue(d, tenantId, { ...common, businessKey: `${input.businessKey}.in_app`, channel: 'in_app', recipient: `user:${user.id}` })];
  if (user.phone && (await smsReady(d, tenantId, input.template))) {
    sent.push(await enqueue(d, tenantId, { ...common, businessKey: `${input.businessKey}.sms`, channel: 'sms', recipient: user.phone }));
  }
  return sent;
}

/** Family members who opted in to a topic about a person. */
async function subscribers(d: Pick<Deps, 'prisma'>, tenantId: string, subjectId: string, topic: 'meal_on_way' | 'not_reached') {
  return (await subscribersOf(d, tenantId, subjectId, topic)).map((s) => ({ phone: s.phone, name: s.name, locale: s.locale }));
}

/**
 * Tells the tenant's admins: in-app to the admin role always, and an SMS to each admin with a
 * phone when SMS is ready for the message (smsReady). Keys are `<businessKey>.in_app` and
 * `<businessKey>.sms.<userId>`, so a caller that runs again sends nothing twice. Called inside the
 * caller's transaction, the rows commit (or not) with the caller's change.
 */
async function toAdmins(d: D, tenantId: string, input: Omit<EnqueueInput, 'channel' | 'recipient' | 'recipientLabel' | 'locale'>): Promise<Enqueued[]> {
  const sent = [await enqueue(d, tenantId, { ...input, businessKey: `${input.businessKey}.in_app`, channel: 'in_app', recipient: 'role:admin', recipientLabel: 'admin' })];
  if (!(await smsReady(d, tenantId, input.template))) return sent;
  for (const a of await tenantAdmins(tenantDb(d.prisma, tenantId))) {
    if (!a.phone) continue;
    sent.push(await enqueue(d, tenantId, { ...input, businessKey: `${input.businessKey}.sms.${a.id}`, channel: 'sms', recipient: a.phone, recipientLabel: a.displayName, locale: a.locale }));
  }
  return sent;
}

export const notify = { enqueue, toGroup, toUser, toAdmins, subscribers, messagesAbout };
