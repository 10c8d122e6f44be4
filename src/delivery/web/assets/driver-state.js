// What a stop looks like on the phone right now: the server's outcome, then every tap still in
// the outbox applied in order (so a tap made offline shows at once, marked "waiting to send").

/** Which outcome may follow which (the server's rule; a second knock after "not home" may deliver). */
const NEXT = { pending: ['delivered', 'not_home', 'refused'], not_home: ['delivered', 'refused'], delivered: [], refused: [], cancelled: [] };

export function effective(stop, items) {
  const mine = items.filter((i) => i.meta?.stopId === stop.id);
  const queued = mine.filter((i) => i.state === 'pending' && i.meta.kind !== 'proof');
  const proofs = mine.filter((i) => i.state === 'pending' && i.meta.kind === 'proof');
  const failed = mine.filter((i) => i.state === 'failed');
  const stack = [stop.outcome];
  for (const i of queued) {
    if (i.meta.kind === 'proof') continue; // a photo or signature does not change the outcome
    if (i.meta.kind === 'undo') {
      if (stack.length > 1) stack.pop();
      else stack[0] = 'pending';
    } else stack.push(i.meta.status);
  }
  const outcome = stop.orderStatus === 'cancelled' ? 'cancelled' : stack[stack.length - 1];
  return { outcome, queued, failed, proofs };
}

/** The buttons a stop offers in a state (never the outcome it already has: a double tap does nothing). */
export function allowed(outcome) {
  return NEXT[outcome] ?? [];
}

/** Routes kept on the phone, per driver: the list opens in a dead zone and survives a restart. */
export function loadSaved(userId) {
  try { return JSON.parse(localStorage.getItem(`driver.routes.${userId}`) || 'null'); } catch { return null; }
}

export function save(userId, snapshot) {
  try { localStorage.setItem(`driver.routes.${userId}`, JSON.stringify(snapshot)); } catch { /* storage full: the page still works */ }
}

export function forget(userId) {
  localStorage.removeItem(`driver.routes.${userId}`);
}
