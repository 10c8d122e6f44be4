import type { Deps } from '../../deps.js';
import { mayAccess } from '../../http/api-router.js';
import { ForbiddenError, NotFoundError } from '../../http/errors.js';
import { pick, t } from '../../i18n/index.js';
import type { Message } from '../../i18n/index.js';
import { localDateOf, localTimeOf, today, weekdayOf, formatLocalDateTime } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import { W } from '../../web/messages.js';
import type { WebRouter } from '../../web/web-router.js';
import { myShiftChanges } from '../aides/aide-changes-service.js';
import type { ShiftChange } from '../aides/aide-changes-service.js';
import { myShifts } from '../aides/aide-view-service.js';
import { AM } from './aide-messages.js';
import { RM } from './roster-messages.js';

export const AIDE_PATH = '/app/nursing/me';

type L = (m: Message, p?: Record<string, string | number>) => string;
type Shifts = Awaited<ReturnType<typeof myShifts>>;
type Shift = Shifts['shifts'][number];
interface Patient {
  bookingId: string; name: string; gender: 'male' | 'female'; age: number | null; bed: string | null;
  careLevel: { code: string; name: string; patientsPerAide: number };
  careNotes: string | null;
  handoverNotes: { id: string; date: string; shiftCode: string; authorName: string; text: string; createdAt: Date }[];
}

const dateLabel = (l: L, date: string) => l(AM.dateLabel, { month: Number(date.slice(5, 7)), day: Number(date.slice(8)), weekday: l(RM[`wd${weekdayOf(date)}` as 'wd1']) });

function patientCard(l: L, zone: string, s: Shift, p: Patient): SafeHtml {
  return html`<li class="am-patient" data-booking="${p.bookingId}">
    <div class="am-who"><b>${p.name}</b> · ${p.bed ? l(AM.bed, { bed: p.bed }) : l(AM.noBed)} · ${l(AM[p.gender])}${p.age !== null ? html` · ${l(AM.age, { age: p.age })}` : ''}</div>
    <div class="muted">${l(AM.level, { level: p.careLevel.name, ratio: p.careLevel.patientsPerAide })}</div>
    ${p.careNotes ? html`<p class="am-care-notes"><b>${l(AM.careNotes)}</b> ${p.careNotes}</p>` : ''}
    <details class="am-notes" open><summary>${l(AM.keyNotes)} (${p.handoverNotes.length})</summary>
      <ul class="am-note-list">${p.handoverNotes.length ? p.handoverNotes.map((n) => html`<li><p>${n.text}</p>
        <p class="muted">${l(AM.noteBy, { author: n.authorName, when: formatLocalDateTime(n.createdAt, zone) })}</p></li>`) : html`<li class="muted am-empty">${l(AM.noNotes)}</li>`}</ul>
      <form class="am-note-form" data-booking="${p.bookingId}" data-date="${s.date}" data-shift="${s.shiftCode}">
        <label>${l(AM.writeNote)}<textarea name="text" rows="2" maxlength="2000" required placeholder="${l(AM.notePlaceholder)}"></textarea></label>
        <button class="primary">${l(AM.save)}</button><p class="am-note-state" role="status"></p>
      </form></details></li>`;
}

function shiftCard(l: L, zone: string, s: Shift, todayDate: string): SafeHtml {
  const start = new Date(s.start);
  const end = new Date(s.end);
  const endLabel = localTimeOf(end, zone) + (localDateOf(end, zone) !== s.date ? ` (${l(AM.nextDay)})` : '');
  return html`<section class="card am-shift${s.date === todayDate ? ' am-today' : ''}" data-shift="${s.date}.${s.shiftCode}">
    <h2>${s.date === todayDate ? html`<span class="tag ok">${l(AM.today)}</span> ` : ''}${dateLabel(l, s.date)} · ${l(AM.shiftHead, { shift: s.shiftName, start: localTimeOf(start, zone), end: endLabel })}</h2>
    <p class="muted">${l(AM.wardLoad, { ward: s.ward.name, load: s.load })}</p>
    <ul class="am-patients">${(s.patients as Patient[]).map((p) => patientCard(l, zone, s, p))}</ul></section>`;
}

