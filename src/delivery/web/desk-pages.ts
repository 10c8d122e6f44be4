import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { localDate } from '../../http/common-schemas.js';
import { localize, pick, t } from '../../i18n/index.js';
import { addDays, minutesOfDay, today } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { labels, slotName } from '../label-messages.js';
import type { Labels } from '../label-messages.js';
import { windowOf } from '../plans/plan-problem.js';
import { createPlan, getPlan } from '../plans/plan-service.js';
import { slotCode } from '../schemas.js';
import { ensureSlots } from '../setup/setup-service.js';
import { unassignedAdvice } from '../plans/unassigned-advice.js';
import type { Sentence } from '../plans/unassigned-advice.js';
import { KM } from './desk-messages.js';

const PATH = '/app/desk';
const deskQuery = z.strictObject({ kitchen: z.uuid().optional(), date: localDate.optional(), slot: slotCode.optional(), plan: z.uuid().optional() });
const planForm = z.strictObject({ kitchen: z.uuid(), date: localDate, slot: slotCode });

const deskUrl = (q: { kitchen: string; date: string; slot: string; plan?: string }) =>
  `${PATH}?${new URLSearchParams({ kitchen: q.kitchen, date: q.date, slot: q.slot, ...(q.plan ? { plan: q.plan } : {}) })}`;

type OrderRow = { id: string; quantity: number; windowStart: string | null; windowEnd: string | null; recipient: { diet: string; texture: string; allergies: string[]; person: { name: string } } };

function countBy(rows: OrderRow[], key: (o: OrderRow) => string, words: Record<string, string>): SafeHtml[] {
  const counts = new Map<string, number>();
  for (const o of rows) counts.set(key(o), (counts.get(key(o)) ?? 0) + o.quantity);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => html`<li>${words[k] ?? k} <b>${n}</b></li>`);
}

function ordersSection(locale: string, l: Labels, rows: OrderRow[], slot: Parameters<typeof windowOf>[0]): SafeHtml {
  if (!rows.length) return html`<section class="card"><p class="muted">${t(locale, KM.noOrders)}</p></section>`;
  const meals = rows.reduce((s, o) => s + o.quantity, 0);
  return html`<section class="card desk-orders">
  <h2>${t(locale, KM.orders, { count: rows.length, meals })}</h2>
  <div class="desk-counts"><div><h3>${t(locale, KM.byDiet)}</h3><ul>${countBy(rows, (o) => o.recipient.diet, l.diets)}</ul></div>
  <div><h3>${t(locale, KM.byTexture)}</h3><ul>${countBy(rows, (o) => o.recipient.texture, l.textures)}</ul></div></div>
  <details><summary>${t(locale, KM.orderList)}</summary>
  <table class="desk-table"><thead><tr><th>${t(locale, KM.name)}</th><th>${t(locale, KM.diet)}</th><th>${t(locale, KM.texture)}</th><th>${t(locale, KM.allergies)}</th><th>${t(locale, KM.qty)}</th><th>${t(locale, KM.window)}</th></tr></thead>
  <tbody>${rows.map((o) => {
    const w = windowOf(slot, o);
    return html`<tr><td>${o.recipient.person.name}</td><td>${l.diets[o.recipient.diet] ?? o.recipient.diet}</td><td>${l.textures[o.recipient.texture] ?? o.recipient.texture}</td><td>${o.recipient.allergies.join('、')}</td><td>${o.quantity}</td><td>${w.start}–${w.end}</td></tr>`;
  })}</tbody></table></details>
</section>`;
}

type PlanView = Awaited<ReturnType<typeof getPlan>>;

/** The plan as the page draws it: only what desk.js reads (a 1 500-door day is already heavy). */
function deskPlan(p: PlanView) {
  const { routes, params, ...rest } = p;
  return {
    ...rest,
    routes: routes.map(({ stops, ...r }) => ({
      ...r,
      stops: stops.map((x) => ({
        orderId: x.orderId, stopNo: x.stopNo, name: x.name, address: x.address, lat: x.lat, lng: x.lng, eta: x.eta, etaLocal: x.etaLocal,
        window: x.window, quantity: x.quantity, load: x.load, diet: x.diet, texture: x.texture, allergies: x.allergies, livesAlone: x.livesAlone, pinnedVehicleId: x.pinnedVehicleId,
      })),
    })),
  };
}

