import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { dateRange, localDate } from '../../http/common-schemas.js';
import { pick, t } from '../../i18n/index.js';
import type { Message } from '../../i18n/index.js';
import { addDays, today, weekdayOf } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { rosterBoard } from '../roster/roster-board-service.js';
import type { BoardCell, BoardPatient, BoardUncovered, RosterBoard } from '../roster/roster-board-service.js';
import type { ChangeItem } from '../roster/roster-changes.js';
import { MAX_ROSTER_DAYS } from '../roster/schemas-roster.js';
import { wardVoice } from '../roster/ward-voice.js';
import { RM } from './roster-messages.js';
import { wardVoiceCard } from './ward-voice-html.js';

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
export const ROSTER_PATH = '/app/nursing/roster';

const boardQuery = z.strictObject({
  from: localDate.optional(), to: localDate.optional(), run: z.uuid().optional(),
}).superRefine(dateRange('from', 'to', MAX_ROSTER_DAYS));

type L = (m: Message, p?: Record<string, string | number>) => string;

/** 'MM-DD 周一 白班' for a shift of the board. */
const shiftLabel = (l: L, date: string, shiftName: string) =>
  l(RM.shiftOn, { date: date.slice(5), weekday: l(RM[`wd${weekdayOf(date)}` as 'wd1']), shift: shiftName });
const patientLabel = (l: L, p: { name: string; bed: string | null }) => (p.bed ? l(RM.patientBed, { name: p.name, bed: p.bed }) : p.name);

/** The family's care notes of a patient, folded in the cell (opened on a tap, so the grid stays readable). */
const careNotesDetail = (l: L, p: BoardPatient): SafeHtml | string =>
  p.careNotes ? html`<details class="rb-care-notes"><summary>${l(RM.careNotes)}</summary><p>${p.careNotes}</p></details>` : '';

function cellView(l: L, cell: BoardCell | undefined, onLeave: boolean): SafeHtml {
  if (!cell) return html`<td class="rb-cell${onLeave ? ' rb-leave' : ''}">${onLeave ? html`<span class="tag warn">${l(RM.onLeave)}</span>` : html`<span class="muted">${l(RM.free)}</span>`}</td>`;
  return html`<td class="rb-cell rb-busy${cell.load > 1.001 ? ' rb-over' : ''}">
    <div class="rb-ward">${cell.wardName}</div>
    <ul class="rb-patients">${cell.patients.map((p) => html`<li>${patientLabel(l, p)} <span class="muted">${p.levelName}</span>${careNotesDetail(l, p)}</li>`)}</ul>
    <div class="rb-load muted">${l(RM.load, { load: cell.load })}</div></td>`;
}

function uncoveredReason(l: L, u: BoardUncovered): string {
  if (u.cause) return l(RM.uncoveredReason, { patients: u.patients.length, level: u.levelName, short: u.aidesShort, cause: l(RM[`cause_${u.cause}`]) });
  if (u.removedFrom.length) return l(RM.removedFrom, { names: u.removedFrom.join('、') });
  return l(RM.notRostered);
}

function uncoveredCell(l: L, date: string, shift: { code: string; name: string }, list: BoardUncovered[] | undefined): SafeHtml {
  const code = shift.code;
  if (!list?.length) return html`<td class="rb-cell"></td>`;
  return html`<td class="rb-cell rb-gap">${list.map((u) => html`
    <div class="rb-gap-ward"><b>${u.wardName}</b>
      <p class="rb-reason">${uncoveredReason(l, u)}</p>
      <ul class="rb-patients">${u.patients.map((p: BoardPatient) => html`<li><button type="button" class="link rb-assign" data-date="${date}" data-shift="${code}"
        data-booking="${p.bookingId}" data-patient="${patientLabel(l, p)}" data-label="${shiftLabel(l, date, shift.name)}">${patientLabel(l, p)} · ${p.levelName}</button>${careNotesDetail(l, p)}</li>`)}</ul></div>`)}</td>`;
}

