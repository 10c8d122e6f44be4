// The coordinator's roster board (/app/nursing/roster). The grid is rendered on the server; this
// script runs a roster (a background job: it shows the job's progress and reloads on the result),
// records sick leave then re-rosters, and assigns by hand through the same API as integrations,
// showing the server's own sentence when a rule refuses it.
import { api, data, errorText, newKey, t, toast } from '../web/app.js';

/** A refused assignment's broken rules in the reader's language (the API sends them in both). */
const refusal = (err) => err?.problem?.sentences?.[data.locale]?.join(' ') || errorText(err);

const progress = document.getElementById('rb-progress');
const runButton = document.getElementById('rb-run');

function showProgress(text, pct) {
  progress.hidden = false;
  progress.querySelector('progress').value = pct;
  progress.querySelector('[role=status]').textContent = text;
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Polls a run until it is done or failed, showing its progress; then shows the board for it. */
async function follow(runId) {
  for (;;) {
    let run;
    try {
      run = await api('GET', `/nursing/rosters/${runId}`);
    } catch (err) {
      showProgress(errorText(err), 0);
      await sleep(2000);
      continue;
    }
    if (run.status === 'done') {
      showProgress(t('nursing.roster.runDone'), 100);
      window.location.assign(`${data.path}?from=${data.from}&to=${data.to}&run=${run.id}`);
      return;
    }
    if (run.status === 'failed') {
      showProgress(t('nursing.roster.runFailed', { error: run.error ?? '' }), run.progress);
      runButton.disabled = false;
      return;
    }
    showProgress(run.status === 'queued' ? t('nursing.roster.runQueued') : t('nursing.roster.runProgress', { pct: run.progress }), run.progress);
    await sleep(400);
  }
}

async function startRun() {
  runButton.disabled = true;
  showProgress(t('nursing.roster.runQueued'), 0);
  try {
    const run = await api('POST', '/nursing/rosters', { fromDate: data.from, toDate: data.to }, { idempotencyKey: newKey() });
    await follow(run.id);
  } catch (err) {
    showProgress(errorText(err), 0);
    runButton.disabled = false;
  }
}

runButton?.addEventListener('click', startRun);

document.getElementById('rb-leave')?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  const button = form.querySelector('button');
  const f = new FormData(form);
  const from = String(f.get('from'));
  const to = String(f.get('to'));
  if (!from || !to || to < from || from < data.from || to > data.to) { toast(t('nursing.roster.leaveRange'), true); return; }
  const dates = [];
  for (let d = new Date(`${from}T00:00:00Z`), i = 0; i < 31 && d.toISOString().slice(0, 10) <= to; i++, d.setUTCDate(d.getUTCDate() + 1)) dates.push(d.toISOString().slice(0, 10));
  const select = form.querySelector('select[name=aideId]');
  button.disabled = true;
  try {
    const reason = String(f.get('reason') || '').trim();
    const result = await api('POST', `/nursing/aides/${f.get('aideId')}/leave`, { dates, ...(reason ? { reason } : {}) });
    toast(t('nursing.roster.leaveRecorded', { name: select.selectedOptions[0]?.textContent ?? '', count: result.removedAssignments }));
    await startRun();
  } catch (err) {
    toast(errorText(err), true);
  } finally {
    button.disabled = false;
  }
});

// Manual assignment from a gap of the grid: the dialog names the patient and shift.
const dialog = document.getElementById('rb-assign-dialog');
const assignForm = document.getElementById('rb-assign');
const assignError = document.getElementById('rb-assign-error');
let target = null;
document.getElementById('rb-grid')?.addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest('.rb-assign') : null;
  if (!button) return;
  target = { ...button.dataset };
  document.getElementById('rb-assign-what').textContent = `${target.label} · ${target.patient}`;
  assignError.hidden = true;
  dialog.showModal();
});
document.getElementById('rb-assign-cancel')?.addEventListener('click', () => dialog.close());
assignForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const aideId = new FormData(assignForm).get('aideId');
  const button = assignForm.querySelector('button.primary');
  button.disabled = true;
  try {
    // The key is required: a lost answer retried by the person must not assign twice.
    await api('POST', '/nursing/assignments', { date: target.date, shiftCode: target.shift, bookingId: target.booking, aideId }, { idempotencyKey: newKey() });
    toast(t('nursing.roster.assignDone', { aide: assignForm.querySelector('select').selectedOptions[0]?.textContent ?? '', patient: target.patient }));
    dialog.close();
    window.location.reload();
  } catch (err) {
    assignError.textContent = refusal(err);
    assignError.hidden = false;
  } finally {
    button.disabled = false;
  }
});

// A run still under way when the page opened (started elsewhere or before a reload): follow it.
if (data.run && (data.run.status === 'queued' || data.run.status === 'running')) {
  runButton.disabled = true;
  follow(data.run.id);
}
document.body.dataset.ready = 'true';
