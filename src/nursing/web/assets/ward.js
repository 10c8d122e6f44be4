// The ward board: as the coordinator types a Barthel score, the level it suggests is shown (the
// server's own table, sent in the page data) and the override reason becomes required as soon as
// a different level is chosen — the server checks the same rule.
import { data, t } from '../web/app.js';

const suggestionOf = (score) => (Number.isInteger(score) && score >= 0 && score <= 100 ? data.suggestions[score] : undefined);

function wire(block) {
  const score = block.querySelector('input[name=barthelScore]');
  const level = block.querySelector('select[name=levelCode]');
  const reason = block.querySelector('input[name=overrideReason]');
  const hint = block.querySelector('.barthel-hint');
  const update = () => {
    const raw = score.value.trim();
    const suggested = raw === '' ? undefined : suggestionOf(Number(raw));
    if (suggested === null) hint.textContent = t('nursing.ward.independent');
    else if (suggested) hint.textContent = t('nursing.ward.suggested', { level: data.levelNames[suggested] ?? suggested });
    else hint.textContent = '';
    const overridden = level.value !== '' && suggested !== undefined && level.value !== suggested;
    reason.required = overridden;
    reason.closest('label').classList.toggle('needed', overridden);
  };
  score.addEventListener('input', update);
  level.addEventListener('change', update);
  update();
}

document.querySelectorAll('.care-fields').forEach(wire);
document.body.dataset.ready = 'true';
