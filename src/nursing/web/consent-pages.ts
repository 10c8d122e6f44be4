import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { idParams } from '../../http/common-schemas.js';
import type { RequestContext } from '../../http/context.js';
import { t } from '../../i18n/index.js';
import { formatLocalDateTime } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { getAdmission } from '../care/admission-service.js';
import { activateBooking, getBooking, recordConsent, revokeConsent } from '../care/booking-service.js';
import { consentInput } from '../schemas-care.js';
import { listCareLevels, listWards } from '../setup/setup-service.js';
import { CM } from './consent-messages.js';
import { consentFormBody } from './consent-form-html.js';
import { blank, formKey, formKeys, once, statusText, yuan } from './web-common.js';
import { WM } from './ward-messages.js';

const coordinator = ['hospital_coordinator'] as const;
const pagePath = (id: string) => `/app/nursing/bookings/${id}/consent`;

/** Everything the consent page and the printed form say about a booking. */
export async function consentFacts(deps: Deps, ctx: RequestContext, bookingId: string) {
  const booking = await getBooking(deps, ctx, bookingId);
  const [admission, wards, levels, tenant] = await Promise.all([
    getAdmission(deps, ctx, booking.admissionId), listWards(deps, ctx), listCareLevels(deps, ctx),
    deps.prisma.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { name: true } }),
  ]);
  const level = levels.find((l) => l.code === booking.levelCode);
  return {
    booking, admission, hospital: tenant.name, ward: wards.find((w) => w.id === booking.wardId)?.name ?? '',
    level: { code: booking.levelCode, name: level?.name ?? booking.levelCode, dailyFee: level?.dailyFee ?? 0, patientsPerAide: level?.patientsPerAide ?? 1 },
  };
}
export type ConsentFacts = Awaited<ReturnType<typeof consentFacts>>;

function consentList(ctx: RequestContext, locale: string, f: ConsentFacts) {
  const b = f.booking;
  if (!b.consents.length) return html`<p class="muted">${t(locale, CM.none)}</p>`;
  return html`<table class="consents"><thead><tr><th>${t(locale, CM.signer)}</th><th>${t(locale, CM.relation)}</th><th>${t(locale, CM.method)}</th>
<th>${t(locale, CM.signedAt)}</th><th>${t(locale, CM.state)}</th><th></th></tr></thead><tbody>
${b.consents.map((c) => html`<tr class="consent-row">
  <td>${c.signerName}</td><td>${c.relation}</td>
  <td>${t(locale, CM[`method_${c.method}`])}${c.hasSignature ? html`<br><img class="signature-thumb" alt="${t(locale, CM.signature)}" src="/nursing/bookings/${b.id}/consents/${c.id}/signature">` : ''}</td>
  <td>${formatLocalDateTime(new Date(c.signedAt), ctx.timeZone)}</td>
  <td>${c.revokedAt ? t(locale, CM.revokedAt, { time: formatLocalDateTime(new Date(c.revokedAt), ctx.timeZone), reason: c.revokedReason ? `：${c.revokedReason}` : '' })
    : html`<span class="tag ok">${t(locale, CM.active)}</span>`}</td>
  <td>${c.active && b.status !== 'ended' ? html`<form method="post" action="${pagePath(b.id)}s/${c.id}/revoke" class="row" data-confirm="${t(locale, CM.revokeConfirm)}">${formKeys(ctx)}
    <label>${t(locale, CM.revokeReason)}<input name="reason" maxlength="300"></label><button class="danger">${t(locale, CM.revoke)}</button></form>` : ''}</td>
</tr>`)}</tbody></table>`;
}

function consentPage(ctx: RequestContext, locale: string, f: ConsentFacts, notice?: string) {
  const b = f.booking;
  const open = b.status !== 'ended';
  return html`<p class="no-print"><a href="/app/nursing/ward?ward=${b.wardId}">← ${t(locale, CM.back)}</a></p>
<h1>${t(locale, CM.title, { name: b.person.name })}</h1>
<p class="consent-summary">${t(locale, CM.summary, { ward: f.ward, bed: b.bedCode ?? t(locale, WM.noBed), level: f.level.name, fee: yuan(f.level.dailyFee), status: statusText(locale, b.status) })}</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p class="${b.consentActive ? 'notice' : 'notice warn'} consent-rule">${t(locale, WM.consentRule)}</p>
<div class="row">
  <a class="button" href="${pagePath(b.id)}-form" target="_blank">${t(locale, CM.print)}</a>
  ${b.status === 'pending' && b.consentActive ? html`<form method="post" action="/app/nursing/bookings/${b.id}/activate" class="inline">${formKeys(ctx)}<button class="primary">${t(locale, CM.activate)}</button></form>` : ''}
</div>
<section class="card"><h2>${t(locale, CM.consents)}</h2>${consentList(ctx, locale, f)}</section>
${open ? html`
<section class="card"><h2>${t(locale, CM.recordTitle)}</h2>
<form method="post" action="${pagePath(b.id)}s" class="row">${formKeys(ctx)}
  <label>${t(locale, CM.signer)}<input name="signerName" required maxlength="100"></label>
  <label>${t(locale, CM.relation)}<input name="relation" required maxlength="50" placeholder="${t(locale, CM.relationHint)}"></label>
  <label>${t(locale, CM.method)}<select name="method"><option value="paper">${t(locale, CM.method_paper)}</option><option value="verbal">${t(locale, CM.method_verbal)}</option></select></label>
  <button class="primary">${t(locale, CM.record)}</button></form></section>
<section class="card sign-card" id="sign"><h2>${t(locale, CM.signTitle)}</h2>
<div class="row"><label>${t(locale, CM.signer)}<input id="sign-name" maxlength="100"></label>
  <label>${t(locale, CM.relation)}<input id="sign-relation" maxlength="50" placeholder="${t(locale, CM.relationHint)}"></label></div>
<p class="muted">${t(locale, CM.signHere)}</p>
<canvas id="sign-pad" class="sign-pad"></canvas>
<div class="row"><button type="button" id="sign-clear">${t(locale, CM.signClear)}</button><button type="button" id="sign-save" class="primary">${t(locale, CM.signSave)}</button></div>
</section>` : html`<p class="muted">${t(locale, CM.notOpen)}</p>`}`;
}

