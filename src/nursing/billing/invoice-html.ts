import { DateTime } from 'luxon';
import type { InvoiceView } from './invoice-service.js';
import { printStyle } from '../../web/print-style.js';
import { resolveLocale, t as text } from '../../i18n/index.js';
import { invoiceLabels as L } from '../messages-billing.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const yuan = (fen: number) => (fen / 100).toFixed(2);

const INVOICE_STYLE = printStyle(`
@page { size: A4; margin: 18mm; }
body { font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 12pt; color: #111; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4pt; } h2 { font-size: 12pt; text-align: center; font-weight: normal; margin: 0 0 12pt; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; } td, th { border: 1px solid #444; padding: 4pt 6pt; }
th { background: #eee; } .n { text-align: right; } .meta td { border: none; padding: 2pt 6pt; } .total td { font-weight: bold; }
p.note { font-size: 9pt; color: #444; } .sign td { border: none; padding: 18pt 6pt 2pt; }
`);

/** A printable HTML invoice (A4, no external assets). */
export function renderInvoiceHtml(inv: InvoiceView, o: { hospital: string; zone: string; locale: string }): string {
  const locale = resolveLocale(o.locale);
  const t = Object.fromEntries(Object.entries(L).map(([k, m]) => [k, text(locale, m)])) as Record<keyof typeof L, string>;
  const when = (d: Date | string | null) => (d ? DateTime.fromJSDate(new Date(d), { zone: o.zone }).toFormat('yyyy-LL-dd HH:mm') : '—');
  const rows = inv.lines.map((l) => `<tr><td>${esc(l.levelName)} (${esc(l.levelCode)})</td><td>${l.fromDate}</td><td>${l.toDate}</td>` +
    `<td class="n">${l.days}</td><td class="n">${yuan(l.dailyFee)}</td><td class="n">${yuan(l.amount)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${esc(t.title)} ${esc(inv.patient.name)}</title>
${INVOICE_STYLE}</head><body>
<h1>${esc(o.hospital)}</h1><h2>${esc(t.title)}</h2>
<table class="meta"><tr><td>${t.patient}: ${esc(inv.patient.name)}</td><td>${t.ward}: ${esc(inv.patient.ward)}</td><td>${t.bed}: ${esc(inv.patient.bed ?? '—')}</td></tr>
<tr><td>${t.admitted}: ${when(inv.admittedAt)}</td><td>${t.discharged}: ${when(inv.dischargedAt)}</td><td>${t.period}: ${inv.fromDate} – ${inv.toDate}</td></tr></table>
<table><thead><tr><th>${t.level}</th><th>${t.from}</th><th>${t.to}</th><th>${t.days}</th><th>${t.fee}</th><th>${t.amount}</th></tr></thead>
<tbody>
${rows}
<tr class="total"><td colspan="3">${t.total}</td><td class="n">${inv.days}</td><td></td><td class="n">${yuan(inv.totalFee)}</td></tr>
</tbody></table>
<p>${t.capitals}: <b>${esc(inv.totalInCapitals)}</b></p>
<p class="note">${esc(t.note)}</p>
<p>${t.number}: <b>${esc(inv.number)}</b> · ${t.issued}: ${when(inv.issuedAt)}</p>
<table class="sign"><tr><td>${t.payer}: ________</td><td>${t.cashier}: ________</td><td>${t.reviewer}: ________</td><td>${t.seal}</td></tr></table>
</body></html>
`;
}
