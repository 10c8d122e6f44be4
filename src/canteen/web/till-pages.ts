import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { pick, t } from '../../i18n/index.js';
import { today } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { listCanteens } from '../canteen-service.js';
import { TM } from './till-messages.js';
import { VM } from '../../voice/index.js';

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

/**
 * The cashier's counter (SPEC §5 till): a keyboard-wedge card / ID reader types the number and
 * Enter; the diner's name, the rule in words and the price to pay come back from checkout. No
 * registry browsing: the page never lists people. Checkouts go through the IndexedDB outbox, so a
 * dropped connection queues them with their own time and Idempotency-Key.
 */
export function registerTillPages(web: WebRouter, deps: Deps): void {
  web.assets.mount('canteen', ASSETS_DIR);
  web.addNav({ href: '/app/canteen/till', label: TM.nav, roles: ['canteen_operator'] });

  web.page({ path: '/app/canteen/till', access: ['canteen_operator'], query: z.strictObject({ canteen: z.uuid().optional() }) }, async ({ ctx, locale, query }) => {
    const canteens = await listCanteens(deps, ctx);
    const canteen = canteens.find((c) => c.id === query.canteen) ?? canteens[0];
    const title = t(locale, TM.title);
    if (!canteen) return { title, body: html`<section class="card narrow"><p class="big-text">${t(locale, TM.noCanteen)}</p></section>` };
    return {
      title,
      scripts: ['canteen/till.js'],
      styles: ['canteen/till.css', 'canteen/receipt-print.css'],
      messages: { ...pick(locale, TM), [VM.rateHere.key]: t(locale, VM.rateHere) },
      data: {
        canteen: { id: canteen.id, name: canteen.name, prices: canteen.prices, servingHours: canteen.servingHours },
        cashier: { id: ctx.userId, name: ctx.displayName ?? '' },
        today: today(ctx.timeZone), timeZone: ctx.timeZone, locale,
      },
      body: html`
<div class="till" id="till">
  <header class="till-head no-print">
    <h1>${title} · ${canteen.name}</h1>
    ${canteens.length > 1 ? html`<form method="get" class="inline"><select name="canteen" id="till-canteen" aria-label="${t(locale, TM.canteen)}">
      ${canteens.map((c) => html`<option value="${c.id}" ${c.id === canteen.id ? 'selected' : ''}>${c.name}</option>`)}</select>
      <button>${t(locale, TM.refresh)}</button></form>` : ''}
    <span id="till-slot" class="tag"></span>
    <span id="till-net" class="tag ok">${t(locale, TM.online)}</span>
    <span id="till-pending-count" class="tag warn" hidden></span>
  </header>
  <form id="till-scan" class="card till-scan no-print" autocomplete="off">
    <label for="till-number">${t(locale, TM.scanLabel)}</label>
    <div class="row"><input id="till-number" name="number" inputmode="text" placeholder="${t(locale, TM.scanPlaceholder)}" autofocus>
      <button class="primary">${t(locale, TM.checkout)}</button></div>
  </form>
  <section id="till-result" class="card till-result" aria-live="polite" hidden></section>
  <div class="till-columns no-print">
    <section class="card"><h2>${t(locale, TM.today)}</h2><div id="till-pending"></div><div id="till-meals"></div></section>
    <section class="card">
      <h2>${t(locale, TM.summary)}</h2><div id="till-summary"></div>
      <h2>${t(locale, TM.shift)}</h2><p id="till-shift-since" class="muted"></p><div id="till-shift"></div>
      <div class="row"><button type="button" id="till-shift-print">${t(locale, TM.printShift)}</button>
        <button type="button" id="till-shift-end" class="danger">${t(locale, TM.shiftEnd)}</button></div>
      <label class="till-paper">${t(locale, TM.paper)} <select id="till-paper">
        <option value="r58">${t(locale, TM.paper58)}</option><option value="r80">${t(locale, TM.paper80)}</option><option value="a4">${t(locale, TM.paperA4)}</option>
      </select></label>
    </section>
  </div>
  <section id="receipt" class="receipt" aria-hidden="true"></section>
</div>`,
    };
  });
}
