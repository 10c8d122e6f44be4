import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { idParams, pageQuery } from '../../http/common-schemas.js';
import { NotFoundError } from '../../http/errors.js';
import { t } from '../../i18n/index.js';
import { tenantDb } from '../../db/prisma.js';
import { html } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { DateTime } from 'luxon';
import { yuan } from '../../subsidy/explain.js';
import { findingFilter } from '../audit-routes.js';
import { listCanteens } from '../canteen-service.js';
import { acknowledgeFinding, getFinding, listFindings } from '../findings-service.js';
import { evidenceText, KINDS, kindLabel, SEVERITIES, severityLabel } from '../finding-words.js';
import { ruleText, slotLabel } from '../labels.js';
import { dinerSelect, mealView } from '../meal-view.js';
import { AM } from './audit-messages.js';
import { registerStatementPage } from './statement-page.js';
import { CN } from '../messages.js';

const DESK = '/app/canteen/audit';
/** A GET form sends empty fields for "any": drop them before the API's own filter schema. */
const dropEmpty = (v: unknown) => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')) : v);
const deskQuery = z.preprocess(dropEmpty, z.strictObject({ ...findingFilter, ...pageQuery }));

/**
 * The auditors' desk (SPEC §5): findings filtered by kind, severity, canteen, person and date, the
 * evidence in words, acknowledge with a note, the meals behind each finding, and the monthly
 * settlement statement to sign. Server-rendered forms: it works without script.
 */
