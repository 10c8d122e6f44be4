import { DateTime } from 'luxon';

/**
 * The one time helper. Instants are stored in UTC; local dates ('YYYY-MM-DD') and local
 * times ('HH:mm') are interpreted in the tenant's IANA time zone with luxon.
 */
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isValidLocalDate(value: string): boolean {
  return LOCAL_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** The instant at which a local date + local time happens in a zone (DST-aware). */
export function instantAt(localDate: string, localTime: string, zone: string): Date {
  const dt = DateTime.fromISO(`${localDate}T${localTime}`, { zone });
  if (!dt.isValid) throw new Error(`invalid local date/time ${localDate} ${localTime} in ${zone}`);
  return dt.toJSDate();
}

export function addDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a local date. */
export function weekdayOf(localDate: string): number {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).weekday;
}

/** Inclusive list of local dates from `from` to `to`. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Parses a `YYYY-MM-DD` local date; throws RangeError on anything else (e.g. `2023-02-30`). */
export function parseLocalDate(value: string, field = 'date'): DateTime {
  const parsed = LOCAL_DATE.test(value) ? DateTime.fromISO(value, { zone: 'UTC' }) : null;
  if (!parsed || !parsed.isValid) throw new RangeError(`${field} must be a valid YYYY-MM-DD date, got "${value}"`);
  return parsed;
}

/**
 * Age in whole years on a local date. A person turns N on their birthday; a 29 February birthday
 * counts on 28 February in common years (luxon's `plus({years})` clamps to the month's end).
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

/** Today's local date in a zone, for a given instant (default now). */
export function today(zone: string, now: Date = new Date()): string {
  return localDateOf(now, zone);
}

/** Minutes since local midnight for 'HH:mm'. */
export function minutesOfDay(localTime: string): number {
  const [h, m] = localTime.split(':').map(Number);
  return h * 60 + m;
}

/** The local wall-clock time 'HH:mm' of an instant in a zone. */
export function localTimeOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
}

/** An instant as the reader sees it: 'YYYY-MM-DD HH:mm' in their zone. */
export function formatLocalDateTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');
}
