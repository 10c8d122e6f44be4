import type { RequestContext } from '../../http/context.js';
import { t } from '../../i18n/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import type { WardBoard } from '../roster/ward-board-service.js';
import { CARE_NOTES_MAX } from '../schemas-care.js';
import { formKeys, genderText, statusText } from './web-common.js';
import { WM } from './ward-messages.js';

type Stay = NonNullable<WardBoard['beds'][number]['stay']>;
type Booking = NonNullable<Stay['booking']>;
export interface FreeBed { wardId: string; wardName: string; bedId: string; bedCode: string }

/** The care-booking fields (Barthel → suggested level, override + reason, gender, dates); ward.js fills the hint. */
export function careFields(locale: string, levels: WardBoard['levels']): SafeHtml {
  return html`<div class="care-fields row">
  <label>${t(locale, WM.barthel)}<input name="barthelScore" type="number" min="0" max="100" step="1" inputmode="numeric" required></label>
  <label>${t(locale, WM.levelChoice)}<select name="levelCode"><option value="">${t(locale, WM.levelAsSuggested)}</option>
    ${levels.map((l) => html`<option value="${l.code}">${l.name}</option>`)}</select></label>
  <label class="override-reason">${t(locale, WM.overrideReason)}<input name="overrideReason" maxlength="500"></label>
  <label>${t(locale, WM.genderPref)}<select name="genderPreference"><option value="">${t(locale, WM.anyGender)}</option>
    <option value="female">${t(locale, WM.female)}</option><option value="male">${t(locale, WM.male)}</option></select></label>
  <label class="check"><input type="checkbox" name="genderRequired" value="true"> ${t(locale, WM.genderRequired)}</label>
  <label>${t(locale, WM.startDate)}<input name="startDate" type="date"></label>
  <label>${t(locale, WM.endDate)}<input name="endDate" type="date"></label>
  <label class="care-notes-field">${t(locale, WM.careNotesLabel)}<textarea name="careNotes" rows="2" maxlength="${CARE_NOTES_MAX}" placeholder="${t(locale, WM.careNotesPlaceholder)}"></textarea></label>
  <p class="barthel-hint muted" aria-live="polite"></p>
</div>`;
}

function levelCell(locale: string, b: Booking, names: Map<string, string>): SafeHtml {
  const name = (code: string | null) => (code ? (names.get(code) ?? code) : '');
  return html`<span class="tag">${name(b.levelCode)}</span> <span class="tag ${b.status === 'active' ? 'ok' : b.status === 'pending' ? 'warn' : ''}">${statusText(locale, b.status)}</span>
    ${b.barthelScore !== null ? html`<br><small class="muted">Barthel ${b.barthelScore}</small>` : ''}
    ${b.overrideReason ? html`<br><small class="muted">${t(locale, WM.overridden, { suggested: name(b.suggestedLevel), level: name(b.levelCode), reason: b.overrideReason })}</small>` : ''}`;
}

function genderCell(locale: string, b: Booking): string {
  if (!b.genderPreference) return t(locale, WM.anyGender);
  return t(locale, b.genderRequired ? WM.requires : WM.prefers, { gender: genderText(locale, b.genderPreference) });
}

/** What the family asks the aides to mind: shown on the board, edited in place; aides read it on their phone page. */
function careNotesForm(ctx: RequestContext, locale: string, board: WardBoard, b: Booking): SafeHtml {
  return html`<div class="care-notes">${b.careNotes ? html`<p class="care-notes-text"><b>${t(locale, WM.careNotes)}</b> ${b.careNotes}</p>` : ''}
  <details${b.careNotes ? '' : html` class="care-notes-empty"`}><summary>${t(locale, b.careNotes ? WM.careNotesEdit : WM.careNotesAdd)}</summary>
    <form method="post" action="/app/nursing/ward/bookings/${b.id}/care-notes" class="stack">${formKeys(ctx)}<input type="hidden" name="ward" value="${board.ward.id}">
      <label>${t(locale, WM.careNotesLabel)}<textarea name="careNotes" rows="2" maxlength="${CARE_NOTES_MAX}" placeholder="${t(locale, WM.careNotesPlaceholder)}">${b.careNotes ?? ''}</textarea></label>
      <button class="primary">${t(locale, WM.careNotesSave)}</button></form></details></div>`;
}

function stayActions(ctx: RequestContext, locale: string, board: WardBoard, s: Stay, free: FreeBed[]): SafeHtml {
  return html`<div class="ward-actions">
  ${s.booking ? html`<a class="button" href="/app/nursing/bookings/${s.booking.id}/consent">${t(locale, WM.consentLink)}</a>` : ''}
  <details class="ward-transfer"><summary>${t(locale, WM.transfer)}</summary>
    <form method="post" action="/app/nursing/ward/admissions/${s.admissionId}/transfer" class="row">${formKeys(ctx)}
      <label>${t(locale, WM.transferTo)}<select name="target" required>${free.map((f) => html`<option value="${f.wardId}:${f.bedId}">${f.wardName} ${f.bedCode}</option>`)}</select></label>
      <button>${t(locale, WM.transfer)}</button></form></details>
  <form method="post" action="/app/nursing/ward/admissions/${s.admissionId}/discharge" class="inline" data-confirm="${t(locale, WM.dischargeConfirm)}">${formKeys(ctx)}
    <input type="hidden" name="ward" value="${board.ward.id}"><button class="danger">${t(locale, WM.discharge)}</button></form>
</div>`;
}

