import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams, page, pageQuery } from '../http/common-schemas.js';
import { resolveLocale } from '../i18n/index.js';
import type { Deps } from '../deps.js';
import { listMessages, retryMessage } from './outbox.js';
import { inbox, markAllRead, markRead, unreadCount } from './inbox.js';
import { messageListQuery, messageSchema, optOutBody, settingsBody, settingsSchema, subscriptionBody, subscriptionSchema } from './schemas.js';
import { registerReceiptRoutes } from './receipt-routes.js';
import { addOptOut, listSubscriptions, removeOptOut, settingsOf, subscribe, unsubscribe, updateSettings } from './settings-service.js';

const tags = ['notify'];
const inboxItem = z.object({ id: z.uuid(), template: z.string(), urgent: z.boolean(), text: z.string(), refType: z.string().nullable(), refId: z.string().nullable(), createdAt: z.date(),
  readAt: z.date().nullable().describe('When the caller read it; null: unread') });
const inboxAccess = ['kitchen_manager', 'driver', 'hospital_coordinator', 'care_aide', 'canteen_operator'] as const;
const unreadAnswer = z.object({ unread: z.number().int() });
const optOutAnswer = z.object({ recipient: z.string().nullable().describe('Masked'), optedOut: z.boolean() });

/** The outbox (admins), channel settings (admins), opt-outs and family subscriptions (kitchen managers). */
export function registerNotifyRoutes(api: ApiRouter, deps: Deps): void {
  registerReceiptRoutes(api, deps);
  api.add({ method: 'get', path: '/notify/messages', summary: 'The outbox: every message sent, newest first (recipients masked)', tags, access: ['admin'],
    query: messageListQuery, responses: { 200: { description: 'A page of messages', schema: page(messageSchema) } } },
  async ({ ctx, query }) => ({ body: await listMessages(deps, ctx, query) }));
  api.add({ method: 'post', path: '/notify/messages/:id/retry', summary: 'Send a failed or given-up message again', tags, access: ['admin'], params: idParams,
    idempotent: true, responses: { 200: { description: 'The message, queued again', schema: messageSchema } } },
  async ({ ctx, params }) => ({ body: await retryMessage(deps, ctx, params.id) }));

  api.add({ method: 'get', path: '/notify/inbox', summary: 'In-app messages to the caller or their role (the kitchen office’s welfare steps, a driver’s new routes)', tags,
    access: [...inboxAccess], query: z.strictObject(pageQuery),
    responses: { 200: { description: 'A page of messages, newest first', schema: page(inboxItem) } } },
  async ({ ctx, query }) => ({ body: await inbox(deps, ctx, query, resolveLocale(ctx.locale)) }));
  api.add({ method: 'get', path: '/notify/inbox/unread', summary: 'How many in-app messages the caller has not read', tags, access: [...inboxAccess],
    responses: { 200: { description: 'Unread count', schema: unreadAnswer } } },
  async ({ ctx }) => ({ body: { unread: await unreadCount(deps, ctx) } }));
  api.add({ method: 'post', path: '/notify/inbox/read-all', summary: 'Mark every in-app message of the caller read', tags, access: [...inboxAccess],
    responses: { 200: { description: 'Marked', schema: unreadAnswer.extend({ marked: z.number().int() }) } } },
  async ({ ctx }) => ({ body: await markAllRead(deps, ctx) }));
  api.add({ method: 'post', path: '/notify/inbox/:id/read', summary: 'Mark one in-app message of the caller read (another person’s message: 404)', tags, access: [...inboxAccess],
    params: idParams, responses: { 200: { description: 'Marked', schema: unreadAnswer.extend({ id: z.uuid() }) } } },
  async ({ ctx, params }) => ({ body: await markRead(deps, ctx, params.id) }));

  api.add({ method: 'get', path: '/notify/settings', summary: 'Quiet hours and channel settings (secret references only)', tags, access: ['admin'],
    responses: { 200: { description: 'Settings', schema: settingsSchema } } },
  async ({ ctx }) => ({ body: await settingsOf(deps, ctx.tenantId) }));
  api.add({ method: 'put', path: '/notify/settings', summary: 'Change quiet hours and channels (SMS provider, robots, webhook, groups)', tags, access: ['admin'],
    body: settingsBody, responses: { 200: { description: 'Settings', schema: settingsSchema } } },
  async ({ ctx, body }) => ({ body: await updateSettings(deps, ctx, body) }));

  api.add({ method: 'post', path: '/notify/opt-outs', summary: 'A recipient wants no non-urgent messages (urgent welfare steps still go out)', tags,
    access: ['kitchen_manager'], body: optOutBody, responses: { 200: { description: 'Opted out', schema: optOutAnswer } } },
  async ({ ctx, body }) => ({ body: await addOptOut(deps, ctx, body.recipient) }));
  api.add({ method: 'post', path: '/notify/opt-outs/remove', operationId: 'removeNotifyOptOut', summary: 'The recipient wants messages again', tags,
    access: ['kitchen_manager'], body: optOutBody, responses: { 200: { description: 'Opted in', schema: optOutAnswer } } },
  async ({ ctx, body }) => ({ body: await removeOptOut(deps, ctx, body.recipient) }));

  api.add({ method: 'post', path: '/notify/subscriptions', summary: 'A family member opts in to notices about a person (meal on its way, could not reach)', tags,
    access: ['kitchen_manager'], body: subscriptionBody, responses: { 200: { description: 'Subscription', schema: subscriptionSchema } } },
  async ({ ctx, body }) => ({ body: await subscribe(deps, ctx, body) }));
  api.add({ method: 'get', path: '/notify/subscriptions', summary: 'Who gets family notices (about one person, or all; phones masked)', tags, access: ['kitchen_manager'],
    query: z.strictObject({ subjectId: z.uuid().optional(), ...pageQuery }), responses: { 200: { description: 'A page of subscriptions', schema: page(subscriptionSchema) } } },
  async ({ ctx, query }) => ({ body: await listSubscriptions(deps, ctx, query) }));
  api.add({ method: 'delete', path: '/notify/subscriptions/:id', summary: 'Stop a family member’s notices', tags, access: ['kitchen_manager'], params: idParams,
    responses: { 204: { description: 'Removed' } } },
  async ({ ctx, params }) => {
    await unsubscribe(deps, ctx, params.id);
    return { status: 204 };
  });
}
