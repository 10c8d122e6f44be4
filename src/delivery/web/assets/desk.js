// The kitchen manager's planning desk: routes side by side, the unassigned tray, drag a stop to
// another van or position (the move API re-times at once), pin, re-plan around pins, publish.
// Everything goes through the same JSON API as integrations (session cookie + CSRF).
import { api, data, el, errorText, t, toast } from '../web/app.js';

const M = (name, params) => t(`delivery.desk.${name}`, params);
let plan = data?.plan || null;
const vehicles = data?.vehicles || [];
const advice = data?.advice || {};
const $ = (id) => document.getElementById(id);
const toMin = (hhmm) => { const [h, m] = hhmm.split(':').map(Number); return h * 60 + m; };
const km = (m) => (m / 1000).toFixed(1);
const busy = (on) => document.body.classList.toggle('desk-busy', on);

/** Loads a vendored classic script once (Sortable, Leaflet) from our own origin. */
const loaded = new Map();
export function loadScript(url) {
  if (!loaded.has(url)) {
    loaded.set(url, new Promise((resolve, reject) => {
      const s = el('script', { src: url });
      s.addEventListener('load', resolve);
      s.addEventListener('error', reject);
      document.head.append(s);
    }));
  }
  return loaded.get(url);
}

function showError(err) {
  const box = $('desk-error');
  const text = typeof err === 'string' ? err : errorText(err);
  if (box) { box.textContent = text; box.hidden = false; }
  toast(text, true);
}
const clearError = () => { const box = $('desk-error'); if (box) box.hidden = true; };

function statusLine() {
  const s = $('desk-status');
  const bar = $('desk-progress');
  if (!s || !plan) return;
  const key = `status_${plan.status}`;
  s.textContent = plan.status === 'done' || plan.status === 'published'
    ? `${M(key)} · ${M('summary', { routes: plan.routes.length, stops: plan.stopCount, km: km(plan.distanceM), unassigned: plan.unassigned.length })}`
    : M(key, { progress: plan.progress, error: plan.error || '' });
  if (bar) { bar.value = plan.progress; bar.hidden = !['queued', 'running'].includes(plan.status); }
  const replan = $('desk-replan');
  const publish = $('desk-publish');
  if (replan) replan.disabled = !['done', 'failed'].includes(plan.status);
  if (publish) publish.disabled = plan.status !== 'done';
}

function warningText(w) {
  if (w.kind === 'late') return M('warnLate', { stop: w.stopNo, minutes: w.minutes ?? '?' });
  if (w.kind === 'ride_time') return M('warnRide', { stop: w.stopNo, minutes: w.minutes ?? '?', limit: w.limit ?? data.maxRideMinutes });
  if (w.kind === 'capacity') return M('warnCapacity', { minutes: w.minutes ?? '?', limit: w.limit ?? '?' });
  return M('warnShift', { minutes: w.minutes ?? '?' });
}

/** Lateness and ride time of one stop, from its ETA, window and the route's departure. */
function stopFlags(route, s) {
  const flags = [];
  const late = toMin(s.etaLocal) - toMin(s.window.end);
  if (late > 0) flags.push(el('span', { class: 'chip bad' }, M('late', { minutes: late })));
  const ride = Math.round((Date.parse(s.eta) - Date.parse(route.departAt)) / 60000);
  if (ride > data.maxRideMinutes) flags.push(el('span', { class: 'chip bad' }, M('rideLong', { minutes: ride, limit: data.maxRideMinutes })));
  return flags;
}

