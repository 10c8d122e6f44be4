import { fileURLToPath } from 'node:url';
import { careMessages as C } from '../messages-care.js';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../http/context.js';
import { idParams, localDate } from '../../http/common-schemas.js';
import { NotFoundError, ValidationError } from '../../http/errors.js';
import { zodIssuesToFieldErrors, zodLocale } from '../../http/validate.js';
import { resolveLocale, t } from '../../i18n/index.js';
import { html } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { discharge, getAdmission } from '../care/admission-service.js';
import { suggestLevel } from '../care/barthel.js';
import { CARE_NOTES_MAX, bookingCreate, careNotesInput } from '../schemas-care.js';
import { setCareNotes } from '../care/care-notes-service.js';
import { createBooking } from '../care/booking-service.js';
import { listWards } from '../setup/setup-service.js';
import { transfer } from '../care/transfer-service.js';
import { admitAndBook, admittablePeople, wardBoard } from '../roster/ward-board-service.js';
import { registerConsentPages } from './consent-pages.js';
import { registerInvoicePages } from './invoice-pages.js';
import { admitCard, boardTable, consentRuleSentence, dischargedCard } from './ward-board-html.js';
import type { FreeBed } from './ward-board-html.js';
import { blank, formKey, once } from './web-common.js';
import { WM } from './ward-messages.js';
import { wardVoiceCard } from './ward-voice-html.js';
import { wardVoice } from '../roster/ward-voice.js';

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const BOARD = '/app/nursing/ward';
const coordinator = ['hospital_coordinator'] as const;

/** The booking fields of the admit and book forms, checked by the API's own booking schema. */
const careForm = {
  barthelScore: z.coerce.number().int().min(0).max(100),
  levelCode: blank(z.string().max(32)),
  overrideReason: blank(z.string().max(500)),
  genderPreference: blank(z.enum(['male', 'female'])),
  genderRequired: z.literal('true').optional(),
  startDate: blank(localDate),
  endDate: blank(localDate),
  careNotes: blank(z.string().max(CARE_NOTES_MAX)),
  ward: z.uuid(),
  _key: formKey,
};
type CareForm = z.infer<z.ZodObject<typeof careForm>>;

function bookingInput(f: CareForm, admissionId: string, locale: string) {
  const parsed = bookingCreate.safeParse({
    admissionId, barthelScore: f.barthelScore, levelCode: f.levelCode, overrideReason: f.overrideReason, startDate: f.startDate,
    endDate: f.endDate, genderPreference: f.genderPreference, genderRequired: f.genderRequired === 'true', careNotes: f.careNotes,
  }, zodLocale(resolveLocale(locale)));
  if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors('body', parsed.error.issues));
  return parsed.data;
}

const boardQuery = z.strictObject({
  ward: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  done: z.enum(['transferred', 'discharged', 'noted']).optional(),
  a: z.uuid().optional(),
  n: z.coerce.number().int().min(0).max(100_000).optional(),
});

/** The sentence shown after a redirect (names are looked up, never carried in the URL). */
async function noticeText(deps: Deps, ctx: RequestContext, locale: string, done: 'transferred' | 'discharged' | 'noted', admissionId: string, removed = 0) {
  const a = await getAdmission(deps, ctx, admissionId).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null; // a link kept from another hospital's session
    throw err;
  });
  if (!a) return null;
  if (done === 'discharged') return t(locale, WM.discharged, { name: a.person.name });
  if (done === 'noted') return t(locale, WM.careNotesSaved, { name: a.person.name });
  const ward = (await listWards(deps, ctx)).find((w) => w.id === a.wardId);
  return t(locale, WM.transferred, {
    name: a.person.name, ward: ward?.name ?? '', bed: a.bedCode ?? '', removed: removed ? t(locale, WM.lostShifts, { count: removed }) : '',
  });
}

/**
 * The hospital coordinator's ward board: beds with patient, care level, consent, gender
 * preference and dates; admit (with the Barthel score → level), transfer and discharge. Each
 * form goes to the same services as the API and redirects back (Post/Redirect/Get).
 */