function changesView(l: L, zone: string, c: Awaited<ReturnType<typeof myShiftChanges>>): SafeHtml {
  const line = (x: ShiftChange) => l(AM.changeLine, {
    date: dateLabel(l, x.date), shift: x.shiftName, start: x.startLocal, end: x.endLocal, ward: x.wardName, patient: x.bed ? `${x.patientName}（${l(AM.bed, { bed: x.bed })}）` : x.patientName,
  });
  const body = c.seenAt === null ? html`<p class="muted">${l(AM.changesFirst)}</p>`
    : c.changes.length === 0 ? html`<p class="muted">${l(AM.changesNone, { when: formatLocalDateTime(c.seenAt, zone) })}</p>`
      : html`<ul class="am-changes">${c.changes.map((x) => html`<li class="am-${x.kind}"><span class="tag ${x.kind === 'gained' ? 'ok' : 'bad'}">${l(AM[x.kind])}</span> ${line(x)}</li>`)}</ul>
        <button type="button" id="am-seen" class="big">${l(AM.seen)}</button>`;
  return html`<section class="card am-changes-card${c.changes.length ? ' am-has-changes' : ''}" id="am-changes"><h2>${l(AM.changesTitle)}</h2>${body}</section>`;
}

/** The care aide's phone page: this week's shifts in local time, patients, handover notes, what changed. */
export function registerAidePages(web: WebRouter, deps: Deps): void {
  web.addNav({ href: AIDE_PATH, label: AM.nav, roles: ['care_aide'] });
  // Public so a phone whose sign-in ended reads a sentence, not a password form aides have no use for.
  web.page({ path: AIDE_PATH, access: 'public' }, async ({ ctx, locale, res }) => {
    const l: L = (m, p) => t(locale, m, p);
    if (!ctx) {
      res.status(401);
      return { title: l(AM.title), bare: true, body: html`<section class="card narrow"><h1>${l(AM.title)}</h1><p class="error big-text" role="alert">${l(AM.signedOut)}</p></section>` };
    }
    if (!mayAccess(ctx, ['care_aide'], 'get')) throw new ForbiddenError();
    const zone = ctx.timeZone;
    let shifts: Shifts;
    let changes: Awaited<ReturnType<typeof myShiftChanges>>;
    try {
      [shifts, changes] = await Promise.all([myShifts(deps, ctx, {}), myShiftChanges(deps, ctx)]);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      return { title: l(AM.title), bare: true, body: html`<section class="card narrow"><h1>${l(AM.title)}</h1><p class="error big-text" role="alert">${l(AM.notLinked)}</p></section>` };
    }
    const todayDate = today(zone);
    return {
      title: l(AM.title),
      bare: true,
      scripts: ['nursing/aide.js'],
      styles: ['nursing/roster.css'],
      messages: { ...pick(locale, AM), [W.signOut.key]: l(W.signOut) },
      data: { userId: ctx.userId, keys: changes.keys, firstLook: changes.seenAt === null },
      body: html`
<header class="am-head"><h1>${l(AM.title)} · ${shifts.aide.name}</h1><p class="muted">${l(AM.timesIn, { zone })}</p></header>
<p id="am-banner" class="am-banner" role="status" hidden></p>
${changesView(l, zone, changes)}
<h2 class="am-week">${l(AM.week)}</h2>
${shifts.shifts.length ? shifts.shifts.map((s) => shiftCard(l, zone, s, todayDate)) : html`<p class="card big-text">${l(AM.noShifts)}</p>`}
<details class="card">
  <summary>${l(AM.account)} · ${ctx.displayName ?? ''}</summary>
  <div class="row">
    <form method="post" action="/app/account/locale" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><input type="hidden" name="back" value="${AIDE_PATH}">
      <button name="locale" value="${locale === 'zh-CN' ? 'en' : 'zh-CN'}">${locale === 'zh-CN' ? 'English' : '中文'}</button></form>
    <form method="post" action="/app/sign-out" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
      <button class="danger">${l(W.signOut)}</button></form>
  </div>
</details>`,
    };
  });
}