function stopItem(route, s, colour) {
  const pinnedHere = s.pinnedVehicleId === route.vehicleId;
  const labelsOf = [data.diets[s.diet] || s.diet, s.texture !== 'regular' ? data.textures[s.texture] || s.texture : null].filter(Boolean).join(' · ');
  return el('li', { class: `desk-stop${pinnedHere ? ' pinned' : ''}`, dataset: { orderId: s.orderId, name: s.name } },
    el('span', { class: `desk-no c${colour}` }, String(s.stopNo)),
    el('div', { class: 'desk-stop-body' },
      el('div', { class: 'desk-stop-name' }, s.name, s.livesAlone ? el('span', { class: 'chip' }, M('livesAlone')) : null,
        pinnedHere ? el('span', { class: 'chip pin' }, `📌 ${M('pinned')}`) : null),
      el('div', { class: 'desk-stop-meta' }, `${M('eta', { time: s.etaLocal })} · ${M('windowOf', s.window)} · ${M('meals', { qty: s.quantity })} · ${M('load', { load: s.load })}`),
      el('div', { class: 'desk-stop-meta' }, labelsOf, s.allergies.length ? ` · ⚠ ${s.allergies.join('、')}` : ''),
      el('div', { class: 'desk-flags' }, stopFlags(route, s))),
    el('button', { type: 'button', class: 'link desk-pin', dataset: { action: pinnedHere ? 'unpin' : 'pin', orderId: s.orderId, vehicleId: route.vehicleId, name: s.name } },
      pinnedHere ? M('unpin') : M('pin')));
}

function routeColumn(route, i) {
  const head = el('header', { class: `desk-route-head b${i % 12}` },
    el('h3', {}, M('route', { no: route.routeNo, vehicle: route.vehicleName || '' })),
    el('div', { class: 'desk-stop-meta' }, route.driverName ? M('driver', { name: route.driverName }) : ''),
    el('div', { class: 'desk-stop-meta' }, M('routeTimes', { depart: route.departLocal, back: route.returnLocal, km: km(route.distanceM), load: route.load, capacity: route.capacity ?? '?' })),
    el('a', { href: `/delivery/routes/${route.id}/sheet`, target: '_blank', rel: 'noopener' }, M('routeSheet')));
  const warnings = Array.isArray(route.warnings) && route.warnings.length
    ? el('ul', { class: 'desk-warnings', role: 'alert' }, route.warnings.map((w) => el('li', {}, warningText(w)))) : null;
  return el('section', { class: 'desk-route', dataset: { vehicleId: route.vehicleId } }, head, warnings,
    el('ol', { class: 'desk-stops', dataset: { vehicleId: route.vehicleId } }, route.stops.map((s) => stopItem(route, s, i % 12))));
}

function emptyColumn(v) {
  return el('section', { class: 'desk-route empty', dataset: { vehicleId: v.id } },
    el('header', { class: 'desk-route-head' }, el('h3', {}, M('emptyVehicle', { vehicle: v.name }))),
    el('ol', { class: 'desk-stops', dataset: { vehicleId: v.id } }));
}

function renderTray() {
  const list = $('desk-unassigned');
  if (!list) return;
  list.replaceChildren(...plan.unassigned.map((u) => el('li', { class: 'desk-stop unassigned', dataset: { orderId: u.orderId, name: u.name } },
    el('div', { class: 'desk-stop-body' },
      el('div', { class: 'desk-stop-name' }, u.name),
      el('div', { class: 'desk-why' }, advice[u.orderId]?.why || u.detail),
      advice[u.orderId]?.todo ? el('div', { class: 'desk-todo' }, M('whatToDo'), advice[u.orderId].todo) : null))));
}

let sortables = [];
async function enableDrag() {
  sortables.forEach((s) => s.destroy());
  sortables = [];
  if (plan.status !== 'done' || !data.sortableUrl) return;
  await loadScript(data.sortableUrl);
  const Sortable = window.Sortable;
  const opts = { group: { name: 'desk', pull: true, put: true }, animation: 120, forceFallback: true, filter: '.desk-pin', preventOnFilter: false, onEnd: onDrop };
  document.querySelectorAll('#desk-routes .desk-stops').forEach((list) => sortables.push(Sortable.create(list, opts)));
  const tray = $('desk-unassigned');
  if (tray) sortables.push(Sortable.create(tray, { ...opts, group: { name: 'desk', pull: true, put: false }, sort: false }));
}

