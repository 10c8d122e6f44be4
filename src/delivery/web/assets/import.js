// The import page: posts the chosen file to POST /imports/{kind} (multipart, with the session's
// CSRF token) and opens the run's report; the report page reloads itself until the run is done.
import { ApiError, csrfToken, data, errorText, t } from '../web/app.js';

const form = document.getElementById('import-form');
if (form) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const error = document.getElementById('import-error');
    const button = form.querySelector('button');
    const file = form.elements.file.files[0];
    error.hidden = true;
    if (!file) { error.textContent = t('delivery.imports.chooseFile'); error.hidden = false; return; }
    const body = new FormData();
    body.append('file', file, file.name);
    button.disabled = true;
    button.textContent = t('delivery.imports.uploading');
    try {
      const res = await fetch(`/imports/${encodeURIComponent(form.elements.kind.value)}`, {
        method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken() },
      });
      const answer = await res.json().catch(() => null);
      if (!res.ok) throw new ApiError(res.status, answer);
      window.location.assign(`${data.reportPath}/${answer.id}`);
    } catch (err) {
      error.textContent = errorText(err instanceof ApiError ? err : new ApiError(0, null, true));
      error.hidden = false;
      button.disabled = false;
      button.textContent = t('delivery.imports.upload');
    }
  });
}

// A run still queued or running: look again in a moment (imports of a few thousand rows take seconds).
if (data?.watch) setTimeout(() => window.location.reload(), 1500);
document.body.dataset.ready = 'true';