export function registerAuditPages(web: WebRouter, deps: Deps): void {
  web.addNav({ href: DESK, label: AM.nav, roles: ['auditor'] });

  web.page({ path: DESK, access: ['auditor'], query: deskQuery }, async ({ ctx, locale, query, req }) => {
    const [page, canteens] = await Promise.all([listFindings(deps, ctx, query), listCanteens(deps, ctx)]);
    const qs = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const csvQuery = new URLSearchParams(Object.entries(query).filter(([k, v]) => v !== undefined && k !== 'limit' && k !== 'cursor') as [string, string][]);
    const next = new URLSearchParams({ ...Object.fromEntries(csvQuery), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) });
    const option = (value: string, label: string, current?: string) => html`<option value="${value}" ${value === current ? 'selected' : ''}>${label}</option>`;
    const personName = query.personId ? page.items.find((f) => f.person?.id === query.personId)?.person?.name ?? query.personId : null;
    const when = (at: Date | null) => (at ? DateTime.fromJSDate(at, { zone: ctx.timeZone }).toFormat('yyyy-MM-dd HH:mm') : '');
    return {
      title: t(locale, AM.title),
      styles: ['canteen/audit.css'],
      body: html`
<h1>${t(locale, AM.title)}</h1>
<form method="get" action="${DESK}" class="card audit-filters" aria-label="${t(locale, AM.filters)}">
  <div class="row">
    <label>${t(locale, AM.kind)}<select name="kind">${option('', t(locale, AM.any))}${Object.keys(KINDS).map((k) => option(k, kindLabel(locale, k), query.kind))}</select></label>
    <label>${t(locale, AM.severity)}<select name="severity">${option('', t(locale, AM.any))}${Object.keys(SEVERITIES).map((k) => option(k, severityLabel(locale, k), query.severity))}</select></label>
    <label>${t(locale, AM.status)}<select name="status">${option('', t(locale, AM.any))}${option('open', t(locale, AM.open), query.status)}${option('acknowledged', t(locale, AM.acknowledged), query.status)}</select></label>
    <label>${t(locale, AM.canteen)}<select name="canteenId">${option('', t(locale, AM.any))}${canteens.map((c) => option(c.id, c.name, query.canteenId))}</select></label>
    <label>${t(locale, AM.from)}<input type="date" name="from" value="${query.from ?? ''}"></label>
    <label>${t(locale, AM.to)}<input type="date" name="to" value="${query.to ?? ''}"></label>
  </div>
  ${query.personId ? html`<p>${t(locale, AM.person)}：<b>${personName}</b><input type="hidden" name="personId" value="${query.personId}"></p>` : ''}
  <div class="row"><button class="primary">${t(locale, AM.apply)}</button><a class="button" href="${DESK}">${t(locale, AM.clear)}</a>
    <a class="button" href="/audit/findings.csv?${csvQuery.toString()}">${t(locale, AM.exportCsv)}</a></div>
</form>
<form method="get" action="${DESK}/statement" class="card row">
  <label>${t(locale, AM.canteen)}<select name="canteen">${canteens.map((c) => option(c.id, c.name))}</select></label>
  <label>${t(locale, AM.month)}<input type="month" name="month" required value="${DateTime.now().setZone(ctx.timeZone).minus({ months: 1 }).toFormat('yyyy-MM')}"></label>
  <button>${t(locale, AM.statement)}</button>
</form>
${page.items.length === 0 ? html`<p class="card">${t(locale, AM.none)}</p>` : html`
<table class="audit-findings">
  <thead><tr><th>${t(locale, AM.date)}</th><th>${t(locale, AM.kind)}</th><th>${t(locale, AM.severity)}</th><th>${t(locale, AM.canteen)}</th>
    <th>${t(locale, AM.person)}</th><th>${t(locale, AM.evidence)}</th><th>${t(locale, AM.status)}</th></tr></thead>
  <tbody>${page.items.map((f) => html`
  <tr data-finding="${f.kind}" class="sev-${f.severity}">
    <td>${f.localDate ?? ''}</td><td>${kindLabel(locale, f.kind)}</td><td><span class="tag sev-${f.severity}">${severityLabel(locale, f.severity)}</span></td>
    <td>${f.canteenName ?? ''}</td>
    <td>${f.person ? html`${f.person.name} <span class="muted">${f.person.idNumber ?? ''}</span><br><a href="${DESK}?personId=${f.person.id}">${t(locale, AM.onlyPerson)}</a>` : ''}</td>
    <td class="evidence">${evidenceText(locale, ctx.timeZone, f.kind, f.evidence)}
      ${f.mealIds.length ? html`<br><a href="${DESK}/findings/${f.id}/meals">${t(locale, AM.mealsCount, { count: f.mealIds.length })}</a>` : ''}</td>
    <td>${f.status === 'acknowledged'
      ? html`<span class="tag ok">${t(locale, AM.acknowledged)}</span><br>${t(locale, AM.ackBy, { time: when(f.ackAt), note: f.ackNote ?? '' })}`
      : html`<form method="post" action="${DESK}/findings/${f.id}/acknowledge" class="ack">
          <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><input type="hidden" name="back" value="${DESK}${qs}">
          <label>${t(locale, AM.note)}<input name="note" maxlength="1000" required></label><button>${t(locale, AM.acknowledge)}</button></form>`}</td>
  </tr>`)}</tbody>
</table>`}
${page.nextCursor ? html`<p><a class="button" href="${DESK}?${next.toString()}">${t(locale, AM.more)}</a></p>` : ''}`,
    };
  });

  web.action({ path: `${DESK}/findings/:id/acknowledge`, access: ['auditor'], params: idParams,
    body: z.strictObject({ note: z.string().trim().min(1).max(1000), back: z.string().max(2000).optional() }) }, async ({ ctx, params, body }) => {
    await acknowledgeFinding(deps, ctx, params.id, body.note);
    return { redirect: body.back?.startsWith(`${DESK}`) ? body.back : DESK };
  });

  web.page({ path: `${DESK}/findings/:id/meals`, access: ['auditor'], params: idParams }, async ({ ctx, locale, params }) => {
    const f = await getFinding(deps, ctx, params.id);
    const rows = await tenantDb(deps.prisma, ctx.tenantId).canteenMeal.findMany({
      where: { id: { in: f.mealIds } }, include: { person: dinerSelect, canteen: { select: { name: true } } }, orderBy: { servedAt: 'asc' },
    });
    if (f.mealIds.length && rows.length === 0) throw new NotFoundError(CN.meal);
    const when = (at: Date) => DateTime.fromJSDate(at, { zone: ctx.timeZone }).toFormat('yyyy-MM-dd HH:mm');
    return {
      title: t(locale, AM.mealsTitle),
      styles: ['canteen/audit.css'],
      body: html`
<h1>${t(locale, AM.mealsTitle)}</h1>
<p class="card"><b>${kindLabel(locale, f.kind)}</b> · ${f.person?.name ?? f.canteenName ?? ''} · ${f.localDate ?? ''}<br>${evidenceText(locale, ctx.timeZone, f.kind, f.evidence)}</p>
<table class="audit-meals"><thead><tr><th>${t(locale, AM.canteen)}</th><th>${t(locale, AM.slot)}</th><th>${t(locale, AM.servedAt)}</th><th>${t(locale, AM.recordedAt)}</th>
  <th class="num">${t(locale, AM.price)}</th><th class="num">${t(locale, AM.subsidy)}</th><th class="num">${t(locale, AM.payable)}</th><th>${t(locale, AM.rule)}</th>
  <th>${t(locale, AM.override)}</th><th>${t(locale, AM.status)}</th></tr></thead>
<tbody>${rows.map((m) => {
    const v = mealView(m, ctx);
    return html`<tr><td>${m.canteen.name}</td><td>${slotLabel(locale, v.slot)}</td><td>${when(m.servedAt)}</td><td>${when(m.recordedAt)}</td>
      <td class="num">${yuan(v.price)}</td><td class="num">${yuan(v.subsidy)}</td><td class="num">${yuan(v.payable)}</td><td>${v.message || ruleText(locale, v.rule)}</td>
      <td>${v.override?.reason ?? ''}</td><td>${v.status === 'voided' ? t(locale, AM.voided) : t(locale, AM.active)}</td></tr>`;
  })}</tbody></table>
<p><a href="${DESK}">${t(locale, AM.back)}</a></p>`,
    };
  });

  registerStatementPage(web, deps);
}
