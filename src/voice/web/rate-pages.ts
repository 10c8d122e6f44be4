import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { AppError } from '../../http/errors.js';
import { render, t } from '../../i18n/index.js';
import { html, raw } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { limitCode, openCode, rateByCode, ratingOf } from '../rating-service.js';
import type { CodeContext } from '../rating-service.js';
import { RATER_KINDS, TICKET_CATEGORIES, codeTicketSchema, ratingInputSchema } from '../schemas.js';
import { SCORE_KEYS } from '../subjects.js';
import { openTicket, stepTicket, viewTickets } from '../ticket-service.js';
import { voiceSettings } from '../settings.js';
import { VM } from '../messages.js';

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const codeParams = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{60,80}$/) });
const ticketParams = codeParams.extend({ id: z.uuid() });
const KIND_LABEL = { meal: VM.kindMeal, canteen_visit: VM.kindCanteen, nursing_stay: VM.kindStay } as const;
const NOTICES = { rated: VM.thanks, reported: VM.complaintSent, tooSoon: VM.codeTooSoon } as const;

/** A form posts stars as text ("4"); the rating schema wants {scores: {taste: 4}}. The form's one-time key rides along. */
const ratingForm = z.record(z.string(), z.string()).transform((f): unknown => ({
  scores: Object.fromEntries(Object.entries(f).filter(([k]) => k.startsWith('score_')).map(([k, v]) => [k.slice(6), v])),
  comment: f.comment || undefined, raterKind: f.raterKind || undefined, requestKey: f.requestKey || undefined,
})).pipe(ratingInputSchema.extend({ requestKey: z.string().min(8).max(64).optional() }));
/** A fresh one-time key per rendered form: a replay of that form is recognised, a new form is a new submission. */
const formKey = () => html`<input type="hidden" name="requestKey" value="${randomBytes(12).toString('base64url')}">`;

/**
 * The resident's page behind a printed code: no sign-in, nothing about the person — only what was
 * served, when and by which unit. Plain forms (no script needed on an old phone); with script
 * (voice/rate.js) a form that cannot be sent is kept on the phone and sent when the network is back.
 */
export function registerRatePages(web: WebRouter, deps: Deps): void {
  web.assets.mount('voice', ASSETS_DIR);

  web.page({ path: '/app/rate/:code', access: 'public', params: codeParams, query: z.object({ done: z.enum(['rated', 'reported', 'tooSoon']).optional() }) },
    async ({ params, query, req, res }) => {
      const fallback = req.acceptsLanguages('zh-CN', 'zh', 'en') === 'en' ? 'en' : 'zh-CN';
      try {
        return await ratePage(deps, await openCode(deps, params.code, fallback), params.code, query.done);
      } catch (err) {
        return refusal(err, res, fallback);
      }
    });

  web.action({ path: '/app/rate/:code', access: 'public', params: codeParams, body: ratingForm }, async ({ params, body }) => {
    const { requestKey, ...input } = body;
    return onceAnHour(params.code, 'rated', () => rateByCode(deps, params.code, input, 'zh-CN', requestKey));
  });

  web.action({ path: '/app/rate/:code/tickets', access: 'public', params: codeParams, body: codeTicketSchema }, async ({ params, body }) => {
    const opened = await openCode(deps, params.code, 'zh-CN');
    return onceAnHour(params.code, 'reported', async () => {
      await limitCode(deps, 'voice-ticket', params.code, body.requestKey ? body : undefined);
      await openTicket(deps, { tenantId: opened.tenant.id, userId: null }, opened.subject, { ...body, source: 'code' });
    });
  });

  for (const action of ['confirm', 'reopen'] as const) {
    web.action({ path: `/app/rate/:code/tickets/:id/${action}`, access: 'public', params: ticketParams }, async ({ params }) => {
      const o = await openCode(deps, params.code, 'zh-CN');
      // Only a ticket about this code's own meal or stay.
      await stepTicket(deps, { tenantId: o.tenant.id, userId: null }, o.tenant.locale, params.id, action, {}, { subjectKind: o.subject.kind, subjectId: o.subject.id });
      return { redirect: `/app/rate/${params.code}` };
    });
  }
}

/** Runs a submission of the page; a code already used this hour sends the resident back with that sentence. */
async function onceAnHour(code: string, done: 'rated' | 'reported', submit: () => Promise<unknown>) {
  try {
    await submit();
  } catch (err) {
    if (err instanceof AppError && err.status === 429) return { redirect: `/app/rate/${code}?done=tooSoon` };
    throw err;
  }
  return { redirect: `/app/rate/${code}?done=${done}` };
}

