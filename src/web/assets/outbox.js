// A durable outbox for taps made on a bad connection (driver app, canteen till). Each request is
// stored in IndexedDB with its Idempotency-Key before it is sent, and is re-sent byte for byte
// until the server answers, so a retry after a lost answer gets the server's first result.
import { ApiError, csrfToken } from './app.js';

const DB_VERSION = 1;

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

function openDb(name) {
  const open = indexedDB.open(`outbox-${name}`, DB_VERSION);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('items', { keyPath: 'key' });
    store.createIndex('byCreated', 'createdAt');
  };
  return request(open);
}

/**
 * Answers worth retrying: no answer, a timeout, throttling, the server or a proxy in trouble, signed
 * out, and a 409 only when the same key is still being processed (`inProgress`); any other 409 is the
 * server's final word (e.g. the stop already has another outcome) and retrying it would loop forever.
 */
const retryable = (status, answer) => status === 0 || status === 401 || status === 408 || status === 429 || status >= 500
  || (status === 409 && answer?.inProgress === true);

export class Outbox {
  constructor(name) {
    this.name = name;
    this.db = openDb(name);
    this.listeners = new Set();
    this.flushing = null;
    this.backoffMs = 2000;
    window.addEventListener('online', () => this.flush());
    document.addEventListener('visibilitychange', () => { if (!document.hidden) this.flush(); });
    setInterval(() => this.flush(), 15000);
  }

  async tx(mode, fn) {
    const db = await this.db;
    const tx = db.transaction('items', mode);
    const result = await fn(tx.objectStore('items'));
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
    return result;
  }

  /** Keeps a request (method, url, body, key, and any meta the screen wants to show) and tries to send it. */
  async add({ key, method, url, body, meta = {} }) {
    const item = { key, method, url, body, meta, createdAt: Date.now(), attempts: 0, state: 'pending' };
    await this.tx('readwrite', (s) => request(s.put(item)));
    this.emit();
    this.flush();
    return item;
  }

  list() {
    return this.tx('readonly', (s) => request(s.index('byCreated').getAll()));
  }

  async remove(key) {
    await this.tx('readwrite', (s) => request(s.delete(key)));
    this.emit();
  }

  onChange(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async emit(event) {
    const items = await this.list();
    for (const fn of this.listeners) fn(items, event);
  }

  /** Sends the pending requests in the order they were made; one flush at a time. */
  flush() {
    if (this.flushing) {
      // A request added while a flush is under way is sent right after it, not at the next timer.
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.sendAll().finally(() => {
      this.flushing = null;
      if (this.again) { this.again = false; this.flush(); }
    });
    return this.flushing;
  }

  async sendAll() {
    const items = (await this.list()).filter((i) => i.state === 'pending');
    for (const item of items) {
      const outcome = await this.send(item);
      if (outcome === 'stop') break;
    }
  }

  async send(item) {
    let res;
    try {
      res = await fetch(item.url, {
        method: item.method, credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': item.key, 'X-CSRF-Token': csrfToken() },
        body: item.body === undefined ? undefined : JSON.stringify(item.body),
      });
    } catch {
      res = null;
    }
    const status = res ? res.status : 0;
    let answer = null;
    if (res) { try { answer = await res.json(); } catch { answer = null; } }
    if (res && res.ok) {
      await this.remove(item.key);
      this.backoffMs = 2000;
      this.emit({ type: 'sent', item, answer, url: res.url });
      return 'ok';
    }
    if (retryable(status, answer)) {
      await this.tx('readwrite', (s) => request(s.put({ ...item, attempts: item.attempts + 1, lastStatus: status })));
      this.emit({ type: 'retry', item, status, error: new ApiError(status, answer, status === 0) });
      const wait = this.backoffMs;
      this.backoffMs = Math.min(this.backoffMs * 2, 60000);
      setTimeout(() => this.flush(), wait);
      return 'stop';
    }
    // Refused for good (4xx): kept as failed so the screen can show the server's sentence.
    await this.tx('readwrite', (s) => request(s.put({ ...item, state: 'failed', lastStatus: status, problem: answer })));
    this.emit({ type: 'failed', item, status, error: new ApiError(status, answer) });
    return 'ok';
  }
}
