// The driver's phone app (/app/driver). Offline first: the list renders from the page's data or
// the routes last kept on the phone, every tap goes into the IndexedDB outbox with its time and
// Idempotency-Key before anything is sent, and the outbox re-sends the identical request until
// the server answers — so a tap made in a dead zone, or whose answer was lost, counts once.
import { api, ApiError, data, el, newKey, t } from '../web/app.js';
import { Outbox } from '../web/outbox.js';
import { effective, allowed, forget, loadSaved, save } from './driver-state.js';
import { renderStop, timeOf } from './driver-card.js';
import { askSignature, compressPhoto } from './driver-proof.js';

const app = { ...data };
const outbox = new Outbox(`driver-${data.userId}`);
let snapshot = { date: data.date, savedAt: data.now, routes: data.routes };
let items = [];
/** Taps not yet in IndexedDB (the write is async): a second tap meanwhile must see the first. */
let unsaved = [];
let offline = false;
let signedOut = false;
const cards = new Map();

const saved = loadSaved(data.userId);
// A page served by the service worker carries the routes of when it was saved; the phone may know newer.
if (saved && saved.date === data.date && Date.parse(saved.savedAt) > Date.parse(data.now)) snapshot = saved;
else save(data.userId, snapshot);

const allItems = () => [...items, ...unsaved.filter((u) => !items.some((i) => i.key === u.key))];
const findStop = (id) => snapshot.routes.flatMap((r) => r.stops).find((s) => s.id === id);

function banner() {
  const node = document.getElementById('drv-banner');
  const queued = allItems().filter((i) => i.state === 'pending').length;
  const parts = [];
  if (signedOut) parts.push(t('delivery.driver.signedOut'));
  else if (offline || !navigator.onLine) parts.push(t('delivery.driver.offline', { time: timeOf(snapshot.savedAt, app.timeZone) }));
  if (queued) parts.push(t('delivery.driver.queued', { count: queued }));
  node.textContent = parts.join(' ');
  node.hidden = parts.length === 0;
  node.className = `drv-banner${signedOut ? ' bad' : ''}`;
}

function routeHeader(r) {
  const done = r.stops.filter((s) => !['pending', 'not_home'].includes(effective(s, allItems()).outcome)).length;
  return el('div', { class: 'drv-route' },
    el('h2', {}, `${t('delivery.driver.route', { no: r.routeNo })} · ${r.kitchen.name} · ${t('delivery.driver.leaves', { time: r.departLocal })}`),
    el('p', { class: 'muted' }, `${t('delivery.driver.window', { start: r.window.start, end: r.window.end })} · ${t('delivery.driver.progress', { done, total: r.stops.length })}`),
    el('div', { class: 'drv-links' },
      el('a', { class: 'button', href: `/delivery/routes/${r.id}/sheet`, target: '_blank' }, t('delivery.driver.printSheet')),
      el('a', { class: 'button', href: `/delivery/routes/${r.id}/map.svg`, target: '_blank' }, t('delivery.driver.map'))));
}

/** Re-renders; a card whose state did not change keeps its node (and a half-typed note). */
function render() {
  banner();
  const root = document.getElementById('drv-routes');
  if (!snapshot.routes.length) {
    root.replaceChildren(el('p', { class: 'card big-text' }, t('delivery.driver.noRoutes')));
    return;
  }
  const list = allItems();
  const nodes = [];
  for (const r of snapshot.routes) {
    nodes.push(routeHeader(r));
    for (const s of r.stops) {
      const eff = effective(s, list);
      const undoOpen = s.undoUntil && Date.parse(s.undoUntil) > Date.now();
      const sig = JSON.stringify([s, eff.outcome, eff.queued.map((i) => i.key), eff.failed.map((i) => i.key), eff.proofs.length, undoOpen]);
      let entry = cards.get(s.id);
      if (!entry || entry.sig !== sig) {
        const node = renderStop(s, eff, app);
        const note = entry?.node.querySelector('input[name=note]')?.value;
        if (note) { const input = node.querySelector('input[name=note]'); if (input) input.value = note; }
        entry = { sig, node };
        cards.set(s.id, entry);
      }
      nodes.push(entry.node);
    }
  }
  root.replaceChildren(...nodes);
}

