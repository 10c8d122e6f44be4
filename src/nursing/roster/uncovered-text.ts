import { t } from '../../i18n/index.js';
import type { UncoveredGroup } from '../../roster/index.js';
import { uncoveredMessages as U } from '../messages-roster.js';

/**
 * The coordinator's sentence for needs a roster could not cover, in the hospital's locale, with
 * ward, shift and care-level names (the solver only knows ids, codes and a cause code). Stored with
 * the run by the background job, so it is rendered in the hospital's locale at that time.
 */
export interface Names { ward: string; shift: string; level: string }

export function uncoveredReason(u: UncoveredGroup, names: Names, locale: string): string {
  const sentence = u.patients === 1 ? (u.aidesShort === 1 ? U.oneOne : U.oneMany) : (u.aidesShort === 1 ? U.manyOne : U.manyMany);
  return t(locale, sentence, { ...names, date: u.date, patients: u.patients, short: u.aidesShort, cause: t(locale, U[u.cause]) });
}
