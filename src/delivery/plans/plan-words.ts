import { type Localized, say } from '../../i18n/index.js';
import { outcomeLabel, planStatusLabel } from '../label-messages.js';

/** A plan status inside a sentence, in the reader's words (an unknown code stays as it is). */
export function statusWord(status: string): Localized | string {
  const m = planStatusLabel(status);
  return m ? say(m) : status;
}

/** A stop outcome inside a sentence, in the reader's words. */
export function outcomeWord(outcome: string): Localized | string {
  const m = outcomeLabel(outcome);
  return m ? say(m) : outcome;
}