const DONE = ['admitted', 'recorded', 'signed', 'activated', 'revoked'] as const;
type Done = (typeof DONE)[number];

/** The sentence after a redirect back to the page. */
function noticeText(locale: string, f: ConsentFacts, done: Done, removed = 0): string {
  switch (done) {
    case 'admitted': return t(locale, WM.admitted, { name: f.booking.person.name, bed: f.booking.bedCode ?? t(locale, WM.noBed) });
    case 'recorded': return t(locale, CM.recorded);
    case 'signed': return t(locale, CM.signSaved);
    case 'activated': return t(locale, CM.activated);
    case 'revoked': return t(locale, CM.revoked, { removed: removed ? t(locale, CM.removedShifts, { count: removed }) : '' });
  }
}

/** The consent page (record, sign on the tablet, revoke, activate) and the printable form. */
export function registerConsentPages(web: WebRouter, deps: Deps): void {
  const show = async (ctx: RequestContext, locale: string, id: string, done?: Done, removed?: number) => {
    const f = await consentFacts(deps, ctx, id);
    const notice = done ? noticeText(locale, f, done, removed) : undefined;
    return {
      title: t(locale, CM.title, { name: f.booking.person.name }),
      scripts: ['nursing/consent-signature.js'], styles: ['nursing/nursing.css'],
      messages: Object.fromEntries([CM.signEmpty, CM.signNeedName].map((m) => [m.key, t(locale, m)])),
      data: { bookingId: id, signaturePadUrl: web.assets.url('vendor/signature_pad.umd.min.js') },
      body: consentPage(ctx, locale, f, notice),
    };
  };
  const noticeOf = z.strictObject({ done: z.enum(DONE).optional(), n: z.coerce.number().int().min(0).max(100_000).optional() });

  web.page({ path: '/app/nursing/bookings/:id/consent', access: [...coordinator], params: idParams, query: noticeOf }, async ({ ctx, locale, params, query }) => {
    return show(ctx, locale, params.id, query.done, query.n);
  });

  web.action({ path: '/app/nursing/bookings/:id/consents', access: [...coordinator], params: idParams,
    body: z.strictObject({ signerName: consentInput.shape.signerName, relation: consentInput.shape.relation, method: z.enum(['paper', 'verbal']), _key: formKey }) },
  async ({ ctx, params, body }) => once(deps, ctx, 'consent.record', body._key, [params, body], async () => {
    const { _key, ...input } = body;
    await recordConsent(deps, ctx, params.id, input);
    return `${pagePath(params.id)}?done=recorded`;
  }));

  web.action({ path: '/app/nursing/bookings/:id/consents/:consentId/revoke', access: [...coordinator],
    params: z.strictObject({ id: z.uuid(), consentId: z.uuid() }), body: z.strictObject({ reason: blank(z.string().max(300)), _key: formKey }) },
  async ({ ctx, params, body }) => once(deps, ctx, 'consent.revoke', body._key, [params, body], async () => {
    const out = await revokeConsent(deps, ctx, params.id, params.consentId, { reason: body.reason });
    return `${pagePath(params.id)}?done=revoked&n=${out.removedAssignments}`;
  }));

  web.action({ path: '/app/nursing/bookings/:id/activate', access: [...coordinator], params: idParams, body: z.strictObject({ _key: formKey }) },
    async ({ ctx, params, body }) => once(deps, ctx, 'booking.activate', body._key, params, async () => {
      await activateBooking(deps, ctx, params.id);
      return `${pagePath(params.id)}?done=activated`;
    }));

  // The family consent form (知情同意书), pre-filled, A4: printed for a paper signature or kept with the drawn one.
  web.page({ path: '/app/nursing/bookings/:id/consent-form', access: [...coordinator], params: idParams }, async ({ ctx, locale, params }) => {
    const f = await consentFacts(deps, ctx, params.id);
    return { title: t(locale, CM.formTitle), bare: true, styles: ['nursing/nursing.css'], body: consentFormBody(ctx, locale, f) };
  });
}
