import type { Deps } from '../../deps.js';
import { idParams } from '../../http/common-schemas.js';
import { t } from '../../i18n/index.js';
import { formatLocalDateTime } from '../../time/index.js';
import { html, raw } from '../../web/html.js';
import { publicBase } from '../../tenancy/read.js';
import { ratingLinks, VM } from '../../voice/index.js';
import type { WebRouter } from '../../web/web-router.js';
import { getInvoice, listInvoices } from '../billing/invoice-service.js';
import { IM } from './invoice-messages.js';
import { yuan } from './web-common.js';

const coordinator = ['hospital_coordinator'] as const;

/**
 * The invoice as a cashier's office files it: hospital name, the readable number (ZY-2026-000123),
 * the lines, the total also in capital numerals (大写) and the signature lines; one A4 page.
 */
export function registerInvoicePages(web: WebRouter, deps: Deps): void {
  web.addNav({ href: '/app/nursing/invoices', label: IM.nav, roles: ['hospital_coordinator'] });

  web.page({ path: '/app/nursing/invoices', access: [...coordinator] }, async ({ ctx, locale }) => {
    const page = await listInvoices(deps, ctx, { limit: 100 });
    return {
      title: t(locale, IM.list), styles: ['nursing/nursing.css'],
      body: html`<h1>${t(locale, IM.list)}</h1>${page.items.length ? html`<table class="invoices"><thead><tr><th>${t(locale, IM.number)}</th><th>${t(locale, IM.patient)}</th>
<th>${t(locale, IM.ward)}</th><th>${t(locale, IM.period)}</th><th class="num">${t(locale, IM.amount)}</th><th>${t(locale, IM.issued)}</th></tr></thead><tbody>
${page.items.map((i) => html`<tr><td><a href="/app/nursing/invoices/${i.id}">${i.number}</a></td><td>${i.patient.name}</td><td>${i.patient.ward} ${i.patient.bed ?? ''}</td>
<td>${i.fromDate} – ${i.toDate}</td><td class="num">${yuan(i.totalFee)}</td><td>${formatLocalDateTime(new Date(i.issuedAt), ctx.timeZone)}</td></tr>`)}</tbody></table>`
    : html`<p class="card">${t(locale, IM.none)}</p>`}`,
    };
  });

  web.page({ path: '/app/nursing/invoices/:id', access: [...coordinator], params: idParams }, async ({ ctx, locale, params, req }) => {
    const [inv, tenant, links] = await Promise.all([
      getInvoice(deps, ctx, params.id),
      deps.prisma.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { name: true } }),
      ratingLinks(deps.prisma, ctx, publicBase(deps, req)),
    ]);
    // The family rates the stay from the invoice they take home (residents' voice); our own SVG, no user text.
    const qr = raw(await links.qrSvg(links.url('nursing_stay', inv.bookingId, inv.toDate)));
    const when = (d: Date | string | null) => (d ? formatLocalDateTime(new Date(d), ctx.timeZone) : '—');
    return {
      title: `${t(locale, IM.title)} ${inv.number}`, bare: true, styles: ['nursing/nursing.css'],
      body: html`<article class="a4 invoice">
<div class="no-print print-bar"><button type="button" data-print class="primary">${t(locale, IM.print)}</button></div>
<h1 class="doc-hospital">${tenant.name}</h1>
<h2 class="doc-title">${t(locale, IM.title)}</h2>
<p class="doc-number">${t(locale, IM.number)}：<b class="invoice-number">${inv.number}</b></p>
<table class="meta"><tr><td>${t(locale, IM.patient)}：${inv.patient.name}</td><td>${t(locale, IM.ward)}：${inv.patient.ward}</td><td>${t(locale, IM.bed)}：${inv.patient.bed ?? '—'}</td></tr>
<tr><td>${t(locale, IM.admitted)}：${when(inv.admittedAt)}</td><td>${t(locale, IM.discharged)}：${when(inv.dischargedAt)}</td><td>${t(locale, IM.period)}：${inv.fromDate} – ${inv.toDate}</td></tr></table>
<table class="lines"><thead><tr><th>${t(locale, IM.level)}</th><th>${t(locale, IM.from)}</th><th>${t(locale, IM.to)}</th><th class="num">${t(locale, IM.days)}</th>
<th class="num">${t(locale, IM.dailyFee)}</th><th class="num">${t(locale, IM.amount)}</th></tr></thead><tbody>
${inv.lines.map((l) => html`<tr><td>${l.levelName}</td><td>${l.fromDate}</td><td>${l.toDate}</td><td class="num">${l.days}</td><td class="num">${yuan(l.dailyFee)}</td><td class="num">${yuan(l.amount)}</td></tr>`)}
<tr class="total"><td colspan="3">${t(locale, IM.total)}</td><td class="num">${inv.days}</td><td></td><td class="num invoice-total">${yuan(inv.totalFee)}</td></tr>
<tr class="capitals"><td colspan="6">${t(locale, IM.capitals)}：<b class="invoice-capitals">${inv.totalInCapitals}</b>　（¥${yuan(inv.totalFee)}）</td></tr>
</tbody></table>
<p class="note">${t(locale, IM.note)}</p>
<p>${t(locale, IM.issued)}：${when(inv.issuedAt)}</p>
<div class="sign-grid">
  <div>${t(locale, IM.payer)}<span class="line"></span></div><div>${t(locale, IM.issuer)}<span class="line"></span></div>
  <div>${t(locale, IM.cashier)}<span class="line"></span></div><div>${t(locale, IM.reviewer)}<span class="line"></span></div>
  <div class="seal">${t(locale, IM.seal)}</div>
</div>
<figure class="rate-qr">${qr}<figcaption>${t(locale, VM.rateHere)}</figcaption></figure>
</article>`,
    };
  });
}
