import { z } from 'zod';
import type { Deps } from '../../deps.js';
import type { Role } from '../../generated/prisma/enums.js';
import { idParams, pageQuery } from '../../http/common-schemas.js';
import type { RequestContext } from '../../http/context.js';
import { t } from '../../i18n/index.js';
import { formatLocalDateTime } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { inbox, markAllRead, markRead, unreadCount } from '../inbox.js';
import { IM, M } from '../messages.js';

const EVERYONE: Role[] = [
  'admin',
  'kitchen_manager',
  'driver',
  'canteen_operator',
  'hospital_coordinator',
  'care_aide',
  'auditor',
];
const csrf = (ctx: RequestContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}" />`;
const listQuery = z.strictObject(pageQuery);

/** The person's inbox: newest first, unread ones marked with a button each, and one to mark all read. */
async function inboxPage(deps: Deps, ctx: RequestContext, locale: string, q: z.infer<typeof listQuery>) {
  const [page, unread] = await Promise.all([inbox(deps, ctx, q, locale), unreadCount(deps, ctx)]);
  const items = page.items.map(
    (m) =>
      html`<li class="msg ${m.readAt ? 'read' : 'unread'}" data-id="${m.id}">
        ${m.urgent ? html`<span class="tag bad">${t(locale, M.urgent)}</span> ` : ''}<span
          class="tag ${m.readAt ? '' : 'warn'} state"
          >${t(locale, m.readAt ? IM.read : IM.unread)}</span
        >
        <small class="muted">${formatLocalDateTime(m.createdAt, ctx.timeZone)}</small>
        <p class="text">${m.text}</p>
        ${m.readAt ? '' : html`<form method="post" action="/app/inbox/${m.id}/read">${csrf(ctx)}<button>${t(locale, IM.markRead)}</button></form>`}
      </li>`,
  );
  const next = page.nextCursor
    ? html`<p><a href="/app/inbox?cursor=${page.nextCursor}">${t(locale, IM.more)}</a></p>`
    : '';
  return {
    title: t(locale, IM.title),
    body: html`<h1>${t(locale, IM.title)}</h1>
      <p class="muted">${t(locale, IM.intro)}</p>
      <p class="unread-summary" role="status">
        ${unread ? t(locale, IM.unreadCount, { count: String(unread) }) : t(locale, IM.allRead)}
      </p>
      ${unread ? html`<form method="post" action="/app/inbox/read-all">${csrf(ctx)}<button>${t(locale, IM.markAllRead)}</button></form>` : ''}
      ${
        items.length
          ? html`<ul class="inbox">
                ${items}
              </ul>
              ${next}`
          : html`<p>${t(locale, IM.empty)}</p>`
      }`,
  };
}

export function registerInboxPages(web: WebRouter, deps: Deps): void {
  web.addNav({ href: '/app/inbox', label: IM.title, roles: EVERYONE, badge: (ctx) => unreadCount(deps, ctx) });
  web.page({ path: '/app/inbox', access: 'any', query: listQuery }, ({ ctx, locale, query }) =>
    inboxPage(deps, ctx, locale, query),
  );
  web.action({ path: '/app/inbox/read-all', access: 'any' }, async ({ ctx }) => {
    await markAllRead(deps, ctx);
    return { redirect: '/app/inbox' };
  });
  web.action({ path: '/app/inbox/:id/read', access: 'any', params: idParams }, async ({ ctx, params }) => {
    await markRead(deps, ctx, params.id);
    return { redirect: '/app/inbox' };
  });
}