function stayRow(ctx: RequestContext, locale: string, board: WardBoard, bed: string, s: Stay, free: FreeBed[], names: Map<string, string>): SafeHtml {
  const b = s.booking;
  const who = [genderText(locale, s.person.gender), s.person.age !== null ? t(locale, WM.age, { age: s.person.age }) : ''].filter(Boolean).join(' · ');
  return html`<tr data-bed="${bed}" class="occupied">
  <td class="bed-code">${bed}</td>
  <td><b class="patient-name">${s.person.name}</b><br><small class="muted">${who}</small>${b && b.status !== 'ended' ? careNotesForm(ctx, locale, board, b) : ''}</td>
  ${b ? html`
  <td>${levelCell(locale, b, names)}</td>
  <td class="consent-state">${b.consentActive ? html`<span class="tag ok">${t(locale, WM.consentYes)}</span>` : html`<span class="tag bad">${t(locale, WM.consentNo)}</span>`}</td>
  <td>${genderCell(locale, b)}</td>
  <td>${b.startDate} – ${b.endDate ?? t(locale, WM.openEnd)}</td>` : html`
  <td colspan="4"><span class="tag warn">${t(locale, WM.noBooking)}</span>
    <details><summary>${t(locale, WM.bookTitle)}</summary>
    <form method="post" action="/app/nursing/ward/admissions/${s.admissionId}/book" class="stack">${formKeys(ctx)}
      <input type="hidden" name="ward" value="${board.ward.id}">${careFields(locale, board.levels)}<button class="primary">${t(locale, WM.book)}</button></form></details></td>`}
  <td>${stayActions(ctx, locale, board, s, free)}</td>
</tr>`;
}

/** The board: one row per bed (and per patient without a bed). */
export function boardTable(ctx: RequestContext, locale: string, board: WardBoard, free: FreeBed[]): SafeHtml {
  const names = new Map(board.levels.map((l) => [l.code, l.name]));
  const rows = board.beds.map((bed) => (bed.stay
    ? stayRow(ctx, locale, board, bed.code, bed.stay, free, names)
    : html`<tr data-bed="${bed.code}" class="free"><td class="bed-code">${bed.code}</td><td colspan="6" class="muted">${t(locale, WM.empty)}</td></tr>`));
  const loose = board.unbedded.map((s) => stayRow(ctx, locale, board, t(locale, WM.noBed), s, free, names));
  return html`<table class="ward-board"><thead><tr><th>${t(locale, WM.bed)}</th><th>${t(locale, WM.patient)}</th><th>${t(locale, WM.level)}</th>
<th>${t(locale, WM.consent)}</th><th>${t(locale, WM.genderPref)}</th><th>${t(locale, WM.dates)}</th><th>${t(locale, WM.actions)}</th></tr></thead>
<tbody>${rows}${loose}</tbody></table>`;
}

export function admitCard(ctx: RequestContext, locale: string, board: WardBoard, people: { id: string; name: string; gender: 'male' | 'female'; age: number | null }[], q: string | undefined): SafeHtml {
  const freeBeds = board.beds.filter((b) => !b.stay);
  return html`<details class="card admit" open><summary><b>${t(locale, WM.admitTitle)}</b></summary>
<form method="get" action="/app/nursing/ward" class="row"><input type="hidden" name="ward" value="${board.ward.id}">
  <label>${t(locale, WM.searchPerson)}<input name="q" value="${q ?? ''}" maxlength="50"></label><button>${t(locale, WM.search)}</button></form>
${people.length ? html`<form method="post" action="/app/nursing/ward/admit" class="stack">${formKeys(ctx)}<input type="hidden" name="ward" value="${board.ward.id}">
  <div class="row"><label>${t(locale, WM.person)}<select name="personId" required>${people.map((p) => html`<option value="${p.id}">${p.name}（${genderText(locale, p.gender)}${p.age !== null ? ` ${p.age}` : ''}）</option>`)}</select></label>
  <label>${t(locale, WM.freeBed)}<select name="bedId">${freeBeds.map((b) => html`<option value="${b.id}">${b.code}</option>`)}<option value="">${t(locale, WM.noBed)}</option></select></label></div>
  ${careFields(locale, board.levels)}
  <button class="primary">${t(locale, WM.admit)}</button></form>` : html`<p class="muted">${t(locale, WM.noPeople)}</p>`}
</details>`;
}

export function dischargedCard(locale: string, board: WardBoard): SafeHtml {
  if (!board.discharged.length) return html``;
  return html`<section class="card"><h2>${t(locale, WM.recent)}</h2><ul class="discharged">${board.discharged.map((a) => html`<li>${a.name}
  ${a.invoices.length ? a.invoices.map((i) => html` <a href="/app/nursing/invoices/${i.id}">${t(locale, WM.invoice, { number: i.number })}</a>`) : html` <span class="muted">${t(locale, WM.noInvoice)}</span>`}</li>`)}</ul></section>`;
}

export const consentRuleSentence = (locale: string) => html`<p class="notice consent-rule">${t(locale, WM.consentRule)}</p>`;
