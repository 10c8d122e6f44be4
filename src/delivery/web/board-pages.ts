import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { localDate } from '../../http/common-schemas.js';
import { pick, t } from '../../i18n/index.js';
import { today } from '../../time/index.js';
import { html, raw } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { dayBoard } from '../plans/board-service.js';
import { slotName } from '../label-messages.js';
import { MANAGERS } from '../setup/http-setup.js';
import { slotCode } from '../schemas.js';
import { listKitchens, listSlots } from '../setup/setup-service.js';
import { BM } from './board-messages.js';

export const BOARD_PATH = '/app/desk/board';
/** Often enough that a not-home door shows while the driver is still in the lane; light on a 2-core box. */
export const BOARD_POLL_MS = 15_000;

const boardPageQuery = z.strictObject({ kitchen: z.uuid().optional(), date: localDate.optional(), slot: slotCode.optional() });

/**
 * The live day board: the page renders from its data block and polls GET /delivery/board (the
 * same JSON an integration reads) every 15 s, so it keeps itself current during the round.
 */
export function registerBoardPages(web: WebRouter, deps: Deps): void {
  web.addNav({ href: BOARD_PATH, label: BM.nav, roles: [...MANAGERS] });

  web.page({ path: BOARD_PATH, access: [...MANAGERS], query: boardPageQuery }, async ({ ctx, locale, query }) => {
    const [kitchens, slots] = await Promise.all([listKitchens(deps, ctx), listSlots(deps, ctx)]);
    const title = t(locale, BM.title);
    if (!kitchens.length) return { title, body: html`<h1>${title}</h1><p class="card">${t(locale, BM.noKitchen)}</p>` };
    const kitchen = kitchens.find((k) => k.id === query.kitchen) ?? kitchens[0];
    const slot = slots.find((s) => s.code === query.slot) ?? slots.find((s) => s.code === 'lunch') ?? slots[0];
    const date = query.date ?? today(ctx.timeZone);
    const board = await dayBoard(deps, ctx, { kitchen: kitchen.id, date, slot: slot.code });
    const selected = (on: boolean) => (on ? raw('selected') : '');
    return {
      title,
      scripts: ['delivery/board.js'],
      styles: ['delivery/board.css'],
      messages: pick(locale, BM),
      data: { board, pollUrl: `/delivery/board?kitchen=${kitchen.id}&date=${date}&slot=${slot.code}`, pollMs: BOARD_POLL_MS, timeZone: ctx.timeZone },
      body: html`
<h1>${title}</h1>
<form method="get" action="${BOARD_PATH}" class="row card no-print">
  <label>${t(locale, BM.kitchen)}<select name="kitchen">${kitchens.map((k) => html`<option value="${k.id}" ${selected(k.id === kitchen.id)}>${k.name}</option>`)}</select></label>
  <label>${t(locale, BM.date)}<input type="date" name="date" value="${date}" required></label>
  <label>${t(locale, BM.slot)}<select name="slot">${slots.map((s) => html`<option value="${s.code}" ${selected(s.code === slot.code)}>${slotName(locale, s.code, s.name)}</option>`)}</select></label>
  <button>${t(locale, BM.show)}</button>
</form>
<p id="board-status" class="muted" role="status"></p>
<section id="board-figures" class="board-figures" aria-live="polite"></section>
<section id="board-alerts"></section>
<section id="board-ratings"></section>
<section id="board-drivers" class="grid"></section>`,
    };
  });
}