/** One line per shift and outcome: the patients of one aide who moved together are listed together. */
function changeLines(l: L, items: ChangeItem[], kind: 'lost' | 'gained'): string[] {
  const groups = new Map<string, { first: ChangeItem; patients: string[] }>();
  for (const c of items) {
    const key = [c.date, c.shiftCode, c.otherAide ?? '', c.removedBy ?? ''].join('|');
    const g = groups.get(key) ?? groups.set(key, { first: c, patients: [] }).get(key)!;
    g.patients.push(patientLabel(l, { name: c.patientName, bed: c.bed }));
  }
  return [...groups.values()].map(({ first: c, patients }) => {
    const shift = shiftLabel(l, c.date, c.shiftName);
    const patient = patients.join('、');
    const why = c.removedBy === 'leave' ? l(RM.becauseLeave) : c.removedBy === 'other' ? l(RM.becauseOther) : '';
    if (kind === 'lost') return (c.otherAide ? l(RM.lostTo, { shift, patient, other: c.otherAide }) : l(RM.lostUncovered, { shift, patient })) + why;
    return c.otherAide ? l(RM.gainedFrom, { shift, patient, other: c.otherAide }) + why : l(RM.gainedNew, { shift, patient });
  });
}

function changesView(l: L, b: RosterBoard): SafeHtml {
  if (!b.run?.result) return html``;
  return html`<section class="card" id="rb-changes"><h2>${l(RM.changesTitle)}</h2>
    ${b.changes.length === 0 ? html`<p class="muted">${l(RM.noChanges)}</p>` : html`<div class="rb-changes">${b.changes.map((a) => html`
      <div class="rb-change" data-aide="${a.aideName}"><h3>${a.aideName}</h3>
        ${a.lost.length ? html`<p class="rb-lost"><b>${l(RM.lost)}</b></p><ul>${changeLines(l, a.lost, 'lost').map((line) => html`<li>${line}</li>`)}</ul>` : ''}
        ${a.gained.length ? html`<p class="rb-gained"><b>${l(RM.gained)}</b></p><ul>${changeLines(l, a.gained, 'gained').map((line) => html`<li>${line}</li>`)}</ul>` : ''}
      </div>`)}</div>`}</section>`;
}

function gridView(l: L, b: RosterBoard): SafeHtml {
  if (!b.templates.length) return html`<p class="card error">${l(RM.noShifts)}</p>`;
  if (!b.aides.length) return html`<p class="card error">${l(RM.noAides)}</p>`;
  return html`<div class="rb-scroll"><table class="rb-grid" id="rb-grid">
  <thead><tr><th rowspan="2" class="rb-aide">${l(RM.aide)}</th>${b.days.map((d) => html`<th colspan="${b.templates.length}" class="rb-day">${d.date.slice(5)} ${l(RM[`wd${d.weekday}` as 'wd1'])}</th>`)}</tr>
  <tr>${b.days.map(() => b.templates.map((s) => html`<th class="rb-shift">${s.name}</th>`))}</tr></thead>
  <tbody>${b.aides.map((a) => html`<tr data-aide-id="${a.id}"><th class="rb-aide">${a.name}${a.active ? '' : html` <span class="tag">${l(RM.inactive)}</span>`}
    ${a.weeks.map((w) => html`<div class="rb-hours${w.hours > a.maxWeeklyHours ? ' rb-over' : ''}">${l(RM.hours, { week: w.week.slice(5), hours: w.hours, limit: a.maxWeeklyHours })}</div>`)}</th>
    ${b.days.map((d) => b.templates.map((s) => cellView(l, a.cells[`${d.date}.${s.code}`], a.leaveDates.includes(d.date))))}</tr>`)}
  <tr class="rb-gaps"><th class="rb-aide">${l(RM.uncoveredRow)}</th>${b.days.map((d) => b.templates.map((s) => uncoveredCell(l, d.date, s, b.uncovered[`${d.date}.${s.code}`])))}</tr>
  </tbody></table></div>`;
}