function render() {
  statusLine();
  const box = $('desk-routes');
  if (!box || !plan) return;
  const used = new Set(plan.routes.map((r) => r.vehicleId));
  const done = ['done', 'published', 'superseded'].includes(plan.status);
  box.replaceChildren(...(done ? [...plan.routes.map(routeColumn), ...vehicles.filter((v) => !used.has(v.id)).map(emptyColumn)] : []));
  renderTray();
  enableDrag().catch(showError);
  if (done) drawMap();
}

let mapVersion = 0;
async function drawMap() {
  if (data.tileUrl) {
    const { drawLeafletMap } = await import('./desk-map.js');
    await loadScript(data.leafletUrl);
    drawLeafletMap(window.L, $('desk-map'), plan, { tileUrl: data.tileUrl, attribution: data.tileAttribution, message: M, diets: data.diets });
    return;
  }
  const img = $('desk-map-img');
  if (img && mapVersion++ > 0) img.src = `/delivery/route-plans/${plan.id}/map.svg?v=${mapVersion}`;
}

async function refresh() {
  plan = await api('GET', `/delivery/route-plans/${plan.id}`);
  render();
}

async function onDrop(evt) {
  const orderId = evt.item.dataset.orderId;
  const vehicleId = evt.to.dataset.vehicleId;
  const name = evt.item.dataset.name;
  if (!vehicleId || (evt.from === evt.to && evt.oldIndex === evt.newIndex)) return;
  clearError();
  busy(true);
  try {
    plan = await api('POST', `/delivery/route-plans/${plan.id}/moves`, { orderId, vehicleId, position: evt.newIndex + 1 });
    const route = plan.routes.find((r) => r.vehicleId === vehicleId);
    const warnings = [...(route?.warnings || [])].map(warningText);
    toast(warnings.length ? M('movedWarnings', { name, warnings: warnings.join('；') }) : M('moved', { name }), warnings.length > 0);
    render();
  } catch (err) {
    showError(err);
    await refresh().catch(() => {});
  } finally {
    busy(false);
  }
}

async function onPin(button) {
  const { action, orderId, vehicleId, name } = button.dataset;
  clearError();
  busy(true);
  try {
    await api('POST', `/delivery/orders/${orderId}/pin`, { vehicleId: action === 'pin' ? vehicleId : null });
    const v = vehicles.find((x) => x.id === vehicleId);
    toast(action === 'pin' ? M('pinnedOk', { name, vehicle: v?.name || '' }) : M('unpinnedOk', { name }));
    await refresh();
  } catch (err) {
    showError(err);
  } finally {
    busy(false);
  }
}

async function poll() {
  while (plan && ['queued', 'running'].includes(plan.status)) {
    await new Promise((r) => setTimeout(r, 1000));
    try {
      plan = await api('GET', `/delivery/route-plans/${plan.id}`);
    } catch (err) {
      if (!err.network) { showError(err); return; }
    }
    statusLine();
  }
  // A finished plan brings new advice and figures: the server renders them.
  window.location.reload();
}

async function replan() {
  clearError();
  busy(true);
  try {
    plan = await api('POST', `/delivery/route-plans/${plan.id}/replan`, {});
    render();
    poll();
  } catch (err) {
    showError(err);
  } finally {
    busy(false);
  }
}

async function publish() {
  if (!window.confirm(M('publishConfirm'))) return;
  clearError();
  try {
    plan = await api('POST', `/delivery/route-plans/${plan.id}/publish`);
    render();
  } catch (err) {
    showError(err);
  }
}

document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target : null;
  const pin = target?.closest('.desk-pin');
  if (pin) { e.preventDefault(); onPin(pin); }
  if (target?.closest('#desk-replan')) replan();
  if (target?.closest('#desk-publish')) publish();
});

if (plan) {
  render();
  if (['queued', 'running'].includes(plan.status)) poll();
}
