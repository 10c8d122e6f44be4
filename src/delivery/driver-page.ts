/**
 * The driver's phone page, served by the API at GET /driver: plain HTML + a little script, no
 * build step. The driver pastes their token once (kept in localStorage); the page calls the
 * JSON API with fetch: GET /me/routes, POST /delivery/stops/:id/outcome (with an
 * Idempotency-Key kept until the server answers, so a retry on a flaky network is safe).
 */
export const DRIVER_PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>送餐 · Deliveries</title>
<style>
body { font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0; background: #f4f4f4; font-size: 18px; }
header { background: #0b5; color: #fff; padding: 12px 16px; position: sticky; top: 0; }
header input { font-size: 16px; }
main { padding: 8px; }
.card { background: #fff; border-radius: 10px; padding: 12px; margin: 8px 0; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
.card.done { opacity: .55; }
.no { display: inline-block; min-width: 34px; height: 34px; line-height: 34px; border-radius: 17px; background: #0b5; color: #fff; text-align: center; font-weight: bold; margin-right: 8px; }
.eta { float: right; font-weight: bold; }
.addr, .notes { color: #333; margin: 6px 0; }
.diet { color: #a40; }
.btns { display: flex; gap: 6px; margin-top: 10px; }
.btns button { flex: 1; font-size: 17px; padding: 14px 4px; border: 0; border-radius: 8px; color: #fff; }
.b-delivered { background: #0a4; } .b-not_home { background: #e80; } .b-refused { background: #c33; }
a.tel { display: inline-block; padding: 8px 12px; background: #def; border-radius: 8px; color: #035; text-decoration: none; }
.outcome { font-weight: bold; } .err { color: #c00; } #login { padding: 16px; }
</style></head>
<body>
<header><b id="title">送餐 Deliveries</b>
  <input type="date" id="date"> <button id="reload">↻</button> <button id="logout">⎋</button></header>
<div id="login" hidden>
  <p>Token / 令牌:</p><input id="token" style="width:100%;font-size:16px" autocomplete="off">
  <p><button id="save" style="font-size:18px;padding:10px 20px">OK</button></p>
</div>
<main id="main"></main>
<script>
const T = {
  en: { delivered: 'Delivered', not_home: 'Not home', refused: 'Refused', cancelled: 'Cancelled', pending: '', none: 'No published routes for this date.', print: 'Print sheet', map: 'Map', leaves: 'Leave kitchen', call: 'Call' },
  zh: { delivered: '已送达', not_home: '不在家', refused: '拒收', cancelled: '已取消', pending: '', none: '该日期没有已发布的路线。', print: '打印路线单', map: '地图', leaves: '出发', call: '拨打' },
};
let L = T.zh;
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const token = () => localStorage.getItem('eldercare.token');
async function api(method, path, body, headers = {}) {
  const res = await fetch(path, { method, headers: { Authorization: 'Bearer ' + token(), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
  if (res.status === 401) { localStorage.removeItem('eldercare.token'); showLogin(); throw new Error('401'); }
  const ct = res.headers.get('content-type') || '';
  const data = ct.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new Error(data.detail || data.title || res.status);
  return data;
}
function showLogin() { $('login').hidden = false; $('main').innerHTML = ''; }
async function load() {
  if (!token()) return showLogin();
  $('login').hidden = true;
  try {
    const me = await api('GET', '/me');
    L = me.tenant.locale.startsWith('zh') ? T.zh : T.en;
    $('title').textContent = me.user.displayName;
    const data = await api('GET', '/me/routes?date=' + encodeURIComponent($('date').value));
    render(data);
  } catch (e) { $('main').innerHTML = '<p class="err">' + esc(e.message) + '</p>'; }
}
function render(data) {
  if (!data.routes.length) { $('main').innerHTML = '<p>' + esc(L.none) + '</p>'; return; }
  $('main').innerHTML = data.routes.map((r) => '<h3>#' + r.routeNo + ' · ' + esc(r.kitchen.name) + ' · ' + esc(L.leaves) + ' ' + esc(r.departLocal) +
    ' <button data-print="' + r.id + '">' + esc(L.print) + '</button> <button data-map="' + r.id + '">' + esc(L.map) + '</button></h3>' + r.stops.map((s) => {
      const done = s.outcome !== 'pending' && s.outcome !== 'not_home';
      return '<div class="card' + (done ? ' done' : '') + '" id="s-' + s.id + '"><span class="no">' + s.stopNo + '</span><b>' + esc(s.name) + '</b> × ' + s.quantity +
        '<span class="eta">' + esc(s.etaLocal) + '</span>' +
        '<div class="addr">' + esc(s.address) + '</div>' +
        (s.phone ? '<a class="tel" href="tel:' + esc(s.phone.replace(/[^0-9+*]/g, '')) + '">📞 ' + esc(s.phone) + '</a>' : '') +
        '<div class="diet">' + esc(s.diet) + (s.allergies.length ? ' · ⚠ ' + esc(s.allergies.join(', ')) : '') + '</div>' +
        (s.accessNotes ? '<div class="notes">📝 ' + esc(s.accessNotes) + '</div>' : '') +
        '<div class="outcome">' + esc(L[s.outcome] || '') + '</div>' +
        (done || s.outcome === 'cancelled' ? '' : '<div class="btns">' + ['delivered', 'not_home', 'refused'].map((o) =>
          '<button class="b-' + o + '" data-stop="' + s.id + '" data-outcome="' + o + '">' + esc(L[o]) + '</button>').join('') + '</div>') +
        '</div>';
    }).join('')).join('');
}
async function outcome(stopId, status) {
  const k = 'idem.' + stopId + '.' + status;
  let key = sessionStorage.getItem(k);
  if (!key) { key = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random(); sessionStorage.setItem(k, key); }
  try {
    await api('POST', '/delivery/stops/' + stopId + '/outcome', { status, at: new Date().toISOString() }, { 'Idempotency-Key': key });
    sessionStorage.removeItem(k);
    await load();
  } catch (e) { alert(e.message); }
}
async function showMap(routeId) {
  const svg = await api('GET', '/delivery/routes/' + routeId + '/map.svg');
  window.open(URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), '_blank');
}
async function printSheet(routeId) {
  const html = await api('GET', '/delivery/routes/' + routeId + '/sheet');
  const w = window.open('', '_blank');
  w.document.write(html); w.document.close(); w.focus(); w.print();
}
document.addEventListener('click', (ev) => {
  const t = ev.target;
  if (t.dataset.stop) outcome(t.dataset.stop, t.dataset.outcome);
  if (t.dataset.print) printSheet(t.dataset.print);
  if (t.dataset.map) showMap(t.dataset.map);
});
$('save').onclick = () => { localStorage.setItem('eldercare.token', $('token').value.trim()); load(); };
$('logout').onclick = () => { localStorage.removeItem('eldercare.token'); showLogin(); };
$('reload').onclick = load;
$('date').onchange = load;
$('date').value = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
load();
</script>
</body></html>`;