/** The coordinator's roster board: grid, gaps with reasons, run and re-roster, changes by name, manual assignment, residents' voice. */
export function registerRosterPages(web: WebRouter, deps: Deps): void {
  web.assets.mount('nursing', ASSETS_DIR);
  web.addNav({ href: ROSTER_PATH, label: RM.nav, roles: ['hospital_coordinator'] });
  web.page({ path: ROSTER_PATH, access: ['hospital_coordinator'], query: boardQuery }, async ({ ctx, locale, query }) => {
    const start = today(ctx.timeZone);
    const from = query.from ?? addDays(start, 1 - weekdayOf(start));
    const to = query.to ?? addDays(from, 6);
    // This month's residents' voice of every ward and aide, as on the ward board (the same function).
    const [b, voice] = await Promise.all([rosterBoard(deps, ctx, { from, to, run: query.run }), wardVoice(deps, ctx)]);
    const l: L = (m, p) => t(locale, m, p);
    const span = Math.max(1, b.days.length);
    const nav = (days: number) => `${ROSTER_PATH}?from=${addDays(from, days)}&to=${addDays(to, days)}`;
    const res = b.run?.result;
    return {
      title: l(RM.title),
      scripts: ['nursing/roster.js'],
      styles: ['nursing/roster.css', 'nursing/ward-voice.css'],
      messages: pick(locale, RM),
      data: { locale, from, to, run: b.run ? { id: b.run.id, status: b.run.status, progress: b.run.progress } : null, path: ROSTER_PATH },
      body: html`
<h1>${l(RM.title)} <span class="muted">${l(RM.range, { from, to })}</span></h1>
<form method="get" action="${ROSTER_PATH}" class="card row no-print">
  <label>${l(RM.from)}<input type="date" name="from" value="${from}" required></label>
  <label>${l(RM.to)}<input type="date" name="to" value="${to}" required></label>
  <button>${l(RM.show)}</button>
  <a class="button" href="${nav(-span)}">${l(RM.prevWeek)}</a><a class="button" href="${nav(span)}">${l(RM.nextWeek)}</a>
</form>
<section class="figures" id="rb-figures">
  <div>${l(RM.coverage, { covered: b.coverage.covered, needs: b.coverage.needs, pct: b.coverage.coveragePct })}</div>
  ${res?.continuityPct != null ? html`<div>${l(RM.continuity, { pct: res.continuityPct })}</div>` : ''}
  ${res ? html`<div>${l(RM.runSummary, { kept: res.kept, changed: res.changed, added: res.added })}</div>` : ''}
  ${res?.frozenShifts ? html`<div>${l(RM.frozen, { count: res.frozenShifts })}</div>` : ''}
</section>
<div class="grid rb-actions no-print">
  <section class="card"><h2>${l(RM.runTitle)}</h2>
    <button type="button" class="primary" id="rb-run">${l(RM.runButton)}</button>
    <div id="rb-progress" class="rb-progress" hidden><progress max="100" value="0"></progress> <span role="status"></span></div>
  </section>
  <section class="card"><h2>${l(RM.leaveTitle)}</h2>
    <form id="rb-leave" class="stack">
      <label>${l(RM.leaveAide)}<select name="aideId" required>${b.aides.filter((a) => a.active).map((a) => html`<option value="${a.id}">${a.name}</option>`)}</select></label>
      <div class="row"><label>${l(RM.leaveFrom)}<input type="date" name="from" value="${from}" min="${from}" max="${to}" required></label>
        <label>${l(RM.leaveTo)}<input type="date" name="to" value="${from}" min="${from}" max="${to}" required></label></div>
      <label>${l(RM.leaveReason)}<input name="reason" maxlength="200" value="${l(RM.leaveReasonDefault)}"></label>
      <button class="primary">${l(RM.leaveButton)}</button>
    </form>
  </section>
</div>
${changesView(l, b)}
${gridView(l, b)}
${wardVoiceCard(locale, voice, { allWards: true })}
<dialog id="rb-assign-dialog" class="rb-dialog">
  <form id="rb-assign" class="stack">
    <h2>${l(RM.assignTitle)}</h2>
    <p id="rb-assign-what"></p>
    <label>${l(RM.assignAide)}<select name="aideId" required>${b.aides.filter((a) => a.active).map((a) => html`<option value="${a.id}">${a.name}</option>`)}</select></label>
    <p class="error" id="rb-assign-error" role="alert" hidden></p>
    <div class="row"><button class="primary">${l(RM.assignButton)}</button><button type="button" id="rb-assign-cancel">${l(RM.assignCancel)}</button></div>
  </form>
</dialog>`,
    };
  });
}
