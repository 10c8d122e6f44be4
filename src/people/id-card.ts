import { isValidLocalDate } from '../time/index.js';

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

/** Normalises (trim, upper-case x) and validates; returns the problem or the facts it encodes. */
export function parseIdNumber(raw: string): { ok: true; value: string; info: IdCardInfo } | { ok: false; problem: IdCardProblem; message: string } {
  const value = raw.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) {
    return { ok: false, problem: 'format', message: 'An ID-card number has 17 digits and a final digit or X.' };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isValidLocalDate(birthDate) || birthDate < '1900-01-01') {
    return { ok: false, problem: 'birth_date', message: `The birth date inside (${birthDate}) is not a real date.` };
  }
  if (checkCharFor(value.slice(0, 17)) !== value[17]) {
    return { ok: false, problem: 'checksum', message: 'The check character does not match (mistyped digit?).' };
  }
  return { ok: true, value, info: { birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' } };
}

/** Builds a valid number from region, birth date and sequence (tests and demo data). */
export function makeIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharFor(first17);
}
