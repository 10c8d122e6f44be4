import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { idParams, pageQuery } from '../../http/common-schemas.js';
import type { RequestContext } from '../../http/context.js';
import { t } from '../../i18n/index.js';
import type { Message } from '../../i18n/index.js';
import { formatLocalDateTime } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { FAILURES, M, TEMPLATE_LABELS } from '../messages.js';
import { listMessages, retryMessage } from '../outbox.js';
import { STATUSES } from '../schemas.js';
import { registerInboxPages } from './inbox-pages.js';

const csrf = (ctx: RequestContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;
const label = (set: Record<string, Message>, key: string, locale: string) => (set[key] ? t(locale, set[key]) : key);
/** A stored failure is '<kind>: <the provider's words>': the kind in the reader's words, the rest as technical detail. */
function failure(lastError: string | null, locale: string): SafeHtml | string {
  if (!lastError) return '';
  const i = lastError.indexOf(': ');
  const prefix = lastError.slice(0, Math.max(i, 0));
  const kind = i > 0 ? (FAILURES as Record<string, Message>)[prefix === 'outcome unknown' ? 'outcomeUnknown' : prefix] : undefined;
  return kind ? html`${t(locale, kind)}<br><small class="muted">${lastError.slice(i + 2)}</small>` : lastError;
}
const TAG: Record<string, string> = { sent: 'ok', delivered: 'ok', failed: 'warn', given_up: 'bad', suppressed: '', queued: '', sending: '' };

const listQuery = z.strictObject({ status: z.enum(STATUSES).optional(), ...pageQuery });

/** The outbox as an admin reads it: newest first, recipients masked, failures with the reason and a retry button. */
async function outboxPage(deps: Deps, ctx: RequestContext, locale: string, q: z.infer<typeof listQuery>, notice?: string) {
  const page = await listMessages(deps, ctx, q);
  const words = M as unknown as Record<string, Message>;
  const filter = html`<nav class="row filters"><a href="/app/admin/notifications">${t(locale, M.filterAll)}</a>
    ${STATUSES.map((s) => html` · <a href="/app/admin/notifications?status=${s}">${label(words, s, locale)}</a>`)}</nav>`;
  const rows: SafeHtml[] = page.items.map((m) => html`<tr data-id="${m.id}" class="msg">
    <td>${formatLocalDateTime(m.createdAt, ctx.timeZone)}</td>
    <td>${label(words, m.channel, locale)}</td>
    <td>${m.recipient}${m.recipientLabel ? html`<br><small class="muted">${m.recipientLabel}</small>` : ''}</td>
    <td>${label(TEMPLATE_LABELS as unknown as Record<string, Message>, m.template, locale)} ${m.urgent ? html`<span class="tag bad">${t(locale, M.urgent)}</span>` : ''}</td>
    <td><span class="tag ${TAG[m.status] ?? ''} status">${m.status === 'failed' && m.reportedAt ? t(locale, M.notDelivered) : label(words, m.status, locale)}</span></td>
    <td>${m.attempts}</td>
    <td><small class="failure">${failure(m.lastError, locale)}</small></td>
    <td>${m.status === 'failed' || m.status === 'given_up'
      ? html`<form method="post" action="/app/admin/notifications/${m.id}/retry">${csrf(ctx)}<button>${t(locale, M.retry)}</button></form>` : ''}</td>
  </tr>`);
  const next = page.nextCursor ? html`<p><a href="/app/admin/notifications?cursor=${page.nextCursor}${q.status ? `&status=${q.status}` : ''}">${t(locale, M.more)}</a></p>` : '';
  return {
    title: t(locale, M.title),
    body: html`<h1>${t(locale, M.title)}</h1><p class="muted">${t(locale, M.intro)}</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${filter}
${rows.length ? html`<table class="outbox"><thead><tr><th>${t(locale, M.when)}</th><th>${t(locale, M.channel)}</th><th>${t(locale, M.recipient)}</th>
<th>${t(locale, M.template)}</th><th>${t(locale, M.status)}</th><th>${t(locale, M.attempts)}</th><th>${t(locale, M.error)}</th><th></th></tr></thead>
<tbody>${rows}</tbody></table>${next}` : html`<p>${t(locale, M.empty)}</p>`}`,
  };
}

export function registerNotifyPages(web: WebRouter, deps: Deps): void {
  registerInboxPages(web, deps);
  web.addNav({ href: '/app/admin/notifications', label: M.title, roles: ['admin'] });
  web.page({ path: '/app/admin/notifications', access: ['admin'], query: listQuery }, ({ ctx, locale, query }) => outboxPage(deps, ctx, locale, query));
  web.action({ path: '/app/admin/notifications/:id/retry', access: ['admin'], params: idParams }, async ({ ctx, locale, params }) => {
    await retryMessage(deps, ctx, params.id);
    return outboxPage(deps, ctx, locale, { limit: 50 }, t(locale, M.retried));
  });
}
