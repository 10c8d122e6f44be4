import { type Message, type Params, say, type Localized } from '../i18n/index.js';
import { isValidLocalDate } from '../time/index.js';
import { PM } from './messages.js';

/**
 * Resident ID-card numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function checkCharFor(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdCardProblem = 'format' | 'birth_date' | 'checksum';

export interface IdCardInfo {
  birthDate: string;
  gender: 'male' | 'female';
}

/** Why a number is refused: the problem code, its catalogue sentence (key + params for zod) and the English text. */
export interface IdCardRefusal {
  ok: false;
  problem: IdCardProblem;
  /** English (logs, callers that still store text); a reader gets `sentence` in their locale. */
  message: string;
  sentence: Localized;
  key: string;
  params: Params;
}

function refusal(problem: IdCardProblem, m: Message, params: Params = {}): IdCardRefusal {
  const sentence = say(m, params);
  return { ok: false, problem, message: sentence.toString(), sentence, key: m.key, params };
}

/** Normalises (trim, upper-case x) and validates; returns the problem or the facts it encodes. */
export function parseIdNumber(raw: string): { ok: true; value: string; info: IdCardInfo } | IdCardRefusal {
  const value = raw.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) {
    return refusal('format', PM.idFormat);
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isValidLocalDate(birthDate) || birthDate < '1900-01-01') {
    return refusal('birth_date', PM.idBirthDate, { birthDate });
  }
  if (checkCharFor(value.slice(0, 17)) !== value[17]) {
    return refusal('checksum', PM.idChecksum);
  }
  return { ok: true, value, info: { birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' } };
}

/** Builds a valid number from region, birth date and sequence (tests and demo data). */
export function makeIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharFor(first17);
}
