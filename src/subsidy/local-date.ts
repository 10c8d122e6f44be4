/**
 * Local-date helpers. Every date here is a tenant-local calendar date `YYYY-MM-DD` (SPEC §0): the
 * caller has already converted instants to the tenant's zone, so the arithmetic runs in UTC where
 * no day is ever 23 or 25 hours long.
 */
import { DateTime } from 'luxon';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a `YYYY-MM-DD` local date; throws RangeError on anything else (e.g. `2023-02-30`). */
export function parseLocalDate(value: string, field = 'date'): DateTime {
  const parsed = ISO_DATE.test(value) ? DateTime.fromISO(value, { zone: 'utc' }) : null;
  if (!parsed || !parsed.isValid) throw new RangeError(`${field} must be a valid YYYY-MM-DD date, got "${value}"`);
  return parsed;
}

/**
 * Age in whole years on a local date. A person turns N on their birthday; a 29 February birthday
 * counts on 28 February in non-leap years (luxon's `plus({years})` clamps to the month's end).
 */
export function ageOn(birthDate: string, localDate: string): number {
  const birth = parseLocalDate(birthDate, 'birthDate');
  const day = parseLocalDate(localDate, 'localDate');
  if (day < birth) throw new RangeError(`localDate ${localDate} is before birthDate ${birthDate}`);
  let years = day.year - birth.year;
  if (day < birth.plus({ years })) years -= 1;
  return years;
}

/**
 * Whether `date` lies in [from, to], both ends inclusive; `to` absent = open-ended.
 * Valid `YYYY-MM-DD` strings order like the dates they name, so string comparison is exact.
 */
export function withinInclusive(date: string, from: string, to?: string | null): boolean {
  return date >= from && (to === undefined || to === null || date <= to);
}

/** `YYYY-MM` of a local date. */
export function monthOf(localDate: string): string {
  return localDate.slice(0, 7);
}

/** The local date `days` days after `localDate` (negative = before). */
export function addDays(localDate: string, days: number): string {
  return parseLocalDate(localDate).plus({ days }).toISODate() as string;
}
