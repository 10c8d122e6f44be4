// The canteen till: a keyboard-wedge reader types the card or ID number and Enter; the checkout
// goes through the durable outbox (IndexedDB) with the till's own time and an Idempotency-Key, so
// a dropped connection queues it (shown as pending) and the server prices it at that time later.
import { api, ApiError, data, t, toast, el, errorText, newKey } from '../web/app.js';
import { Outbox } from '../web/outbox.js';
import { receiptOf, shiftSlipOf, yuan } from './till-receipt.js';

const c = data.canteen;
const SLOTS = ['breakfast', 'lunch', 'dinner'];
const MEALS_URL = `/canteens/${c.id}/meals`;
const outbox = new Outbox(`canteen-till-${c.id}`);
const $ = (id) => document.getElementById(id);
const clock = new Intl.DateTimeFormat('en-GB', { timeZone: data.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const hhmm = (at) => clock.format(at instanceof Date ? at : new Date(at));
const ID_NUMBER = /^\d{17}[\dX]$/;
/** What a card or ID reader types; anything else (a name) is searched among this canteen's diners. */
const CARD = /^[0-9A-Z-]{4,32}$/;
let lastMeal = null;

function windowNow(now = new Date()) {
  const local = hhmm(now);
  return SLOTS.find((s) => c.servingHours[s] && local >= c.servingHours[s].from && local <= c.servingHours[s].to) ?? null;
}

function showSlot() {
  const slot = windowNow();
  const tag = $('till-slot');
  if (slot) {
    const w = c.servingHours[slot];
    tag.textContent = t('canteen.till.slotNow', { slot: t(`canteen.till.${slot}`), from: w.from, to: w.to });
    tag.className = 'tag ok';
  } else {
    tag.textContent = t('canteen.till.outsideHours');
    tag.className = 'tag warn';
  }
}

function setOnline(online) {
  const tag = $('till-net');
  tag.textContent = online ? t('canteen.till.online') : t('canteen.till.offline');
  tag.className = online ? 'tag ok' : 'tag bad';
}

/** The refusal in the reader's words: the reasons the till knows, else the server's sentence. */
function refusalText(err) {
  const problem = err?.problem;
  if (problem?.errors?.some((e) => e.path === 'body.cardNumber')) return t('canteen.till.unknownCard');
  if (problem?.reason === 'override_required') {
    return t('canteen.till.needsOverride', { why: problem.needs.map((k) => t(`canteen.till.${k}`)).join('、') });
  }
  if (problem?.reason === 'month_settled') return t('canteen.till.monthSettled');
  return errorText(err);
}

const masked = (number) => (number.length > 4 ? `…${number.slice(-4)}` : number);

/** The big panel: who, the rule in words, what to pay (or the pending guess / the refusal). */
function showResult(view) {
  const panel = $('till-result');
  panel.hidden = false;
  panel.replaceChildren();
  if (view.kind === 'pending') {
    panel.append(
      el('p', { class: 'till-name' }, masked(view.number)),
      el('p', { class: 'tag warn' }, t('canteen.till.pending')),
      el('p', { class: 'till-guess' }, t('canteen.till.guess', { amount: yuan(view.guess ?? 0) })),
    );
    return;
  }
  if (view.kind === 'error') {
    panel.append(el('p', { class: 'till-name' }, masked(view.number)), el('p', { class: 'error big-text', role: 'alert' }, view.text));
    return;
  }
  const m = view.meal;
  lastMeal = m;
  panel.append(
    el('p', { class: 'till-name' }, m.diner?.name ?? t('canteen.till.visitor')),
    el('p', { class: 'till-rule' }, m.message),
    el('div', { class: 'till-figures' },
      el('div', {}, t('canteen.till.price'), el('b', {}, yuan(m.price))),
      el('div', {}, t('canteen.till.subsidy'), el('b', {}, yuan(m.subsidy))),
      el('div', { class: 'till-pay' }, t('canteen.till.payable'), el('b', { id: 'till-payable' }, yuan(m.payable)))),
    el('div', { class: 'row no-print' },
      el('button', { type: 'button', class: 'primary', id: 'till-print', onclick: () => printSlip(receiptOf(m, data)) }, t('canteen.till.printReceipt')),
      m.status === 'active' ? el('button', { type: 'button', class: 'danger', onclick: () => voidMeal(m) }, t('canteen.till.void')) : null),
  );
}

function printSlip(node) {
  const slip = $('receipt');
  slip.className = `receipt ${$('till-paper').value}`;
  slip.replaceChildren(node);
  // Print once the rating QR code has loaded (or after a second and a half without it).
  const images = [...slip.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined));
  Promise.race([Promise.all(images), new Promise((r) => setTimeout(r, 1500))]).then(() => window.print());
}

/** The card was forgotten: the cashier types the start of the name and picks the diner. */
async function searchByName(q) {
  const panel = $('till-result');
  panel.hidden = false;
  try {
    const { items } = await api('GET', `/canteens/${c.id}/diners?q=${encodeURIComponent(q)}`);
    panel.replaceChildren(items.length === 0 ? el('p', { class: 'big-text' }, t('canteen.till.noMatch'))
      : el('div', { class: 'till-hits' }, ...items.map((p) => el('button', {
        type: 'button', class: 'big', onclick: () => checkoutDiner({ personId: p.personId }, p.name),
      }, `${p.name} ${p.idTail ? `…${p.idTail}` : ''}`))));
  } catch (err) {
    panel.replaceChildren(el('p', { class: 'error big-text' }, refusalText(err)));
  }
}

async function checkoutDiner(diner, label) {
  const servedAt = new Date().toISOString();
  const guess = c.prices[windowNow() ?? 'lunch'] ?? null;
  const key = newKey();
  pendingShown = key;
  showResult({ kind: 'pending', number: label, guess });
  await outbox.add({ key, method: 'POST', url: MEALS_URL, body: { ...diner, servedAt }, meta: { number: label, servedAt, guess } });
  $('till-number').focus();
}

async function scan(e) {
  e.preventDefault();
  const input = $('till-number');
  const number = input.value.trim().toUpperCase();
  input.value = '';
  input.focus();
  if (!number) return;
  if (!CARD.test(number)) return searchByName(input.value.trim() || number);
  const diner = ID_NUMBER.test(number) ? { idNumber: number } : { cardNumber: number };
  await checkoutDiner(diner, masked(number));
}
let pendingShown = null;

function renderPending(items) {
  const box = $('till-pending');
  box.replaceChildren();
  const mine = items.filter((i) => i.url === MEALS_URL);
  const waiting = mine.filter((i) => i.state === 'pending').length;
  const count = $('till-pending-count');
  count.hidden = waiting === 0;
  count.textContent = t('canteen.till.pendingCount', { count: waiting });
  for (const item of mine) {
    const failed = item.state === 'failed';
    box.append(el('div', { class: `till-queued ${failed ? 'failed' : ''}`, dataset: { key: item.key } },
      el('span', {}, hhmm(item.meta.servedAt)), el('span', {}, item.meta.number),
      el('span', { class: failed ? 'tag bad' : 'tag warn' }, failed ? t('canteen.till.failed') : t('canteen.till.pending')),
      failed ? el('span', { class: 'error' }, refusalText(new ApiError(item.lastStatus, item.problem))) : el('span', {}, `≤ ${yuan(item.meta.guess ?? 0)}`),
      failed ? el('button', { type: 'button', onclick: () => outbox.remove(item.key) }, t('canteen.till.dismiss')) : null));
  }
}

async function loadMeals() {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 10; i++) {
    const page = await api('GET', `${MEALS_URL}?date=${data.today}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const rows = items.reverse().map((m) => el('tr', { class: m.status === 'voided' ? 'voided' : '' },
    el('td', {}, hhmm(m.servedAt)), el('td', {}, m.diner?.name ?? t('canteen.till.visitor')), el('td', {}, t(`canteen.till.${m.slot}`)),
    el('td', { class: 'num' }, yuan(m.payable)),
    el('td', {}, m.status === 'voided' ? el('span', { class: 'tag bad' }, t('canteen.till.voided'))
      : el('button', { type: 'button', class: 'danger', onclick: () => voidMeal(m) }, t('canteen.till.void')))));
  $('till-meals').replaceChildren(el('table', { class: 'till-table' },
    el('thead', {}, el('tr', {}, ...['time', 'diner', 'slot', 'payable', 'status'].map((k) => el('th', {}, t(`canteen.till.${k}`))))),
    el('tbody', {}, ...rows)));
}

function figures(s) {
  return el('div', { class: 'figures' }, ...[
    ['meals', s.meals], ['subsidised', s.subsidisedMeals], ['voidedMeals', s.voidedMeals],
    ['fullPrice', yuan(s.fullPriceRevenue)], ['collected', yuan(s.paidByDiners)], ['subsidyTotal', yuan(s.subsidy)],
  ].map(([k, v]) => el('div', { dataset: { figure: k } }, t(`canteen.till.${k}`), el('b', {}, String(v)))));
}

async function loadSummary() {
  const s = await api('GET', `/canteens/${c.id}/summary?from=${data.today}`);
  const byRule = Object.entries(s.byRule).map(([code, b]) => el('li', {}, `${s.ruleLabels?.[code] ?? code}: ${b.meals} · ${yuan(b.subsidy)}`));
  const byFund = Object.entries(s.subsidyByFund).map(([fund, v]) => el('li', {}, `${s.fundLabels?.[fund] ?? fund}: ${yuan(v)}`));
  $('till-summary').replaceChildren(figures(s), el('h3', {}, t('canteen.till.byRule')), el('ul', {}, ...byRule), el('h3', {}, t('canteen.till.byFund')), el('ul', {}, ...byFund));
}

const shiftKey = `canteen-till-shift-${c.id}-${data.cashier.id}`;
const shiftStart = () => localStorage.getItem(shiftKey) ?? (localStorage.setItem(shiftKey, new Date().toISOString()), localStorage.getItem(shiftKey));
let lastShift = null;

async function loadShift() {
  const since = shiftStart();
  lastShift = await api('GET', `/canteens/${c.id}/shift?since=${encodeURIComponent(since)}`);
  $('till-shift-since').textContent = t('canteen.till.shiftSince', { time: hhmm(since), name: data.cashier.name });
  $('till-shift').replaceChildren(figures(lastShift));
}

async function endShift() {
  await loadShift();
  const s = lastShift;
  printSlip(shiftSlipOf(s, data));
  toast(t('canteen.till.shiftHandedOver', { amount: yuan(s.paidByDiners), count: s.meals }));
  localStorage.setItem(shiftKey, new Date().toISOString());
  await loadShift();
}

async function voidMeal(m) {
  const reason = window.prompt(t('canteen.till.confirmVoid', { name: m.diner?.name ?? t('canteen.till.visitor'), amount: yuan(m.payable) }) + '\n' + t('canteen.till.voidReason'), t('canteen.till.voidReasonDefault'));
  if (!reason) return;
  try {
    const voided = await api('POST', `${MEALS_URL}/${m.id}/void`, { reason }, { idempotencyKey: newKey() });
    toast(t('canteen.till.voidDone'));
    if (lastMeal?.id === m.id) showResult({ kind: 'meal', meal: voided });
  } catch (err) {
    toast(refusalText(err), true);
  }
  refresh();
}

function refresh() {
  return Promise.all([loadMeals(), loadSummary(), loadShift()]).then(() => setOnline(true)).catch((err) => { if (err?.network) setOnline(false); });
}

outbox.onChange((items, event) => {
  renderPending(items);
  if (!event) return;
  if (event.type === 'retry' && event.status === 0) setOnline(false);
  if (event.item.url !== MEALS_URL) return;
  if (event.type === 'sent') {
    setOnline(true);
    if (pendingShown === event.item.key) showResult({ kind: 'meal', meal: event.answer });
    refresh();
  }
  if (event.type === 'failed' && pendingShown === event.item.key) {
    showResult({ kind: 'error', number: event.item.meta.number, text: refusalText(event.error) });
  }
});

window.addEventListener('online', () => { setOnline(true); outbox.flush(); });
window.addEventListener('offline', () => setOnline(false));
$('till-scan').addEventListener('submit', scan);
$('till-shift-end').addEventListener('click', endShift);
$('till-shift-print').addEventListener('click', async () => { await loadShift(); printSlip(shiftSlipOf(lastShift, data)); });
const paper = localStorage.getItem('canteen-till-paper');
if (paper) $('till-paper').value = paper;
$('till-paper').addEventListener('change', (e) => localStorage.setItem('canteen-till-paper', e.target.value));
showSlot();
setInterval(showSlot, 30_000);
outbox.list().then(renderPending);
outbox.flush();
refresh();
document.body.dataset.tillReady = '1';
