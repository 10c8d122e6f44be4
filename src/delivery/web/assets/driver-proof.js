// Proof of delivery on the phone: a photo compressed here (canvas → JPEG, ≤ 1280 px) or the
// recipient's signature on the screen (vendored signature_pad), queued in the outbox like a tap.
import { el, t } from '../web/app.js';

const MAX_SIDE = 1280;

/** A picked photo file → a JPEG data URL small enough for a village uplink (~100–300 kB). */
export async function compressPhoto(file) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.7);
}

let padScript;
function loadSignaturePad(url) {
  // A classic script (UMD → window.SignaturePad), loaded only when someone signs.
  padScript ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = url;
    s.onload = () => resolve(window.SignaturePad);
    s.onerror = reject;
    document.head.append(s);
  });
  return padScript;
}

/** Opens the signature panel over the page; resolves with a PNG data URL, or null when closed. */
export async function askSignature(padUrl) {
  const SignaturePad = await loadSignaturePad(padUrl);
  return new Promise((resolve) => {
    const canvas = el('canvas', { class: 'drv-sign-canvas' });
    const ok = el('button', { type: 'button', class: 'primary' }, t('delivery.driver.signOk'));
    const clear = el('button', { type: 'button' }, t('delivery.driver.signClear'));
    const cancel = el('button', { type: 'button' }, t('delivery.driver.signCancel'));
    const panel = el('div', { class: 'drv-sign', role: 'dialog' }, el('p', {}, t('delivery.driver.proofSign')), canvas, el('div', { class: 'row' }, clear, cancel, ok));
    document.body.append(panel);
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d').scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)' });
    const close = (value) => { pad.off(); panel.remove(); resolve(value); };
    clear.addEventListener('click', () => pad.clear());
    cancel.addEventListener('click', () => close(null));
    ok.addEventListener('click', () => close(pad.isEmpty() ? null : pad.toDataURL('image/png')));
  });
}

/** The proof buttons of a delivered card, per the tenant's setting (none | photo | signature | both). */
export function proofButtons(mode, sent, waiting) {
  if (!mode || mode === 'none') return null;
  const parts = [];
  if (mode === 'photo' || mode === 'both') {
    parts.push(el('label', { class: 'button drv-photo' }, t('delivery.driver.proofPhoto'),
      el('input', { type: 'file', accept: 'image/*', capture: 'environment', 'data-action': 'photo', hidden: true })));
  }
  if (mode === 'signature' || mode === 'both') parts.push(el('button', { type: 'button', 'data-action': 'sign' }, t('delivery.driver.proofSign')));
  const note = waiting ? t('delivery.driver.proofWaiting') : sent ? t('delivery.driver.proofSaved', { count: sent }) : null;
  return el('div', { class: 'drv-proof' }, ...parts, note ? el('span', { class: 'muted' }, note) : null);
}
