import { defineMessages } from '../i18n/index.js';

/** Refusals of the audit findings API (the auditor's acknowledge). */
export const FR = defineMessages('canteen.findingRefusal', {
  nounFinding: { zh: '审计发现', en: 'finding' },
  alreadyAcknowledged: { zh: '该发现已于 {atLocal} 确认过。', en: 'Already acknowledged at {at}.' },
});