export function registerWardPages(web: WebRouter, deps: Deps): void {
  web.assets.mount('nursing', ASSETS_DIR);
  web.addNav({ href: BOARD, label: WM.nav, roles: ['hospital_coordinator'] });

  web.page({ path: BOARD, access: [...coordinator], query: boardQuery }, async ({ ctx, locale, query }) => {
    const wards = await listWards(deps, ctx);
    if (!query.ward) {
      if (wards.length) return { redirect: `${BOARD}?ward=${wards[0].id}` };
      return { title: t(locale, WM.nav), body: html`<h1>${t(locale, WM.nav)}</h1><p class="card">${t(locale, WM.noWards)}</p>` };
    }
    const board = await wardBoard(deps, ctx, query.ward);
    const [people, voice] = await Promise.all([admittablePeople(deps, ctx, query.q), wardVoice(deps, ctx, { wardIds: [board.ward.id] })]);
    const free: FreeBed[] = wards.flatMap((w) => w.beds.filter((b) => !b.admissionId).map((b) => ({ wardId: w.id, wardName: w.name, bedId: b.id, bedCode: b.code })));
    const notice = query.done && query.a ? await noticeText(deps, ctx, locale, query.done, query.a, query.n) : null;
    const levelNames = Object.fromEntries(board.levels.map((l) => [l.code, l.name]));
    return {
      title: t(locale, WM.title, { ward: board.ward.name }),
      scripts: ['nursing/ward.js'],
      styles: ['nursing/nursing.css', 'nursing/ward-voice.css'],
      messages: { [WM.suggested.key]: t(locale, WM.suggested), [WM.independent.key]: t(locale, WM.independent) },
      data: { suggestions: Array.from({ length: 101 }, (_, score) => suggestLevel(score)), levelNames },
      body: html`<h1>${t(locale, WM.title, { ward: board.ward.name })}</h1>
<form method="get" action="${BOARD}" class="row no-print"><label>${t(locale, WM.chooseWard)}<select name="ward">${wards.map((w) => html`<option value="${w.id}" ${w.id === board.ward.id ? html`selected` : ''}>${w.name}</option>`)}</select></label>
  <button>${t(locale, WM.show)}</button></form>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${consentRuleSentence(locale)}
${boardTable(ctx, locale, board, free)}
${wardVoiceCard(locale, voice)}
${admitCard(ctx, locale, board, people, query.q)}
${dischargedCard(locale, board)}`,
    };
  });


  web.action({ path: `${BOARD}/admit`, access: [...coordinator], body: z.strictObject({ ...careForm, personId: z.uuid(), bedId: blank(z.uuid()) }) },
    async ({ ctx, body }) => once(deps, ctx, 'ward.admit', body._key, body, async () => {
      const { personId, bedId, ...care } = body;
      const done = await admitAndBook(deps, ctx, { personId, wardId: body.ward, bedId }, (admissionId) => bookingInput(care, admissionId, ctx.locale));
      return `/app/nursing/bookings/${done.bookingId}/consent?done=admitted`;
    }));

  web.action({ path: `${BOARD}/admissions/:id/book`, access: [...coordinator], params: idParams, body: z.strictObject(careForm) },
    async ({ ctx, params, body }) => once(deps, ctx, 'ward.book', body._key, [params, body], async () => {
      const booking = await createBooking(deps, ctx, bookingInput(body, params.id, ctx.locale));
      return `/app/nursing/bookings/${booking.id}/consent`;
    }));

  web.action({ path: `${BOARD}/bookings/:id/care-notes`, access: [...coordinator], params: idParams,
    body: z.strictObject({ careNotes: z.string().max(CARE_NOTES_MAX), ward: z.uuid(), _key: formKey }) },
  async ({ ctx, params, body }) => once(deps, ctx, 'ward.care-notes', body._key, [params, body], async () => {
    const booking = await setCareNotes(deps, ctx, params.id, careNotesInput.parse({ careNotes: body.careNotes }).careNotes);
    return `${BOARD}?ward=${body.ward}&done=noted&a=${booking.admissionId}`;
  }));

  web.action({ path: `${BOARD}/admissions/:id/transfer`, access: [...coordinator], params: idParams,
    body: z.strictObject({ target: z.string().regex(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/i, C.chooseWardBed.key), _key: formKey }) },
  async ({ ctx, params, body }) => once(deps, ctx, 'ward.transfer', body._key, [params, body], async () => {
    const [wardId, bedId] = body.target.split(':');
    const moved = await transfer(deps, ctx, params.id, { wardId, bedId });
    return `${BOARD}?ward=${moved.admission.wardId}&done=transferred&a=${params.id}&n=${moved.removedAssignments}`;
  }));

  web.action({ path: `${BOARD}/admissions/:id/discharge`, access: [...coordinator], params: idParams, body: z.strictObject({ ward: z.uuid(), _key: formKey }) },
    async ({ ctx, params, body }) => once(deps, ctx, 'ward.discharge', body._key, [params, body], async () => {
      const out = await discharge(deps, ctx, params.id, {});
      // One invoice (the usual case) opens at once for printing; otherwise back to the board's list.
      if (out.invoices.length === 1) return `/app/nursing/invoices/${out.invoices[0].id}`;
      return `${BOARD}?ward=${body.ward}&done=discharged&a=${params.id}`;
    }));

  registerConsentPages(web, deps);
  registerInvoicePages(web, deps);
}
