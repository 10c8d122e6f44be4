import type { z } from 'zod';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { idParams } from '../../http/common-schemas.js';
import { NotFoundError } from '../../http/errors.js';
import type { RequestContext } from '../../http/context.js';
import { t } from '../../i18n/index.js';
import type { Message } from '../../i18n/index.js';
import { today } from '../../time/index.js';
import { html, raw } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { labels, slotName as slotNameIn } from '../label-messages.js';
import { addHold, addPlan, deleteHold, getRecipient, listRecipients, updatePlan, updateRecipient } from '../setup/recipient-service.js';
import { MANAGERS } from '../setup/http-setup.js';
import { DIETS, HOLD_REASONS, TEXTURES } from '../schemas.js';
import { listSlots } from '../setup/setup-service.js';
import { holdAddBody, planAddBody, planEndBody, recipientDetailQuery, recipientEditBody, recipientSearchQuery } from './recipient-forms.js';
import { RM } from './recipient-messages.js';
import { personBasics } from '../../people/read.js';
import { DN } from '../messages.js';

export const RECIPIENTS_PATH = '/app/desk/recipients';
const CONTACT_ROWS = 3;
const csrf = (ctx: RequestContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;
const checked = (on: boolean) => (on ? raw('checked') : '');
const selected = (on: boolean) => (on ? raw('selected') : '');
const weekdayName = (locale: string, d: number) => t(locale, RM[`wd${d}` as keyof typeof RM]);
const reasonName = (locale: string, r: string) => t(locale, (RM as Record<string, Message>)[r] ?? RM.other);

type Recipient = Awaited<ReturnType<typeof getRecipient>>;

function listPage(locale: string, q: string | undefined, rows: Awaited<ReturnType<typeof listRecipients>>) {
  const l = labels(locale);
  const title = t(locale, RM.title);
  return {
    title,
    styles: ['delivery/board.css'],
    body: html`<h1>${title}</h1>
<form method="get" action="${RECIPIENTS_PATH}" class="row card" role="search">
  <label>${t(locale, RM.search)}<input type="search" name="q" value="${q ?? ''}" maxlength="64"></label><button>${t(locale, RM.searchButton)}</button>
</form>
${rows.items.length ? html`<table class="rcp-list"><thead><tr><th>${t(locale, RM.name)}</th><th>${t(locale, RM.address)}</th><th>${t(locale, RM.diet)}</th><th>${t(locale, RM.texture)}</th><th>${t(locale, RM.allergies)}</th></tr></thead><tbody>
${rows.items.map((r) => html`<tr data-recipient-id="${r.id}"><td><a href="${RECIPIENTS_PATH}/${r.id}">${r.name}</a>${r.livesAlone ? html` <span class="tag warn">${t(locale, RM.livesAlone)}</span>` : ''}${r.active ? '' : html` <span class="tag">${t(locale, RM.inactive)}</span>`}</td>
<td>${r.address ?? ''}</td><td>${l.diets[r.diet] ?? r.diet}</td><td>${l.textures[r.texture] ?? r.texture}</td><td>${r.allergies.join('、')}</td></tr>`)}
</tbody></table>` : html`<p class="card">${t(locale, RM.none)}</p>`}
${rows.nextCursor ? html`<p><a href="${RECIPIENTS_PATH}?${new URLSearchParams({ ...(q ? { q } : {}), cursor: rows.nextCursor }).toString()}">${t(locale, RM.more)}</a></p>` : ''}`,
  };
}

function profileForm(ctx: RequestContext, locale: string, r: Recipient): SafeHtml {
  const l = labels(locale);
  const contacts = [...r.emergencyContacts, ...Array.from({ length: Math.max(0, CONTACT_ROWS - r.emergencyContacts.length) }, () => ({ name: '', relation: '', phone: '' }))];
  return html`<form method="post" action="${RECIPIENTS_PATH}/${r.id}" class="card stack rcp-form" id="rcp-profile">${csrf(ctx)}
  <div class="row">
    <label>${t(locale, RM.diet)}<select name="diet">${DIETS.map((d) => html`<option value="${d}" ${selected(d === r.diet)}>${l.diets[d] ?? d}</option>`)}</select></label>
    <label>${t(locale, RM.texture)}<select name="texture">${TEXTURES.map((x) => html`<option value="${x}" ${selected(x === r.texture)}>${l.textures[x] ?? x}</option>`)}</select></label>
  </div>
  <label>${t(locale, RM.allergies)} <small class="muted">${t(locale, RM.allergiesHelp)}</small><input name="allergies" value="${r.allergies.join('、')}" maxlength="900"></label>
  <label>${t(locale, RM.accessNotes)} <small class="muted">${t(locale, RM.accessHelp)}</small><textarea name="accessNotes" maxlength="500">${r.accessNotes ?? ''}</textarea></label>
  <fieldset><legend>${t(locale, RM.contacts)}</legend>
  ${contacts.map((c) => html`<div class="row">
    <label>${t(locale, RM.contactName)}<input name="contactName" value="${c.name}" maxlength="60"></label>
    <label>${t(locale, RM.contactRelation)}<input name="contactRelation" value="${c.relation ?? ''}" maxlength="30"></label>
    <label>${t(locale, RM.contactPhone)}<input name="contactPhone" value="${c.phone ?? ''}" inputmode="tel" maxlength="20"></label></div>`)}
  </fieldset>
  <fieldset><legend>${t(locale, RM.gridWorker)}</legend><div class="row">
    <label>${t(locale, RM.gridWorkerName)}<input name="gridWorkerName" value="${r.gridWorkerName ?? ''}" maxlength="60"></label>
    <label>${t(locale, RM.gridWorkerPhone)}<input name="gridWorkerPhone" value="${r.gridWorkerPhone ?? ''}" inputmode="tel" maxlength="20"></label></div>
  </fieldset>
  <label class="check"><input type="checkbox" name="active" ${checked(r.active)}> ${t(locale, RM.active)}</label>
  <button class="primary">${t(locale, RM.save)}</button>
</form>`;
}

function plansSection(ctx: RequestContext, locale: string, r: Recipient, slots: { code: string; name: string }[], todayDate: string): SafeHtml {
  const l = labels(locale);
  const slotName = (code: string) => slotNameIn(locale, code, slots.find((s) => s.code === code)?.name ?? code);
  const plans = r.plans ?? [];
  return html`<section class="card" id="rcp-plans"><h2>${t(locale, RM.plans)}</h2>
${plans.length ? html`<ul>${plans.map((p) => html`<li>${t(locale, RM.planLine, {
    slots: p.slotCodes.map(slotName).join('、'), weekdays: p.weekdays.map((d) => weekdayName(locale, d)).join(' '),
    start: p.startDate, end: p.endDate ? t(locale, RM.planEnds, { date: p.endDate }) : '', qty: p.quantity,
  })}
  <form method="post" action="${RECIPIENTS_PATH}/${r.id}/plans/${p.id}/end" class="row inline">${csrf(ctx)}
    <label>${t(locale, RM.endDate)}<input type="date" name="endDate" value="${p.endDate ?? todayDate}" required></label><button>${t(locale, RM.endPlan)}</button></form></li>`)}</ul>`
    : html`<p class="muted">${t(locale, RM.noPlans)}</p>`}
<details><summary>${t(locale, RM.addPlan)}</summary>
<form method="post" action="${RECIPIENTS_PATH}/${r.id}/plans" class="stack">${csrf(ctx)}
  <fieldset><legend>${t(locale, RM.slots)}</legend>${slots.map((s) => html`<label class="check"><input type="checkbox" name="slotCodes" value="${s.code}" ${checked(s.code === 'lunch')}> ${slotName(s.code)}</label>`)}</fieldset>
  <fieldset><legend>${t(locale, RM.weekdays)}</legend>${[1, 2, 3, 4, 5, 6, 7].map((d) => html`<label class="check"><input type="checkbox" name="weekdays" value="${d}" ${checked(d <= 5)}> ${weekdayName(locale, d)}</label>`)}</fieldset>
  <div class="row"><label>${t(locale, RM.startDate)}<input type="date" name="startDate" value="${todayDate}" required></label>
  <label>${t(locale, RM.endDate)}<input type="date" name="endDate"></label>
  <label>${t(locale, RM.quantity)}<input type="number" name="quantity" value="1" min="1" max="10" required></label></div>
  <button>${t(locale, RM.addPlan)}</button></form></details></section>`;
}

function holdsSection(ctx: RequestContext, locale: string, r: Recipient, todayDate: string): SafeHtml {
  const holds = r.holds ?? [];
  return html`<section class="card" id="rcp-holds"><h2>${t(locale, RM.holds)}</h2>
${holds.length ? html`<ul>${holds.map((h) => html`<li>${t(locale, RM.holdLine, { from: h.fromDate, to: h.toDate, reason: reasonName(locale, h.reason) })}${h.note ? html` · ${h.note}` : ''}
  <form method="post" action="${RECIPIENTS_PATH}/${r.id}/holds/${h.id}/delete" class="inline">${csrf(ctx)}<button class="danger">${t(locale, RM.deleteHold)}</button></form></li>`)}</ul>`
    : html`<p class="muted">${t(locale, RM.noHolds)}</p>`}
<details><summary>${t(locale, RM.addHold)}</summary>
<form method="post" action="${RECIPIENTS_PATH}/${r.id}/holds" class="stack">${csrf(ctx)}
  <div class="row"><label>${t(locale, RM.fromDate)}<input type="date" name="fromDate" value="${todayDate}" required></label>
  <label>${t(locale, RM.toDate)}<input type="date" name="toDate" value="${todayDate}" required></label>
  <label>${t(locale, RM.reason)}<select name="reason">${HOLD_REASONS.map((x) => html`<option value="${x}">${reasonName(locale, x)}</option>`)}</select></label></div>
  <label>${t(locale, RM.note)}<input name="note" maxlength="300"></label>
  <button>${t(locale, RM.addHold)}</button></form></details></section>`;
}

async function detailPage(deps: Deps, ctx: RequestContext, locale: string, id: string, done: z.infer<typeof recipientDetailQuery>) {
  const [r, slots] = await Promise.all([getRecipient(deps, ctx, id), listSlots(deps, ctx)]);
  const person = await personBasics(tenantDb(deps.prisma, ctx.tenantId), r.personId);
  const todayDate = today(ctx.timeZone);
  const notice = done.saved ? t(locale, RM[done.saved], { name: r.name, count: done.count ?? 0 }) : undefined;
  return {
    title: r.name,
    styles: ['delivery/board.css'],
    body: html`<p><a href="${RECIPIENTS_PATH}">← ${t(locale, RM.back)}</a></p>
<h1>${r.name} ${r.livesAlone ? html`<span class="tag warn">${t(locale, RM.livesAlone)}</span>` : ''} ${person?.deathDate ? html`<span class="tag bad">${t(locale, RM.deceased, { date: person.deathDate })}</span>` : ''}</h1>
<p>${r.address ?? ''} · ${r.phone ?? ''}</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${profileForm(ctx, locale, r)}
<div class="grid">${plansSection(ctx, locale, r, slots, todayDate)}${holdsSection(ctx, locale, r, todayDate)}</div>`,
  };
}

/** A plan or hold in the URL of another recipient (an old tab, an edited link) is "not found", never changed. */
async function assertOwn(deps: Deps, ctx: RequestContext, recipientId: string, kind: 'plans' | 'holds', id: string) {
  const r = await getRecipient(deps, ctx, recipientId);
  if (!(r[kind] ?? []).some((x) => x.id === id)) throw new NotFoundError(kind === 'plans' ? DN.mealPlan : DN.hold);
}

/**
 * Recipients for the kitchen manager: search by name, then one page per recipient with the
 * delivery profile (diet, texture, allergies, access notes, contacts), meal plans and holds.
 * Every form posts to the same services the API uses (same checks, same audit).
 */
export function registerRecipientPages(web: WebRouter, deps: Deps): void {
  const m = [...MANAGERS];
  web.addNav({ href: RECIPIENTS_PATH, label: RM.nav, roles: m });

  web.page({ path: RECIPIENTS_PATH, access: m, query: recipientSearchQuery }, async ({ ctx, locale, query }) =>
    listPage(locale, query.q, await listRecipients(deps, ctx, { q: query.q, cursor: query.cursor, limit: 50 })));

  web.page({ path: `${RECIPIENTS_PATH}/:id`, access: m, params: idParams, query: recipientDetailQuery },
    ({ ctx, locale, params, query }) => detailPage(deps, ctx, locale, params.id, query));

  web.action({ path: `${RECIPIENTS_PATH}/:id`, access: m, params: idParams, body: recipientEditBody }, async ({ ctx, params, body }) => {
    await updateRecipient(deps, ctx, params.id, body);
    return { redirect: `${RECIPIENTS_PATH}/${params.id}?saved=saved` };
  });

  web.action({ path: `${RECIPIENTS_PATH}/:id/plans`, access: m, params: idParams, body: planAddBody }, async ({ ctx, params, body }) => {
    await addPlan(deps, ctx, params.id, body);
    return { redirect: `${RECIPIENTS_PATH}/${params.id}?saved=planAdded` };
  });

  web.action({ path: `${RECIPIENTS_PATH}/:id/plans/:planId/end`, access: m, params: idParams.extend({ planId: idParams.shape.id }), body: planEndBody },
    async ({ ctx, params, body }) => {
      await assertOwn(deps, ctx, params.id, 'plans', params.planId);
      await updatePlan(deps, ctx, params.planId, body);
      return { redirect: `${RECIPIENTS_PATH}/${params.id}?saved=planEnded` };
    });

  web.action({ path: `${RECIPIENTS_PATH}/:id/holds`, access: m, params: idParams, body: holdAddBody }, async ({ ctx, params, body }) => {
    const hold = await addHold(deps, ctx, params.id, body);
    return { redirect: `${RECIPIENTS_PATH}/${params.id}?saved=holdAdded&count=${hold.ordersCancelled}` };
  });

  web.action({ path: `${RECIPIENTS_PATH}/:id/holds/:holdId/delete`, access: m, params: idParams.extend({ holdId: idParams.shape.id }) }, async ({ ctx, params }) => {
    await assertOwn(deps, ctx, params.id, 'holds', params.holdId);
    const hold = await deleteHold(deps, ctx, params.holdId);
    return { redirect: `${RECIPIENTS_PATH}/${params.id}?saved=holdDeleted&count=${hold.ordersRestored}` };
  });
}
