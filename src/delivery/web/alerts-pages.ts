import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { idParams } from '../../http/common-schemas.js';
import type { RequestContext } from '../../http/context.js';
import { t } from '../../i18n/index.js';
import { formatLocalDateTime } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { MANAGERS } from '../setup/http-setup.js';
import { resolveBody } from '../schemas-plans.js';
import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from '../welfare/welfare-service.js';
import { AM } from './board-messages.js';

export const ALERTS_PATH = '/app/desk/alerts';
type Alert = Awaited<ReturnType<typeof getAlert>>;

const csrf = (ctx: RequestContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;
const STATUS_LABEL = { open: AM.statusOpen, acknowledged: AM.statusAcknowledged, resolved: AM.statusResolved } as const;
const STATUS_TONE = { open: 'bad', acknowledged: 'warn', resolved: 'ok' } as const;
/** Open before in-hand (someone still has to pick it up), then oldest first within each. */
const RANK = { open: 0, acknowledged: 1, resolved: 2 } as const;

const inboxQuery = z.strictObject({
  status: z.enum(['resolved']).optional(),
  done: z.uuid().optional().describe('The alert just acknowledged or resolved (a notice after the redirect).'),
  what: z.enum(['acknowledged', 'resolved']).optional(),
});

function tel(phone: string | null | undefined): SafeHtml | string {
  return phone ? html`<a class="tel" href="tel:${phone.replace(/[^\d+]/g, '')}">${phone}</a>` : '';
}

function alertCard(ctx: RequestContext, locale: string, a: Alert, names: Map<string, string>): SafeHtml {
  const when = (d: Date | null) => (d ? formatLocalDateTime(d, ctx.timeZone) : '');
  const notify = a.notify as { role: string; name?: string | null; relation?: string | null; phone: string | null }[];
  const calls = notify.map((n) => html`<li>${t(locale, n.role === 'grid_worker' ? AM.gridWorker : AM.emergencyContact)}：<b>${n.name ?? ''}</b>${n.relation ? html` <span class="muted">(${n.relation})</span>` : ''}${tel(n.phone)}</li>`);
  return html`
<article class="card alert-card st-${a.status}" data-alert-id="${a.id}">
  <h2>${a.name} <span class="tag ${STATUS_TONE[a.status]}">${t(locale, STATUS_LABEL[a.status])}</span> ${a.livesAlone ? html`<span class="tag warn">${t(locale, AM.livesAlone)}</span>` : ''}</h2>
  <p>${a.address ?? ''}</p>
  <p>${t(locale, AM.notHomeAt, { time: when(a.notHomeAt), no: a.routeNo })}</p>
  ${a.driverNote ? html`<p>${t(locale, AM.driverNote, { note: a.driverNote })}</p>` : ''}
  ${a.accessNotes ? html`<p>${t(locale, AM.accessNotes, { note: a.accessNotes })}</p>` : ''}
  <h3>${t(locale, AM.whoToCall)}</h3>
  <ul class="call-list">
    ${a.phone ? html`<li>${t(locale, AM.elder)}：<b>${a.name}</b>${tel(a.phone)}</li>` : ''}
    ${calls}
  </ul>
  ${!a.phone && !calls.length ? html`<p class="error">${t(locale, AM.nobodyToCall)}</p>` : ''}
  ${a.status === 'acknowledged' ? html`<p class="muted">${t(locale, AM.acknowledgedBy, { time: when(a.acknowledgedAt), name: names.get(a.acknowledgedBy ?? '') ?? '' })}</p>` : ''}
  ${a.status === 'resolved' ? html`<p>${t(locale, AM.resolvedBy, { time: when(a.resolvedAt), name: names.get(a.resolvedBy ?? '') ?? '', note: a.resolutionNote ?? '' })}</p>` : ''}
  ${a.status === 'open' ? html`<form method="post" action="${ALERTS_PATH}/${a.id}/acknowledge">${csrf(ctx)}<button class="primary">${t(locale, AM.acknowledge)}</button></form>` : ''}
  ${a.status !== 'resolved' ? html`<form method="post" action="${ALERTS_PATH}/${a.id}/resolve" class="stack">${csrf(ctx)}
    <label>${t(locale, AM.resolveNote)}<textarea name="note" required maxlength="1000" placeholder="${t(locale, AM.resolvePlaceholder)}"></textarea></label>
    <button>${t(locale, AM.resolve)}</button></form>` : ''}
</article>`;
}

/**
 * The welfare alerts inbox: a not-home door the driver could not resolve becomes a card with
 * whom to call (full numbers: kitchen managers see them, as welfare-service decides), "I'm on
 * it", and closing with a note. Plain forms, so it works on any browser without script.
 */
export function registerAlertPages(web: WebRouter, deps: Deps): void {
  web.addNav({ href: ALERTS_PATH, label: AM.nav, roles: [...MANAGERS] });

  web.page({ path: ALERTS_PATH, access: [...MANAGERS], query: inboxQuery }, async ({ ctx, locale, query }) => {
    // Everything still open (a township has a handful a day); of the resolved, the latest 100.
    const page = query.status ? await listAlerts(deps, ctx, { status: 'resolved', limit: 100 }, 'desc') : await listAlerts(deps, ctx, { limit: 500 });
    const alerts = query.status ? page.items : [...page.items].sort((a, b) => RANK[a.status] - RANK[b.status]);
    const userIds = [...new Set(alerts.flatMap((a) => [a.acknowledgedBy, a.resolvedBy]).filter((id): id is string => !!id))];
    const users = await tenantDb(deps.prisma, ctx.tenantId).user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    let notice: string | undefined;
    if (query.done && query.what) {
      const done = await getAlert(deps, ctx, query.done).catch(() => undefined);
      if (done) notice = t(locale, query.what === 'resolved' ? AM.resolvedOk : AM.acknowledgedOk, { name: done.name });
    }
    const title = t(locale, AM.title);
    return {
      title,
      styles: ['delivery/board.css'],
      body: html`<h1>${title}</h1>
<p class="muted">${t(locale, AM.intro)}</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p><a href="${query.status ? ALERTS_PATH : `${ALERTS_PATH}?status=resolved`}">${t(locale, query.status ? AM.showOpen : AM.showResolved)}</a></p>
<div id="alerts">${alerts.length ? alerts.map((a) => alertCard(ctx, locale, a, names)) : html`<p class="card">${t(locale, AM.none)}</p>`}</div>`,
    };
  });

  web.action({ path: `${ALERTS_PATH}/:id/acknowledge`, access: [...MANAGERS], params: idParams }, async ({ ctx, params }) => {
    await acknowledgeAlert(deps, ctx, params.id);
    return { redirect: `${ALERTS_PATH}?done=${params.id}&what=acknowledged` };
  });

  web.action({ path: `${ALERTS_PATH}/:id/resolve`, access: [...MANAGERS], params: idParams, body: resolveBody }, async ({ ctx, params, body }) => {
    await resolveAlert(deps, ctx, params.id, body.note);
    return { redirect: `${ALERTS_PATH}?done=${params.id}&what=resolved` };
  });
}
