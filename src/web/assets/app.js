// The client kernel of every screen: messages, page data, the JSON API with the session's CSRF
// token, and a toast. Screens import it: `import { api, t } from '../web/app.js'`.

const readJson = (id) => {
  const el = document.getElementById(id);
  try { return el ? JSON.parse(el.textContent || 'null') : null; } catch { return null; }
};

const messages = readJson('page-messages') || {};
/** The page's data block (what the server rendered the page from). */
export const data = readJson('page-data');

/** A sentence of the catalogue in the reader's language, `{name}` filled from params. */
export function t(key, params = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content || '';

/** An API answer that was not 2xx; `network` when no answer came at all. */
export class ApiError extends Error {
  constructor(status, problem, network = false) {
    super(problem?.detail || problem?.title || (network ? 'network' : `HTTP ${status}`));
    this.status = status;
    this.problem = problem;
    this.network = network;
  }
}

/** Calls the JSON API as the signed-in person. Retries are the caller's choice (see outbox.js). */
export async function api(method, url, body, { idempotencyKey, headers = {}, signal } = {}) {
  const h = { Accept: 'application/json', 'X-CSRF-Token': csrfToken(), ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (idempotencyKey) h['Idempotency-Key'] = idempotencyKey;
  let res;
  try {
    res = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', signal });
  } catch (err) {
    throw new ApiError(0, null, true);
  }
  const text = await res.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
  if (res.status === 401) {
    toast(t('web.sessionEnded'), true);
  }
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed;
}

let toastTimer;
export function toast(text, bad = false) {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = text;
  el.className = bad ? 'bad' : '';
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, bad ? 6000 : 3000);
}

/** The readable sentence of an error: the server's own words (already in the reader's language). */
export function errorText(err) {
  if (err instanceof ApiError) {
    if (err.network) return t('web.networkError');
    const fields = err.problem?.errors?.map((e) => e.message).join(' ') || '';
    return [err.problem?.detail, fields].filter(Boolean).join(' ') || t('web.somethingWrong');
  }
  return t('web.somethingWrong');
}

/** A random key for Idempotency-Key headers (kept with a queued request so retries match). */
export function newKey() {
  return (crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`);
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

// No inline handlers (the CSP forbids them): printing and confirmations are declared with data attributes.
document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target.closest('[data-print]') : null;
  if (target) { e.preventDefault(); window.print(); }
});
document.addEventListener('submit', (e) => {
  const form = e.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
  if (form instanceof HTMLFormElement && !e.defaultPrevented) form.querySelectorAll('button').forEach((b) => { setTimeout(() => { b.disabled = true; }, 0); });
});
