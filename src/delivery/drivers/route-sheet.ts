import type { DriverRoute } from './driver-service.js';
import { labels } from '../label-messages.js';
import { render } from '../../i18n/index.js';
import { printStyle } from '../../web/print-style.js';
import { escapeHtml as e } from '../views.js';

/** Shared print styles: A4, large type, no colour needed. */
export const PRINT_CSS = `
@page { size: A4; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", Arial, sans-serif; font-size: 16pt; color: #000; margin: 0; }
h1 { font-size: 22pt; margin: 0 0 4mm; }
.meta { font-size: 14pt; margin-bottom: 4mm; }
.meta span { margin-right: 8mm; white-space: nowrap; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 2mm; vertical-align: top; text-align: left; }
th { font-size: 13pt; background: #eee; }
tr { page-break-inside: avoid; }
.no { font-size: 22pt; font-weight: bold; text-align: center; width: 12mm; }
.small { font-size: 12pt; }
a { color: #000; text-decoration: none; }
@media screen { body { max-width: 190mm; margin: 8mm auto; } }
`;
const ROUTE_SHEET_STYLE = printStyle(PRINT_CSS);

/** The driver's printable route sheet (HTML, A4, large type) in the tenant's language. */
export function renderRouteSheet(route: DriverRoute, locale: string): string {
  const l = labels(locale);
  const rows = route.stops.map((s) => {
    const diet = [l.diets[s.diet] ?? s.diet, s.texture !== 'regular' ? (l.textures[s.texture] ?? s.texture) : '', ...s.allergies.map((a) => `⚠ ${a}`)].filter(Boolean).join(' · ');
    // A masked number (138****5678) is printed as text: a tel: link to it would call nobody.
    const phone = !s.phone ? '' : s.phone.includes('*') ? e(s.phone) : `<a href="tel:${e(s.phone.replace(/[^0-9+]/g, ''))}">${e(s.phone)}</a>`;
    const notes = [s.accessNotes, s.livesAlone ? l.livesAlone : '', s.orderStatus === 'cancelled' ? l.cancelled : ''].filter(Boolean).map(e).join('<br>');
    return `<tr>
  <td class="no">${s.stopNo}</td>
  <td><b>${e(s.etaLocal)}</b><div class="small">${e(s.window.start)}–${e(s.window.end)}</div></td>
  <td><b>${e(s.name)}</b> × ${s.quantity}<div class="small">${e(s.address ?? '')}</div></td>
  <td>${phone}</td>
  <td>${e(diet)}</td>
  <td class="small">${notes}</td>
  <td class="small">${e(l.tick)}</td>
</tr>`;
  });
  return `<!doctype html>
<html lang="${locale.startsWith('zh') ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(l.routeSheet)} ${route.routeNo} · ${e(route.date)}</title>
${ROUTE_SHEET_STYLE}</head>
<body>
<h1>${e(l.routeSheet)} — ${e(l.route)} ${route.routeNo}</h1>
<div class="meta">
  <span>${e(l.date)}: ${e(route.date)}</span><span>${e(l.slot)}: ${e(render(locale, route.slotName))}</span>
  <span>${e(l.driver)}: ${e(route.driverName ?? '')}</span><span>${e(l.vehicle)}: ${e(route.vehicleName ?? '')}</span>
</div>
<div class="meta">
  <span>${e(l.kitchen)}: ${e(route.kitchen.name)}</span><span>${e(l.leaves)}: <b>${e(route.departLocal)}</b></span>
  <span>${e(l.back)}: ${e(route.returnLocal)}</span><span>${e(l.meals)}: ${route.load}</span><span>${(route.distanceM / 1000).toFixed(1)} km</span>
</div>
<table>
<thead><tr><th>${e(l.stop)}</th><th>${e(l.eta)}</th><th>${e(l.name)} / ${e(l.address)}</th><th>${e(l.phone)}</th><th>${e(l.diet)}</th><th>${e(l.notes)}</th><th>${e(l.outcome)}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
</body></html>`;
}
