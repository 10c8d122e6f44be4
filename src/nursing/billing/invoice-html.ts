import { DateTime } from 'luxon';
import type { InvoiceView } from './invoice-service.js';
import { printStyle } from '../../web/print-style.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const yuan = (fen: number) => (fen / 100).toFixed(2);

const LABELS = {
  'zh-CN': {
    title: '免陪照护费用结算单', patient: '患者', ward: '病区', bed: '床位', admitted: '入院', discharged: '出院',
    period: '计费期间', level: '护理等级', from: '起', to: '止', days: '天数', fee: '日费用 (元)', amount: '金额 (元)',
    total: '合计', issued: '开具时间', number: '票据号', capitals: '合计金额（大写）', payer: '缴款人', cashier: '收款人', reviewer: '复核人', seal: '收款单位（盖章）', note: '按每个自然日所执行的护理等级日费用计费；住院不足 24 小时按 1 天计。',
  },
  en: {
    title: 'Accompany-free nursing care invoice', patient: 'Patient', ward: 'Ward', bed: 'Bed', admitted: 'Admitted',
    discharged: 'Discharged', period: 'Billed period', level: 'Care level', from: 'From', to: 'To', days: 'Days',
    fee: 'Daily fee (CNY)', amount: 'Amount (CNY)', total: 'Total', issued: 'Issued', number: 'Invoice No.',
    capitals: 'Total in Chinese capitals (大写)', payer: 'Paid by', cashier: 'Cashier', reviewer: 'Checked by', seal: 'Hospital seal',
    note: 'Each local calendar day is billed at the daily fee of the care level in force that day; a stay under 24 h counts one day.',
  },
};

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
  const t = o.locale === 'en' ? LABELS.en : LABELS['zh-CN'];
  const when = (d: Date | string | null) => (d ? DateTime.fromJSDate(new Date(d), { zone: o.zone }).toFormat('yyyy-LL-dd HH:mm') : '—');
  const rows = inv.lines.map((l) => `<tr><td>${esc(l.levelName)} (${esc(l.levelCode)})</td><td>${l.fromDate}</td><td>${l.toDate}</td>` +
    `<td class="n">${l.days}</td><td class="n">${yuan(l.dailyFee)}</td><td class="n">${yuan(l.amount)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="${o.locale === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${esc(t.title)} ${esc(inv.patient.name)}</title>
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
