import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { idParams } from '../../http/common-schemas.js';
import type { RequestContext } from '../../http/context.js';
import { t } from '../../i18n/index.js';
import { formatLocalDateTime, today } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { VM } from '../messages.js';
import { kindLabel, monthReport } from '../report-service.js';
import { UNIT_ROLES, resolveSchema, monthQuery } from '../schemas.js';
import { listTickets, stepTicket, unitFilter } from '../ticket-service.js';

const UNITS = UNIT_ROLES;
const csrf = (ctx: RequestContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;
const rate = (v: number | null) => (v === null ? '—' : `${v}%`);

/** The units' inbox of residents' reports, and the monthly satisfaction report. */
export function registerVoiceStaffPages(web: WebRouter, deps: Deps): void {
  web.addNav({ href: '/app/voice/tickets', label: VM.nav, roles: [...UNITS, 'auditor'] });

  web.page({ path: '/app/voice/tickets', access: [...UNITS, 'auditor'] }, async ({ ctx, locale }) => {
    const tickets = await listTickets(deps, ctx, {});
    const open = tickets.filter((x) => x.status === 'new' || x.status === 'reopened' || x.status === 'accepted');
    const closed = tickets.filter((x) => !open.includes(x)).slice(0, 50);
    const act = !ctx.roles.includes('auditor') || ctx.roles.length > 1;
    const card = (x: (typeof tickets)[number]) => html`<article class="card ticket-card ${x.overdue ? 'overdue' : ''}" data-ticket="${x.id}">
  <h3>${t(locale, VM[`cat_${x.category}`])} · ${x.unitName} <span class="tag">${t(locale, VM[`status_${x.status}`])}</span>
    ${x.overdue ? html`<span class="tag warn">${t(locale, VM.overdue)}</span>` : ''}${x.escalatedAt ? html`<span class="tag warn">${t(locale, VM.escalated)}</span>` : ''}</h3>
  <p>${x.description}</p>
  <p class="muted">${x.serviceDate ?? ''} · ${t(locale, VM.dueBy, { at: formatLocalDateTime(new Date(x.status === 'accepted' ? x.resolveDueAt : x.acceptDueAt), ctx.timeZone) })}</p>
  ${x.resolution ? html`<p>${t(locale, VM.resolution)}：${x.resolution}</p>` : ''}
  ${act && (x.status === 'new' || x.status === 'reopened') ? html`<form method="post" action="/app/voice/tickets/${x.id}/accept">${csrf(ctx)}<button class="primary">${t(locale, VM.accept)}</button></form>` : ''}
  ${act && x.status === 'accepted' ? html`<form method="post" action="/app/voice/tickets/${x.id}/resolve" class="stack">${csrf(ctx)}
    <label>${t(locale, VM.resolution)}<textarea name="resolution" required maxlength="1000" rows="2"></textarea></label><button class="primary">${t(locale, VM.resolve)}</button></form>` : ''}
</article>`;
    return {
      title: t(locale, VM.ticketsTitle), styles: ['voice/voice.css'],
      body: html`<h1>${t(locale, VM.ticketsTitle)}</h1>
<p><a href="/app/voice/report?month=${today(ctx.timeZone).slice(0, 7)}">${t(locale, VM.reportTitle, { month: today(ctx.timeZone).slice(0, 7) })}</a></p>
${open.length ? open.map(card) : html`<p class="card muted">${t(locale, VM.noTickets)}</p>`}
${closed.length ? html`<details><summary>${t(locale, VM.status_resolved)} / ${t(locale, VM.status_confirmed)} (${closed.length})</summary>${closed.map(card)}</details>` : ''}`,
    };
  });

  for (const action of ['accept', 'resolve'] as const) {
    web.action({ path: `/app/voice/tickets/:id/${action}`, access: UNITS, params: idParams, body: action === 'resolve' ? resolveSchema : undefined },
      async ({ ctx, params, body }) => {
        const scope = await unitFilter(tenantDb(deps.prisma, ctx.tenantId), ctx);
        await stepTicket(deps, ctx, ctx.locale, params.id, action, (body ?? {}) as { resolution?: string }, scope);
        return { redirect: '/app/voice/tickets' };
      });
  }

  web.page({ path: '/app/voice/report', access: ['kitchen_manager', 'hospital_coordinator'], query: monthQuery.partial() }, async ({ ctx, locale, query }) => {
    const month = query.month ?? today(ctx.timeZone).slice(0, 7);
    const report = await monthReport(deps, ctx, month);
    const title = t(locale, VM.reportTitle, { month });
    return {
      title, styles: ['voice/voice.css'],
      body: html`<h1>${title}</h1>
<form method="get" class="row no-print"><label>${t(locale, VM.month)}<input type="month" name="month" value="${month}"></label><button>${t(locale, VM.show)}</button>
  <a href="/voice/report.csv?month=${month}">${t(locale, VM.downloadCsv)}</a></form>
<table class="voice-table" id="voice-report"><thead><tr><th>${t(locale, VM.colKind)}</th><th>${t(locale, VM.colUnit)}</th><th class="n">${t(locale, VM.colRatings)}</th>
<th class="n">${t(locale, VM.colMean)}</th><th class="n">${t(locale, VM.colSatisfaction)}</th><th class="n">${t(locale, VM.colTickets)}</th>
<th class="n">${t(locale, VM.colResponse)}</th><th class="n">${t(locale, VM.colResolved)}</th></tr></thead>
<tbody>${report.rows.map((r) => html`<tr data-id="${r.id}"><td>${kindLabel(locale, r.kind)}</td><td>${r.name}</td><td class="n">${r.ratings}</td>
<td class="n">${r.meanTenths === null ? '—' : (r.meanTenths / 10).toFixed(1)}</td><td class="n">${rate(r.satisfactionPct)}</td><td class="n">${r.tickets}</td>
<td class="n">${rate(r.acceptedInTimePct)}</td><td class="n">${rate(r.resolvedInTimePct)}</td></tr>`)}</tbody></table>`,
    };
  });
}
