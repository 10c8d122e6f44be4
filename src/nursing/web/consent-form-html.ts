import type { RequestContext } from '../../http/context.js';
import { t } from '../../i18n/index.js';
import { formatLocalDateTime, localDateOf } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import { amountInCapitals } from '../billing/amount-capital.js';
import { CM } from './consent-messages.js';
import type { ConsentFacts } from './consent-pages.js';
import { genderText, yuan } from './web-common.js';

/**
 * The family consent form (知情同意书) on one A4 page: the patient, level and daily fee filled
 * in, what the aide does and does not do, how to revoke, and the signature lines — or the
 * signature drawn on the tablet when the family signed there.
 */
export function consentFormBody(ctx: RequestContext, locale: string, f: ConsentFacts): SafeHtml {
  const b = f.booking;
  const a = f.admission;
  const signed = [...b.consents].reverse().find((c) => c.active && c.hasSignature);
  const field = (label: string, value: string | SafeHtml) => html`<div class="form-field"><span class="form-label">${label}</span><span class="form-value">${value}</span></div>`;
  return html`<article class="a4 consent-form">
<div class="no-print print-bar"><button type="button" data-print class="primary">${t(locale, CM.printNow)}</button></div>
<h1 class="doc-hospital">${f.hospital}</h1>
<h2 class="doc-title">${t(locale, CM.formTitle)}</h2>
<div class="form-grid">
  ${field(t(locale, CM.formPatient), b.person.name)}${field(t(locale, CM.formGender), genderText(locale, b.person.gender))}
  ${field(t(locale, CM.formAge), a.person.age === null ? '—' : String(a.person.age))}${field(t(locale, CM.formWard), f.ward)}
  ${field(t(locale, CM.formBed), b.bedCode ?? '—')}${field(t(locale, CM.formAdmitted), localDateOf(new Date(a.admittedAt), ctx.timeZone))}
  ${field(t(locale, CM.formLevel), `${f.level.name}（${t(locale, CM.formRatio, { n: f.level.patientsPerAide })}）`)}
  ${field(t(locale, CM.formStart), b.startDate)}
</div>
${field(t(locale, CM.formFee), t(locale, CM.formFeeValue, { yuan: yuan(f.level.dailyFee), capitals: amountInCapitals(f.level.dailyFee) }))}
<p>${t(locale, CM.formIntro)}</p>
<h3>${t(locale, CM.formDoesTitle)}</h3><p>${t(locale, CM.formDoes)}</p>
<h3>${t(locale, CM.formDoesNotTitle)}</h3><p>${t(locale, CM.formDoesNot)}</p>
<h3>${t(locale, CM.formFeesTitle)}</h3><p>${t(locale, CM.formFees)}</p>
<h3>${t(locale, CM.formRevokeTitle)}</h3><p>${t(locale, CM.formRevoke)}</p>
<p class="agree">${t(locale, CM.formAgree)}</p>
${signed ? html`<div class="signed-block">
  <img class="signature-img" alt="${t(locale, CM.signature)}" src="/nursing/bookings/${b.id}/consents/${signed.id}/signature">
  <p>${t(locale, CM.formSigner)}：<b class="signer-name">${signed.signerName}</b>　${t(locale, CM.formRelation)}：${signed.relation}</p>
  <p class="muted">${t(locale, CM.formSignedOnTablet, { time: formatLocalDateTime(new Date(signed.signedAt), ctx.timeZone) })}</p></div>`
    : html`<div class="sign-lines">
  <p>${t(locale, CM.formSigner)}：<span class="line"></span>　${t(locale, CM.formRelation)}：<span class="line short"></span></p>
  <p>${t(locale, CM.formPhone)}：<span class="line"></span>　${t(locale, CM.formDate)}：<span class="line short"></span></p></div>`}
<p class="staff-line">${t(locale, CM.formStaff)}：<span class="line"></span>　${t(locale, CM.formDate)}：<span class="line short"></span></p>
</article>`;
}