/**
 * The kitchen manager's planning desk: pick kitchen, date and slot; the orders of the day with
 * their diet labels; plan (a background job, polled); routes side by side with their warnings;
 * the unassigned tray with what to do; the map; drag, pin, re-plan, publish (desk.js, over the API).
 */
export function registerDeskPages(web: WebRouter, deps: Deps): void {
  web.addNav({ href: PATH, label: KM.nav, roles: ['kitchen_manager'] });

  web.page({ path: PATH, access: ['kitchen_manager'], query: deskQuery }, async ({ ctx, locale, query }) => {
    const db = tenantDb(deps.prisma, ctx.tenantId);
    const [kitchens, slots] = await Promise.all([db.kitchen.findMany({ orderBy: { name: 'asc' } }), ensureSlots(db, ctx.tenantId)]);
    const title = t(locale, KM.title);
    if (!kitchens.length) return { title, body: html`<section class="card"><h1>${title}</h1><p>${t(locale, KM.noKitchen)}</p></section>` };
    const kitchen = kitchens.find((k) => k.id === query.kitchen) ?? kitchens[0];
    const slot = slots.find((s) => s.code === query.slot) ?? slots[0];
    const date = query.date ?? addDays(today(ctx.timeZone), 1);
    const l = labels(locale);
    const [orders, vehicles, latest] = await Promise.all([
      db.dailyOrder.findMany({
        where: { kitchenId: kitchen.id, date, slotCode: slot.code, status: 'active' },
        include: { recipient: { include: { person: { select: { name: true } } } } }, orderBy: { id: 'asc' },
      }),
      db.vehicle.findMany({ where: { kitchenId: kitchen.id, active: true }, orderBy: { name: 'asc' } }),
      query.plan ? null : db.routePlan.findFirst({ where: { kitchenId: kitchen.id, date, slotCode: slot.code, status: { not: 'superseded' } }, orderBy: { createdAt: 'desc' }, select: { id: true } }),
    ]);
    const planId = query.plan ?? latest?.id;
    // Worded in the page's locale now: the page ships the plan to desk.js as JSON.
    const plan = planId ? localize(await getPlan(deps, ctx, planId), locale) : null;
    const advice = plan && unassignedAdvice({
      unassigned: plan.unassigned,
      routes: plan.routes.map((r) => ({ load: r.load, capacity: r.capacity, stops: r.stops.length, durationS: r.durationS })),
      vehicleCapacities: vehicles.map((v) => v.capacity),
      window: { start: slot.windowStart, end: slot.windowEnd }, maxRideMinutes: slot.maxRideMinutes,
    });
    const say = (x: Sentence) => t(locale, x.message, x.params);
    const here = { kitchen: kitchen.id, date, slot: slot.code };
    const production = `/delivery/production.html?${new URLSearchParams({ date, slot: slot.code, kitchen: kitchen.id })}`;
    const csrf = html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;
    const tileUrl = deps.config.TILE_URL ?? null;
    return {
      title,
      scripts: ['delivery/desk.js'],
      styles: ['delivery/desk.css', ...(tileUrl ? ['vendor/leaflet.css'] : [])],
      messages: pick(locale, KM),
      data: {
        plan: plan && deskPlan(plan), timeZone: ctx.timeZone, maxRideMinutes: slot.maxRideMinutes, windowMinutes: minutesOfDay(slot.windowEnd) - minutesOfDay(slot.windowStart),
        vehicles: vehicles.map((v) => ({ id: v.id, name: v.name, capacity: v.capacity })),
        diets: l.diets, textures: l.textures, sortableUrl: web.assets.url('vendor/sortable.min.js'), tileUrl, tileAttribution: deps.config.TILE_ATTRIBUTION ?? '', leafletUrl: tileUrl ? web.assets.url('vendor/leaflet.js') : null,
        advice: advice && Object.fromEntries(Object.entries(advice.perOrder).map(([id, a]) => [id, { why: say(a.why), todo: say(a.todo) }])),
      },
      body: html`
<h1>${title}</h1>
<form method="get" action="${PATH}" class="card row desk-pick">
  <label>${t(locale, KM.kitchen)} <select name="kitchen">${kitchens.map((k) => html`<option value="${k.id}" ${k.id === kitchen.id ? html`selected` : ''}>${k.name}</option>`)}</select></label>
  <label>${t(locale, KM.date)} <input type="date" name="date" value="${date}" required></label>
  <label>${t(locale, KM.slot)} <select name="slot">${slots.map((s) => html`<option value="${s.code}" ${s.code === slot.code ? html`selected` : ''}>${slotName(locale, s.code, s.name)}</option>`)}</select></label>
  <button>${t(locale, KM.show)}</button>
  <a href="${production}" target="_blank" rel="noopener">${t(locale, KM.productionSheet)}</a>
</form>
${ordersSection(locale, l, orders, slot)}
<section class="card desk-plan" id="desk-plan" data-plan-id="${plan?.id ?? ''}" data-status="${plan?.status ?? ''}">
  <div class="row">
    <form method="post" action="${PATH}/plan" class="inline">${csrf}
      <input type="hidden" name="kitchen" value="${kitchen.id}"><input type="hidden" name="date" value="${date}"><input type="hidden" name="slot" value="${slot.code}">
      <button class="${plan ? '' : 'primary'}" ${orders.length ? '' : html`disabled`}>${t(locale, plan ? KM.planAgain : KM.plan)}</button></form>
    ${plan ? html`<button type="button" id="desk-replan" ${plan.status === 'done' || plan.status === 'failed' ? '' : html`disabled`}>${t(locale, KM.replan)}</button>
      <button type="button" id="desk-publish" class="primary" ${plan.status === 'done' ? '' : html`disabled`}>${t(locale, KM.publish)}</button>
      <a href="/delivery/route-plans/${plan.id}/map.svg" target="_blank" rel="noopener">${t(locale, KM.mapSvg)}</a>` : ''}
  </div>
  <p id="desk-status" class="desk-status" role="status">${plan ? '' : t(locale, KM.noPlan)}</p>
  <progress id="desk-progress" max="100" value="${plan?.progress ?? 0}" ${plan && ['queued', 'running'].includes(plan.status) ? '' : html`hidden`}></progress>
  ${plan?.params && (plan.params as { servedFewer?: { detail: string } }).servedFewer
    ? html`<p class="desk-notice" role="alert">${t(locale, KM.servedFewer)}${(plan.params as { servedFewer: { detail: string } }).servedFewer.detail}</p>` : ''}
  <p id="desk-error" class="error" role="alert" hidden></p>
</section>
${plan ? html`
<section class="card desk-tray" id="desk-tray">
  <h2>${t(locale, plan.unassigned.length ? KM.unassignedTitle : KM.unassignedNone, { count: plan.unassigned.length })}</h2>
  ${advice?.summary ? html`<div class="desk-advice" role="note"><p>${say(advice.summary.why)}</p><p><b>${t(locale, KM.whatToDo)}${say(advice.summary.todo)}</b></p></div>` : ''}
  <ul class="desk-unassigned" id="desk-unassigned"></ul>
</section>
<p class="muted">${t(locale, KM.dragHint)}</p>
<div class="desk-routes" id="desk-routes"></div>
<section class="card desk-map-card"><h2>${t(locale, KM.map)}</h2>
  ${tileUrl ? html`<div id="desk-map" class="desk-map"></div>` : html`<img id="desk-map-img" class="desk-map-img" src="/delivery/route-plans/${plan.id}/map.svg" alt="${t(locale, KM.map)}">`}
</section>` : ''}`,
    };
  });

  web.action({ path: `${PATH}/plan`, access: ['kitchen_manager'], body: planForm }, async ({ ctx, body }) => {
    const plan = await createPlan(deps, ctx, { kitchenId: body.kitchen, date: body.date, slot: body.slot });
    return { redirect: deskUrl({ ...body, plan: plan.id }) };
  });
}