/** Fetches today's routes; offline or signed out, the kept ones stay on screen. */
async function refresh() {
  try {
    const fresh = await api('GET', `/me/routes?date=${encodeURIComponent(snapshot.date)}`);
    snapshot = { date: fresh.date, savedAt: new Date().toISOString(), routes: fresh.routes };
    save(data.userId, snapshot);
    offline = false;
    signedOut = false;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) signedOut = true;
    else if (err instanceof ApiError && err.network) offline = true;
  }
  render();
}

let refreshTimer;
const refreshSoon = () => { clearTimeout(refreshTimer); refreshTimer = setTimeout(refresh, 300); };

async function queue(stopId, request) {
  const item = { ...request, meta: { stopId, ...request.meta }, state: 'pending' };
  unsaved.push(item);
  render();
  try {
    await outbox.add(item);
  } finally {
    unsaved = unsaved.filter((u) => u.key !== item.key);
  }
  render();
}

function tap(stopId, status, card) {
  const stop = findStop(stopId);
  // A second tap of a button that is already on its way, or a stale button, does nothing.
  if (!stop || !allowed(effective(stop, allItems()).outcome).includes(status)) return;
  const note = card.querySelector('input[name=note]')?.value.trim();
  const body = { status, at: new Date().toISOString(), ...(note ? { note } : {}) };
  return queue(stopId, { key: newKey(), method: 'POST', url: `/delivery/stops/${stopId}/outcome`, body, meta: { kind: 'outcome', status } });
}

function undo(stopId) {
  const stop = findStop(stopId);
  const eff = stop && effective(stop, allItems());
  if (!eff || eff.outcome === 'pending' || eff.queued.at(-1)?.meta.kind === 'undo') return;
  return queue(stopId, { key: newKey(), method: 'POST', url: `/delivery/stops/${stopId}/outcome/undo`, body: {}, meta: { kind: 'undo' } });
}

function queueProof(stopId, kind, image) {
  if (!image) return;
  return queue(stopId, { key: newKey(), method: 'POST', url: `/delivery/stops/${stopId}/proofs`, body: { kind, image }, meta: { kind: 'proof', proof: kind } });
}

outbox.onChange((list, event) => {
  items = list;
  if (event?.type === 'sent') {
    const stop = findStop(event.item.meta.stopId);
    if (stop && event.item.meta.kind === 'proof') stop.proofCount = (stop.proofCount ?? 0) + 1;
    else if (stop && event.answer) Object.assign(stop, {
      outcome: event.answer.outcome, outcomeAt: event.answer.outcomeAt, outcomeNote: event.answer.outcomeNote,
      undoUntil: event.answer.undoUntil, welfareCheckAt: event.answer.welfareCheckAt,
    });
    save(data.userId, snapshot);
    offline = false;
    signedOut = false;
    refreshSoon();
  }
  if (event?.type === 'retry') {
    if (event.status === 401) signedOut = true;
    if (event.status === 0) offline = true;
  }
  render();
});

document.getElementById('drv-routes').addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest('button[data-action]') : null;
  if (!button) return;
  const card = button.closest('[data-stop-id]');
  const stopId = card?.dataset.stopId;
  if (button.dataset.action === 'outcome') tap(stopId, button.dataset.status, card);
  if (button.dataset.action === 'undo') undo(stopId);
  if (button.dataset.action === 'dismiss') outbox.remove(button.dataset.key);
  if (button.dataset.action === 'sign') askSignature(data.signaturePadUrl).then((image) => queueProof(stopId, 'signature', image));
});
document.getElementById('drv-routes').addEventListener('change', async (e) => {
  const input = e.target;
  if (!(input instanceof HTMLInputElement) || input.dataset.action !== 'photo' || !input.files?.[0]) return;
  const stopId = input.closest('[data-stop-id]')?.dataset.stopId;
  await queueProof(stopId, 'photo', await compressPhoto(input.files[0]));
});
document.getElementById('drv-refresh').addEventListener('click', () => { refresh(); outbox.flush(); });
document.getElementById('drv-sign-out').addEventListener('submit', () => {
  forget(data.userId);
  navigator.serviceWorker?.controller?.postMessage('sign-out');
});
window.addEventListener('online', () => { offline = false; refresh(); });
window.addEventListener('offline', () => { offline = true; render(); });
setInterval(render, 15_000); // undo buttons expire
if ('serviceWorker' in navigator) navigator.serviceWorker.register(data.swUrl, { scope: data.scope }).catch(() => {});

items = await outbox.list();
render();
refresh();
outbox.flush();
document.body.dataset.ready = 'true';