/** A code that is forged, expired or not yet ratable gets its own sentence, not a generic error page. */
function refusal(err: unknown, res: { status(code: number): unknown }, locale: string) {
  if (!(err instanceof AppError) || (err.status !== 404 && err.status !== 422)) throw err;
  res.status(err.status);
  return { title: t(locale, VM.rateTitle), bare: true, body: html`<section class="card narrow voice"><h1>${t(locale, VM.rateTitle)}</h1>
<p class="error big-text" role="alert">${err.detail ? render(locale, err.detail) : ''}</p></section>` };
}

function stars(locale: string, name: string, label: string, current?: number): SafeHtml {
  return html`<fieldset class="stars"><legend>${label}</legend>
${[1, 2, 3, 4, 5].map((n) => html`<label class="star"><input type="radio" name="score_${name}" value="${n}" required ${current === n ? raw('checked') : ''}><span>${t(locale, VM.stars, { n })}</span></label>`)}
</fieldset>`;
}

async function ratePage(deps: Deps, o: CodeContext, code: string, done?: keyof typeof NOTICES) {
  const locale = o.tenant.locale;
  const [rating, tickets, sla] = await Promise.all([
    ratingOf(o.db, o.subject.kind, o.subject.id),
    o.db.ticket.findMany({ where: { subjectKind: o.subject.kind, subjectId: o.subject.id }, orderBy: { createdAt: 'desc' }, take: 10 }),
    voiceSettings(deps.prisma, o.tenant.id),
  ]);
  const scores = (rating?.scores ?? {}) as Record<string, number>;
  const views = await viewTickets(o.db, tickets);
  const notice = done ? t(locale, NOTICES[done], { unit: o.subject.unitName, hours: sla.acceptWithinHours }) : '';
  const base = `/app/rate/${code}`;
  return {
    title: t(locale, VM.rateTitle), bare: true, styles: ['voice/voice.css'], scripts: ['voice/rate.js'],
    messages: Object.fromEntries([VM.waitingOnline, VM.waitingRetry, VM.notSent].map((m) => [m.key, t(locale, m)])),
    body: html`<section class="card narrow voice">
<h1>${t(locale, VM.rateTitle)}</h1>
<p class="big-text">${t(locale, KIND_LABEL[o.subject.kind])} · ${t(locale, VM.rateIntro, { date: o.subject.date, unit: o.subject.unitName })}</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p class="waiting" id="rate-waiting" role="status" hidden></p>
${rating ? html`<p class="muted" id="current-rating">${t(locale, VM.yourRating, { mean: (rating.meanTenths / 10).toFixed(1) })}</p>` : ''}
<form method="post" action="${base}" class="stack" data-offline="rating">${formKey()}
  ${SCORE_KEYS[o.subject.kind].map((k) => stars(locale, k, t(locale, VM[k as 'taste']), scores[k]))}
  <label>${t(locale, VM.raterKind)}<select name="raterKind">${RATER_KINDS.map((r) => html`<option value="${r}" ${rating?.raterKind === r ? raw('selected') : ''}>${t(locale, VM[`rater_${r}`])}</option>`)}</select></label>
  <label>${t(locale, VM.comment)}<textarea name="comment" maxlength="500" rows="3">${rating?.comment ?? ''}</textarea></label>
  <button class="primary big">${t(locale, VM.submit)}</button>
</form>
</section>
<section class="card narrow voice">
<h2>${t(locale, VM.complainTitle)}</h2>
<form method="post" action="${base}/tickets" class="stack" data-offline="ticket">${formKey()}
  <label>${t(locale, VM.category)}<select name="category">${TICKET_CATEGORIES.map((c) => html`<option value="${c}">${t(locale, VM[`cat_${c}`])}</option>`)}</select></label>
  <label>${t(locale, VM.description)}<textarea name="description" required maxlength="1000" rows="3"></textarea></label>
  <button class="big">${t(locale, VM.sendComplaint)}</button>
</form>
${views.length ? html`<h3>${t(locale, VM.yourTickets)}</h3><ul class="tickets">${views.map((v) => html`<li class="ticket" data-status="${v.status}">
  <b>${t(locale, VM[`cat_${v.category}`])}</b> · <span class="status">${t(locale, VM[`status_${v.status}`])}</span><div>${v.description}</div>
  ${v.resolution ? html`<div class="muted">${t(locale, VM.resolution)}：${v.resolution}</div>` : ''}
  ${v.status === 'resolved' ? html`<div class="row">
    <form method="post" action="${base}/tickets/${v.id}/confirm" class="inline"><button class="primary">${t(locale, VM.confirm)}</button></form>
    <form method="post" action="${base}/tickets/${v.id}/reopen" class="inline"><button>${t(locale, VM.reopen)}</button></form></div>` : ''}
</li>`)}</ul>` : ''}
</section>`,
  };
}
