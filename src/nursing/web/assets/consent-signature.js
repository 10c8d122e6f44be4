// The signer's handwritten signature on the coordinator's tablet, instead of paper: drawn with the
// vendored signature_pad, sent as a PNG with an Idempotency-Key (a retry after a lost answer
// records the consent once), then the page reloads to show the recorded consent.
import { api, data, errorText, newKey, t, toast } from '../web/app.js';

function loadSignaturePad(url) {
  // A classic script (UMD → window.SignaturePad), loaded only on this page.
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = url;
    s.onload = () => resolve(window.SignaturePad);
    s.onerror = reject;
    document.head.append(s);
  });
}

async function start() {
  const canvas = document.getElementById('sign-pad');
  if (!canvas) return;
  const SignaturePad = await loadSignaturePad(data.signaturePadUrl);
  const ratio = Math.max(window.devicePixelRatio || 1, 1);
  const pad = new SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)' });
  const fit = () => {
    // A resized canvas loses its strokes; keep them across a rotation of the tablet.
    const strokes = pad.toData();
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d').scale(ratio, ratio);
    pad.clear();
    pad.fromData(strokes);
  };
  fit();
  window.addEventListener('resize', fit);
  let key = newKey();
  pad.addEventListener('endStroke', () => { key = newKey(); });
  document.getElementById('sign-clear').addEventListener('click', () => pad.clear());
  const save = document.getElementById('sign-save');
  save.addEventListener('click', async () => {
    const signerName = document.getElementById('sign-name').value.trim();
    const relation = document.getElementById('sign-relation').value.trim();
    if (!signerName || !relation) return toast(t('nursing.consent.signNeedName'), true);
    if (pad.isEmpty()) return toast(t('nursing.consent.signEmpty'), true);
    save.disabled = true;
    try {
      await api('POST', `/nursing/bookings/${data.bookingId}/consents/signed`, { signerName, relation, image: pad.toDataURL('image/png') }, { idempotencyKey: key });
      window.location.assign(`${window.location.pathname}?done=signed`);
    } catch (err) {
      save.disabled = false;
      toast(errorText(err), true);
    }
  });
  document.body.dataset.ready = 'true';
}

start().catch(() => toast(t('web.somethingWrong'), true));
