import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RequestContext } from '../../http/context.js';
import { instantAt, localTimeOf } from '../../time/index.js';
import { labels as i18n, slotNameText } from '../label-messages.js';
import { render } from '../../i18n/index.js';
import { PRINT_CSS } from '../drivers/route-sheet.js';
import { printStyle } from '../../web/print-style.js';
import { resolveKitchen, slotByCode } from '../setup/setup-service.js';
import { escapeHtml as e } from '../views.js';
import { ratingLinks } from '../../voice/index.js';

/** Cooked food should be eaten within 2 h of cooking unless kept hot (SPEC §1). */
export const EAT_WITHIN_MS = 2 * 3600_000;

function tally(into: Record<string, number>, key: string, qty: number) {
  into[key] = (into[key] ?? 0) + qty;
}

/**
 * The kitchen's production sheet for a date and slot: how many meals of each diet, texture and
 * allergy to cook, and one packing label per order in route order (route no., stop no.), from
 * the published plan — or the newest finished draft, flagged — with cooked-at and eat-by times.
 */
export async function productionSheet(d: Pick<Deps, 'prisma'>, ctx: RequestContext, q: { date: string; slot: string; kitchen?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const kitchen = await resolveKitchen(db, q.kitchen);
  const slot = await slotByCode(db, ctx.tenantId, q.slot);
  const orders = await db.dailyOrder.findMany({
    where: { kitchenId: kitchen.id, date: q.date, slotCode: q.slot },
    include: { recipient: { include: { person: { select: { name: true, address: true } } } } },
  });
  const active = orders.filter((o) => o.status === 'active');
  const plan =
    (await db.routePlan.findFirst({ where: { kitchenId: kitchen.id, date: q.date, slotCode: q.slot, status: 'published' } })) ??
    (await db.routePlan.findFirst({ where: { kitchenId: kitchen.id, date: q.date, slotCode: q.slot, status: 'done' }, orderBy: { createdAt: 'desc' } }));
  const routes = plan
    ? await db.route.findMany({ where: { routePlanId: plan.id }, orderBy: { routeNo: 'asc' }, include: { stops: { orderBy: { stopNo: 'asc' }, select: { orderId: true, stopNo: true } } } })
    : [];

  const cookedAt = instantAt(q.date, slot.readyTime, ctx.timeZone);
  const eatBy = new Date(cookedAt.getTime() + EAT_WITHIN_MS);
  const counts = { total: 0, orders: active.length, cancelled: orders.length - active.length, byDiet: {} as Record<string, number>, byTexture: {} as Record<string, number>, byAllergy: {} as Record<string, number> };
  for (const o of active) {
    counts.total += o.quantity;
    tally(counts.byDiet, o.recipient.diet, o.quantity);
    tally(counts.byTexture, o.recipient.texture, o.quantity);
    for (const a of o.recipient.allergies) tally(counts.byAllergy, a, o.quantity);
  }

  const byId = new Map(active.map((o) => [o.id, o]));
  const label = (o: (typeof active)[number], routeNo: number | null, stopNo: number | null) => ({
    routeNo, stopNo, orderId: o.id, name: o.recipient.person.name, address: o.recipient.person.address,
    diet: o.recipient.diet, texture: o.recipient.texture, allergies: o.recipient.allergies, quantity: o.quantity,
    cookedAt, cookedAtLocal: localTimeOf(cookedAt, ctx.timeZone), eatBy, eatByLocal: localTimeOf(eatBy, ctx.timeZone),
  });
  const routed = new Set<string>();
  const labels = routes.flatMap((r) => r.stops.flatMap((s) => {
    const o = byId.get(s.orderId);
    if (!o) return []; // cancelled since planning
    routed.add(o.id);
    return [label(o, r.routeNo, s.stopNo)];
  }));
  const rest = active.filter((o) => !routed.has(o.id)).sort((a, b) => a.recipient.person.name.localeCompare(b.recipient.person.name, 'zh-CN'));
  labels.push(...rest.map((o) => label(o, null, null)));
  return {
    date: q.date,
    slot: q.slot,
    slotName: slotNameText(slot.code, slot.name),
    kitchen: { id: kitchen.id, name: kitchen.name, capacityPerSlot: kitchen.capacityPerSlot },
    overCapacity: counts.total > kitchen.capacityPerSlot,
    plan: plan ? { id: plan.id, status: plan.status } : null,
    counts,
    labels,
  };
}

export type ProductionSheet = Awaited<ReturnType<typeof productionSheet>>;

/** A rating QR code per packing label (residents' voice), keyed by order id. */
export async function ratingQrs(d: Pick<Deps, 'prisma'>, ctx: RequestContext, base: string, sheet: ProductionSheet): Promise<Map<string, string>> {
  const links = await ratingLinks(d.prisma, ctx, base);
  const entries = await Promise.all(sheet.labels.map(async (x) => [x.orderId, await links.qrSvg(links.url('meal', x.orderId, sheet.date))] as const));
  return new Map(entries);
}

const countTable = (title: string, m: Record<string, number>, name: (k: string) => string = (k) => k) =>
  `<h2>${e(title)}</h2><table><tbody>${Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => `<tr><td>${e(name(k))}</td><td><b>${v}</b></td></tr>`).join('') || '<tr><td>—</td></tr>'}</tbody></table>`;

const PRODUCTION_STYLE = printStyle(`${PRINT_CSS}
h2 { font-size: 15pt; margin: 4mm 0 2mm; }
.grid { display: flex; gap: 6mm; flex-wrap: wrap; }
.grid > div { flex: 1; min-width: 50mm; }
.labels { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm; margin-top: 4mm; }
.label { border: 1px dashed #000; padding: 3mm; page-break-inside: avoid; }
.label .rs { font-size: 12pt; } .label .nm { font-size: 18pt; font-weight: bold; }
.label .qr { float: right; width: 22mm; margin-left: 2mm; text-align: center; } .label .qr svg { width: 22mm; height: 22mm; display: block; }
`);

/** The production sheet as a printable page: counts first, then the labels to cut out. */
export function renderProductionSheet(p: ProductionSheet, locale: string, qr: Map<string, string> = new Map()): string {
  const l = i18n(locale);
  // The QR code (from residents' voice) opens the rating page of this one meal; our own SVG, no user text.
  const labelsHtml = p.labels.map((x) => `<div class="label">${qr.has(x.orderId) ? `<div class="qr">${qr.get(x.orderId)}<div class="small">${e(l.rateUs)}</div></div>` : ''}
  <div class="rs">${x.routeNo === null ? e(l.unrouted) : `${e(l.route)} ${x.routeNo} · ${e(l.stop)} ${x.stopNo}`}</div>
  <div class="nm">${e(x.name)} × ${x.quantity}</div>
  <div>${e(l.diets[x.diet] ?? x.diet)}${x.texture !== 'regular' ? ` · ${e(l.textures[x.texture] ?? x.texture)}` : ''}${x.allergies.map((a) => ` · ⚠ ${e(a)}`).join('')}</div>
  <div class="small">${e(l.cookedAt)} ${e(x.cookedAtLocal)} · ${e(l.eatBy)} <b>${e(x.eatByLocal)}</b></div>
</div>`).join('\n');
  const note = !p.plan ? l.noPlan : p.plan.status !== 'published' ? l.draft : '';
  return `<!doctype html>
<html lang="${locale.startsWith('zh') ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${e(l.productionSheet)} ${e(p.date)}</title>
${PRODUCTION_STYLE}</head><body>
<h1>${e(l.productionSheet)} — ${e(p.kitchen.name)}</h1>
<div class="meta"><span>${e(l.date)}: ${e(p.date)}</span><span>${e(l.slot)}: ${e(render(locale, p.slotName))}</span>
<span>${e(l.total)}: <b>${p.counts.total}</b></span>${p.overCapacity ? `<span>⚠ &gt; ${p.kitchen.capacityPerSlot}</span>` : ''}</div>
${note ? `<p>${e(note)}</p>` : ''}
<div class="grid"><div>${countTable(l.byDiet, p.counts.byDiet, (k) => l.diets[k] ?? k)}</div><div>${countTable(l.byTexture, p.counts.byTexture, (k) => l.textures[k] ?? k)}</div><div>${countTable(l.byAllergy, p.counts.byAllergy)}</div></div>
<h2>${e(l.labels)}</h2>
<div class="labels">
${labelsHtml}
</div>
</body></html>`;
}
