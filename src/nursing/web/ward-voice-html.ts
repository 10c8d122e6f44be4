import { t } from '../../i18n/index.js';
import { VM } from '../../voice/index.js';
import type { FigureRow } from '../../voice/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import type { WardVoice } from '../roster/ward-voice.js';
import { WM } from './ward-messages.js';

const rate = (v: number | null) => (v === null ? '—' : `${v}%`);
const stars = (tenths: number | null) => (tenths === null ? '—' : (tenths / 10).toFixed(1));

function figureCells(locale: string, r: FigureRow, withTickets: boolean): SafeHtml {
  return html`<td>${r.ratings}</td><td>${stars(r.meanTenths)}</td><td class="satisfaction">${rate(r.satisfactionPct)}</td>
${withTickets ? html`<td>${r.tickets}</td><td class="accepted">${rate(r.acceptedInTimePct)}</td><td class="resolved">${rate(r.resolvedInTimePct)}</td>`
    : html`<td colspan="3" class="muted">${t(locale, WM.voiceNoTickets)}</td>`}`;
}

/**
 * Residents' voice on the coordinator's boards: this month's satisfaction and response rates of
 * each ward and of each aide, and each low rating with its comment (tickets are a ward's, not an
 * aide's). The ward board shows its one ward; the roster board every ward (`allWards`: the low
 * ratings then say which ward).
 */
export function wardVoiceCard(locale: string, v: WardVoice, opts: { allWards?: boolean } = {}): SafeHtml {
  const head = html`<h2>${t(locale, WM.voiceHead, { month: v.month })} <a class="small no-print" href="/app/voice/report?month=${v.month}">${t(locale, WM.voiceReport)}</a></h2>`;
  if (!v.wards.length && !v.aides.length) return html`<section class="card ward-voice">${head}<p class="muted">${t(locale, opts.allWards ? WM.voiceNoneAll : WM.voiceNone)}</p></section>`;
  const cols = [WM.voiceWhat, VM.colRatings, VM.colMean, VM.colSatisfaction, VM.colTickets, VM.colResponse, VM.colResolved];
  const lowLine = (l: WardVoice['low'][number]) => {
    const params = { date: l.date, patient: l.patient, aide: l.aide ?? '—', mean: stars(l.meanTenths) };
    return opts.allWards ? t(locale, WM.voiceLowWard, { ...params, ward: l.ward }) : t(locale, WM.voiceLow, params);
  };
  return html`<section class="card ward-voice">${head}
<table class="voice-figures"><thead><tr>${cols.map((c) => html`<th>${t(locale, c)}</th>`)}</tr></thead><tbody>
${v.wards.map((w) => html`<tr data-voice="ward" data-ward="${w.id}"><th scope="row">${t(locale, VM.unit_ward)} ${w.name}</th>${figureCells(locale, w, true)}</tr>`)}
${v.aides.map((a) => html`<tr data-voice-aide="${a.id}"><th scope="row">${t(locale, WM.voiceAide, { name: a.name })}</th>${figureCells(locale, a, false)}</tr>`)}
</tbody></table>
${v.low.length ? html`<h3>${t(locale, WM.voiceLowHead)}</h3><ul class="voice-low">${v.low.map((l) => html`<li data-booking="${l.bookingId}">${lowLine(l)}${
    l.comment ? html`<div class="muted comment">${l.comment}</div>` : ''}</li>`)}</ul>` : ''}
</section>`;
}
