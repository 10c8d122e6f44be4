// The rating page, enhanced: a form that cannot be sent (no signal, a dropped connection) is kept
// on the phone (IndexedDB, the shared outbox) with its one-time key and sent again, byte for byte,
// when the network is back. The server knows a replay of the same form and answers as the first
// time, so the resident never sees a false "once an hour" refusal. Without script the forms post as usual.
import { t } from '../web/app.js';
import { Outbox } from '../web/outbox.js';

const outbox = new Outbox('voice-rate');
const here = location.pathname;
const waiting = document.getElementById('rate-waiting');
const forms = [...document.querySelectorAll('form[data-offline]')];
const mine = (items) => items.filter((i) => i.meta?.page === here && i.state === 'pending');

function show(text) {
  waiting.textContent = text;
  waiting.hidden = !text;
}

/** Puts what the resident typed back into the form (after a reload while it waits). */
function refill(item) {
  const form = forms.find((f) => f.dataset.offline === item.meta.form);
  if (!form) return;
  for (const [name, value] of Object.entries(item.body)) {
    const fields = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    for (const f of fields) {
      if (f.type === 'radio') f.checked = f.value === value;
      else f.value = value;
    }
  }
}

for (const form of forms) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = Object.fromEntries(new FormData(form));
    const url = new URL(form.action, location.href).pathname;
    outbox.add({ key: body.requestKey, method: 'POST', url, body, meta: { page: here, form: form.dataset.offline } });
    for (const b of form.querySelectorAll('button')) b.disabled = true;
  });
}

outbox.onChange((items, event) => {
  if (!event || event.item.meta?.page !== here) return;
  if (event.type === 'sent') {
    // The server redirected to the page with its answer (thanks, or once an hour): show that page.
    location.replace(event.url || here);
  } else if (event.type === 'retry') {
    show(t(event.status === 0 ? 'voice.waitingOnline' : 'voice.waitingRetry'));
  } else if (event.type === 'failed') {
    outbox.remove(event.item.key);
    for (const b of document.querySelectorAll('form[data-offline] button')) b.disabled = false;
    show(t('voice.notSent', { reason: event.error?.message ?? String(event.status) }));
  }
});

outbox.list().then((items) => {
  const pending = mine(items);
  for (const item of pending) refill(item);
  if (pending.length) show(t(navigator.onLine ? 'voice.waitingRetry' : 'voice.waitingOnline'));
  outbox.flush();
});
