// One stop's card on the driver's phone: who and where, what to watch for at the door, the big
// outcome buttons, and what the last tap did (waiting to send, recorded, refused with a sentence).
import { el, t } from '../web/app.js';
import { navigationUrl, telUrl } from './driver-nav.js';
import { allowed } from './driver-state.js';
import { proofButtons } from './driver-proof.js';

const ICON = { delivered: '✓', not_home: '⌂', refused: '✗' };

export function timeOf(iso, timeZone) {
  if (!iso) return '';
  try {
    return new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(new Date(iso));
  } catch {
    return new Date(iso).toTimeString().slice(0, 5);
  }
}

/** The server's refusal in the driver's language where we know it, else the server's own words. */
export function refusalText(item) {
  const p = item.problem || {};
  if (p.reason === 'undo_expired') return t('delivery.driver.undoExpired');
  if (p.reason === 'nothing_to_undo') return t('delivery.driver.nothingToUndo');
  const at = p.errors?.find((e) => e.path === 'body.at');
  // The only other refusal of our own `at` is the future check (the schema's or ours).
  if (at) return t(at.code === 'before_departure' ? 'delivery.driver.timeBeforeDeparture' : 'delivery.driver.timeFuture');
  return p.detail || p.title || `HTTP ${item.lastStatus}`;
}

function callLink(label, phone) {
  const href = telUrl(phone);
  const text = `${label} ${phone ?? ''}`.trim();
  return href ? el('a', { class: 'button drv-call', href }, text) : el('span', { class: 'muted' }, text);
}

function contacts(stop) {
  const rows = [
    ...(stop.gridWorker ? [callLink(`${t('delivery.driver.gridWorker')} ${stop.gridWorker.name ?? ''}`, stop.gridWorker.phone)] : []),
    ...stop.emergencyContacts.map((c) => callLink(`${t('delivery.driver.contact')} ${c.name}${c.relation ? `（${c.relation}）` : ''}`, c.phone)),
  ];
  return el('div', { class: 'drv-contacts' }, el('b', {}, t('delivery.driver.contactsTitle')), ...rows);
}

/**
 * The card of `stop` in its effective state `eff` ({outcome, queued, failed}); `app` has the
 * tenant's labels and settings. Buttons carry data-action / data-status for one delegated handler.
 */
export function renderStop(stop, eff, app) {
  const { outcome, queued, failed } = eff;
  const lastQueued = queued[queued.length - 1];
  const waiting = queued.length > 0;
  const card = el('article', { class: `card drv-stop drv-${outcome}${waiting ? ' drv-waiting' : ''}`, 'data-stop-id': stop.id });
  const diet = app.diets[stop.diet] ?? stop.diet;
  // DOM append() would print a null as the text "null": leave empty parts out.
  const add = (...parts) => card.append(...parts.filter((p) => p !== null && p !== undefined && p !== false));
  add(
    el('div', { class: 'drv-top' },
      el('span', { class: 'drv-no' }, String(stop.stopNo)),
      el('b', { class: 'drv-name' }, stop.name), stop.quantity > 1 ? el('span', {}, ` × ${stop.quantity}`) : null,
      el('span', { class: 'drv-eta' }, t('delivery.driver.eta', { time: stop.etaLocal }))),
    el('div', { class: 'drv-tags' },
      stop.livesAlone ? el('span', { class: 'tag bad' }, t('delivery.driver.livesAlone')) : null,
      el('span', { class: 'tag' }, diet),
      stop.texture && stop.texture !== 'regular' ? el('span', { class: 'tag' }, app.textures[stop.texture] ?? stop.texture) : null,
      ...stop.allergies.map((a) => el('span', { class: 'tag warn' }, `⚠ ${a}`))),
    el('div', { class: 'drv-addr' }, stop.address ?? ''),
    stop.accessNotes ? el('div', { class: 'drv-notes' }, el('b', {}, `${t('delivery.driver.accessNotes')}：`), stop.accessNotes) : null,
  );
  const nav = navigationUrl(stop);
  const tel = telUrl(stop.phone);
  add(el('div', { class: 'drv-links' },
    tel ? el('a', { class: 'button drv-call', href: tel }, t('delivery.driver.call')) : (stop.phone ? el('span', { class: 'muted' }, stop.phone) : null),
    nav ? el('a', { class: 'button drv-nav', href: nav }, t('delivery.driver.navigate')) : null));

  const status = [t(`delivery.driver.${outcome}`)];
  if (waiting) status.push(lastQueued.meta.kind === 'undo' ? t('delivery.driver.undoWaiting') : t('delivery.driver.waiting'));
  else if (outcome !== 'pending' && outcome !== 'cancelled' && stop.outcomeAt) status.push(`${t('delivery.driver.recorded')} ${timeOf(stop.outcomeAt, app.timeZone)}`);
  add(el('div', { class: 'drv-status', role: 'status' }, status.join(' · ')));

  for (const f of failed) {
    add(el('div', { class: 'drv-error', role: 'alert' },
      t('delivery.driver.failed', { reason: refusalText(f) }),
      el('button', { type: 'button', 'data-action': 'dismiss', 'data-key': f.key }, t('delivery.driver.dismiss'))));
  }

  if (outcome === 'not_home') {
    add(contacts(stop));
    const sentNotHome = !waiting && stop.welfareCheckAt;
    add(el('p', { class: 'drv-welfare' }, sentNotHome
      ? t('delivery.driver.welfareScheduled', { time: timeOf(stop.welfareCheckAt, app.timeZone) })
      : t('delivery.driver.welfareOnSend', { minutes: app.welfareDelayMinutes })));
  }

  if (outcome === 'delivered') add(proofButtons(app.proof, stop.proofCount ?? 0, eff.proofs.length > 0));

  const next = allowed(outcome);
  if (next.length) {
    add(el('label', { class: 'drv-note' }, t('delivery.driver.note'), el('input', { name: 'note', maxlength: '500', autocomplete: 'off' })));
    add(el('div', { class: 'drv-actions' }, ...next.map((s) =>
      el('button', { type: 'button', class: `drv-btn drv-btn-${s}`, 'data-action': 'outcome', 'data-status': s }, `${ICON[s]} ${t(`delivery.driver.${s}`)}`))));
  }
  const undoUntil = waiting && lastQueued.meta.kind !== 'undo' ? new Date(Date.now() + app.undoGraceMs).toISOString()
    : !waiting && stop.undoUntil && Date.parse(stop.undoUntil) > Date.now() ? stop.undoUntil : null;
  if (undoUntil && outcome !== 'pending') {
    add(el('button', { type: 'button', class: 'drv-undo', 'data-action': 'undo' }, `↶ ${t('delivery.driver.undo', { time: timeOf(undoUntil, app.timeZone) })}`));
  }
  return card;
}
