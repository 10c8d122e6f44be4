// The care aide's phone page (/app/nursing/me). Shifts and notes are rendered on the server;
// handover notes are written through the IndexedDB outbox (same Idempotency-Key on every retry),
// so a note typed in a ward without signal is kept on the phone and sent once when it returns.
import { api, data, el, errorText, t, newKey, toast } from '../web/app.js';
import { Outbox } from '../web/outbox.js';

const outbox = new Outbox(`aide-notes-${data.userId}`);
const banner = document.getElementById('am-banner');
let items = [];

const formFor = (meta) => document.querySelector(`.am-note-form[data-booking="${meta.bookingId}"][data-date="${meta.date}"][data-shift="${meta.shiftCode}"]`);

function showBanner() {
  const queued = items.filter((i) => i.state === 'pending').length;
  const parts = [];
  if (!navigator.onLine) parts.push(t('nursing.aide.offline'));
  if (queued) parts.push(t('nursing.aide.queued', { count: queued }));
  banner.textContent = parts.join(' ');
  banner.hidden = parts.length === 0;
}

/** Each note form shows its notes waiting to send, and a refused one with the server's sentence. */
function showStates() {
  for (const form of document.querySelectorAll('.am-note-form')) form.querySelector('.am-note-state').replaceChildren();
  for (const item of items) {
    const form = formFor(item.meta);
    if (!form) continue;
    const state = form.querySelector('.am-note-state');
    if (item.state === 'pending') state.append(el('span', { class: 'tag warn' }, `${t('nursing.aide.noteWaiting')}：${item.body.text}`), ' ');
    else state.append(el('span', { class: 'error' }, t('nursing.aide.noteFailed', { reason: item.problem?.detail ?? '' })), ' ',
      el('button', { type: 'button', class: 'link', dataset: { dismiss: item.key } }, t('nursing.aide.dismiss')));
  }
  showBanner();
}

outbox.onChange((list, event) => {
  items = list;
  if (event?.type === 'sent' && event.answer) {
    const form = formFor(event.item.meta);
    const ul = form?.closest('.am-notes')?.querySelector('.am-note-list');
    if (ul) {
      ul.querySelector('.am-empty')?.remove();
      ul.append(el('li', { class: 'am-new' }, el('p', {}, event.answer.text), el('p', { class: 'muted' }, `${event.answer.authorName} · ${t('nursing.aide.noteSaved')}`)));
    }
    toast(t('nursing.aide.noteSaved'));
  }
  showStates();
});

// On the form itself, so the kernel's "disable buttons on submit" never sees these (they stay usable).
async function writeNote(e) {
  const form = e.currentTarget;
  e.preventDefault();
  const textarea = form.querySelector('textarea');
  const text = textarea.value.trim();
  if (!text) return;
  const meta = { bookingId: form.dataset.booking, date: form.dataset.date, shiftCode: form.dataset.shift };
  textarea.value = '';
  await outbox.add({ key: newKey(), method: 'POST', url: `/nursing/bookings/${meta.bookingId}/notes`, body: { date: meta.date, shiftCode: meta.shiftCode, text }, meta });
}
document.querySelectorAll('.am-note-form').forEach((form) => form.addEventListener('submit', writeNote));
document.addEventListener('click', (e) => {
  const dismiss = e.target instanceof Element ? e.target.closest('[data-dismiss]') : null;
  if (dismiss) outbox.remove(dismiss.dataset.dismiss);
});

/** Marks the shifts shown as seen: the changes list starts again from here. */
async function markSeen() {
  try {
    await api('POST', '/me/shift-changes/seen', { keys: data.keys });
    return true;
  } catch (err) {
    toast(errorText(err), true);
    return false;
  }
}
document.getElementById('am-seen')?.addEventListener('click', async (e) => {
  e.currentTarget.disabled = true;
  if (await markSeen()) {
    const card = document.getElementById('am-changes');
    card.classList.remove('am-has-changes');
    card.querySelector('.am-changes')?.remove();
    e.target.remove();
  } else e.target.disabled = false;
});
// The first look sets the starting point of "changes since you last looked".
if (data.firstLook) await markSeen();

window.addEventListener('online', () => { showBanner(); outbox.flush(); });
window.addEventListener('offline', showBanner);
items = await outbox.list();
showStates();
outbox.flush();
document.body.dataset.ready = 'true';
