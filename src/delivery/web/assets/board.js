// The live day board: renders the board JSON (first from the page's data block) and polls
// GET /delivery/board every 15 s. A failed poll keeps the last figures and says how old they are.
import { api, data, el, t } from '../web/app.js';

const timeOf = (iso) => new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: data.timeZone }).format(new Date(iso));

function figure(label, value, tone = '') {
  return el('div', { class: `board-fig ${tone}` }, el('b', {}, String(value)), el('span', {}, label));
}

function renderFigures(f) {
  const box = document.getElementById('board-figures');
  if (!f) { box.replaceChildren(); return; }
  const rate = f.onTimeRate === null ? '—' : `${Math.round(f.onTimeRate * 100)}%`;
  box.replaceChildren(
    figure(t('delivery.board.figOrders'), f.orders),
    figure(t('delivery.board.figDelivered'), f.delivered, 'ok'),
    figure(t('delivery.board.figPending'), f.pending),
    figure(t('delivery.board.figLate'), f.late, f.late ? 'warn' : ''),
    figure(t('delivery.board.figNotHome'), f.notHome, f.notHome ? 'bad' : ''),
    figure(t('delivery.board.figRefused'), f.refused, f.refused ? 'warn' : ''),
    figure(t('delivery.board.figOnTime'), rate),
    figure(t('delivery.board.figKm'), f.totalKm),
    figure(t('delivery.board.figAlerts'), f.openAlerts, f.openAlerts ? 'bad' : ''),
  );
}

function renderAlerts(alerts) {
  const box = document.getElementById('board-alerts');
  if (!alerts.length) { box.replaceChildren(); return; }
  box.replaceChildren(el('div', { class: 'card board-alerts' },
    el('h2', {}, t('delivery.board.alertsHead')),
    el('ul', {}, alerts.map((a) => el('li', { dataset: { alertId: a.id } },
      el('span', { class: `tag ${a.status === 'open' ? 'bad' : 'warn'}` }, t(`delivery.board.${a.status === 'open' ? 'open' : 'acknowledged'}`)), ' ',
      t('delivery.board.alertItem', { name: a.name, no: a.routeNo, time: timeOf(a.openedAt) })))),
    el('a', { href: '/app/desk/alerts', class: 'button' }, t('delivery.board.openInbox'))));
}

// One link (with its thumbnail) per proof, kept across polls: the board redraws every 15 s, and
// reusing the node means the image is fetched once, not on every redraw.
const proofLinks = new Map();
function proofLink(stop, p) {
  let link = proofLinks.get(p.id);
  if (!link) {
    const what = t(p.kind === 'photo' ? 'delivery.board.photo' : 'delivery.board.signature');
    link = el('a', { class: `board-proof board-proof-${p.kind}`, href: p.url, target: '_blank', rel: 'noopener', dataset: { proofId: p.id } },
      el('img', { src: p.url, alt: `${what} · ${stop.name}`, loading: 'lazy', width: '72', height: '72' }), el('span', {}, what));
    proofLinks.set(p.id, link);
  }
  return link;
}

function proofList(d) {
  if (!d.proofs?.length) return null;
  return el('div', { class: 'board-proofs' }, el('b', { class: 'tag ok' }, t('delivery.board.proofsHead', { count: d.proofs.length })),
    el('ul', {}, d.proofs.map((s) => el('li', { dataset: { stopId: s.stopId } },
      el('div', {}, t('delivery.board.proofItem', { no: s.stopNo, name: s.name, time: s.outcomeLocal ?? '' })),
      el('div', { class: 'board-proof-row' }, s.items.map((p) => proofLink(s, p)))))));
}

function driverCard(d) {
  const pct = d.total ? Math.round((d.done / d.total) * 100) : 0;
  const bar = el('div', { class: 'board-bar', role: 'progressbar', 'aria-valuenow': pct, 'aria-valuemin': 0, 'aria-valuemax': 100 }, el('span', { class: `board-fill p${Math.round(pct / 10) * 10}` }));
  const next = d.next ? t('delivery.board.next', { name: d.next.name, time: d.next.etaLocal }) : t('delivery.board.finished', { time: d.returnLocal });
  return el('article', { class: `card board-driver${d.late.length ? ' is-late' : ''}${d.openAlerts ? ' has-alert' : ''}`, dataset: { routeId: d.routeId } },
    el('h2', {}, t('delivery.board.route', { no: d.routeNo }), ' · ', d.driverName ?? '', el('span', { class: 'muted' }, ` ${d.vehicleName ?? ''}`)),
    el('p', { class: 'board-progress' }, t('delivery.board.progress', { done: d.done, total: d.total })),
    bar,
    el('p', { class: 'board-next' }, next),
    d.late.length ? el('div', { class: 'board-late' }, el('b', { class: 'tag warn' }, t('delivery.board.lateHead', { count: d.late.length })),
      el('ul', {}, d.late.map((s) => el('li', {}, t('delivery.board.lateItem', { no: s.stopNo, name: s.name, time: s.etaLocal, minutes: s.minutesLate }))))) : null,
    d.notHome.length ? el('div', { class: 'board-nothome' }, el('b', { class: 'tag bad' }, t('delivery.board.notHomeHead', { count: d.notHome.length })),
      el('ul', {}, d.notHome.map((s) => el('li', {}, `${s.stopNo}. ${s.name}`)))) : null,
    d.openAlerts ? el('p', { class: 'board-alert-count' }, el('a', { href: '/app/desk/alerts' }, t('delivery.board.alertsOnRoute', { count: d.openAlerts }))) : null,
    proofList(d),
  );
}

/** Residents' voice on the board: the kitchen's satisfaction this month and today's low ratings. */
function renderRatings(board) {
  const box = document.getElementById('board-ratings');
  const s = board.satisfaction;
  const head = el('p', { class: 'muted board-satisfaction' }, s && s.ratings
    ? t('delivery.board.satisfaction', { pct: `${s.satisfactionPct}%`, count: s.ratings }) : t('delivery.board.noRatings'));
  const low = board.lowRatings ?? [];
  box.replaceChildren(head, low.length ? el('div', { class: 'card board-low-ratings' },
    el('h2', {}, t('delivery.board.lowRatingsHead')),
    el('ul', {}, low.map((r) => el('li', {}, t('delivery.board.lowRating', { route: r.routeNo, stop: r.stopNo, name: r.name, mean: (r.meanTenths / 10).toFixed(1) }),
      r.comment ? el('div', { class: 'muted' }, r.comment) : null)))) : '');
}

function render(board, stale = false) {
  renderFigures(board.figures);
  renderAlerts(board.alerts);
  renderRatings(board);
  const drivers = document.getElementById('board-drivers');
  drivers.replaceChildren(...(board.drivers.length ? board.drivers.map(driverCard) : [el('p', { class: 'card' }, t('delivery.board.noRoutes'))]));
  const status = document.getElementById('board-status');
  status.textContent = t(stale ? 'delivery.board.stale' : 'delivery.board.updated', { time: timeOf(board.now) });
  status.className = stale ? 'error' : 'muted';
  document.body.dataset.boardAt = board.now;
}

let last = data.board;
async function poll() {
  try {
    last = await api('GET', data.pollUrl);
    render(last);
  } catch {
    render(last, true);
  } finally {
    setTimeout(poll, data.pollMs);
  }
}

if (last) {
  render(last);
  setTimeout(poll, data.pollMs);
  // Back on the tab after a while: refresh at once rather than up to 15 s later.
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') api('GET', data.pollUrl).then((b) => { last = b; render(b); }).catch(() => {}); });
}
document.body.dataset.ready = 'true';
