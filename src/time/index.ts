import { DateTime } from 'luxon';

/**
 * The one time helper. Instants are stored in UTC; local dates ('YYYY-MM-DD') and local
 * times ('HH:mm') are interpreted in the tenant's IANA time zone with luxon.
 */
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Absolute bounds of every local date the service accepts. Far dates are never true for this
 * domain, and they break things: '9999-12-31' + 1 day prints '+010000-01-01', which sorts before
 * it, so a string-compared loop never ends. Inside the bounds every date is 4-digit `YYYY-MM-DD`.
 */
export const MIN_LOCAL_DATE = '1900-01-01';
export const MAX_LOCAL_DATE = '2100-12-31';

/** A real calendar date `YYYY-MM-DD` (no 2023-02-30), without regard to the bounds. */
export function isCalendarDate(value: string): boolean {
  return LOCAL_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** A calendar date inside [MIN_LOCAL_DATE, MAX_LOCAL_DATE]. */
export function isValidLocalDate(value: string): boolean {
  return isCalendarDate(value) && value >= MIN_LOCAL_DATE && value <= MAX_LOCAL_DATE;
}

/**
 * Number of days from `from` to `to`, both inclusive (0 when `to` is before `from`), computed
 * without walking the days — check it before any loop.
 */
export function daysInclusive(from: string, to: string): number {
  const n = DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days;
  if (!Number.isFinite(n)) throw new RangeError(`invalid local date range ${from}..${to}`);
  return Math.max(0, Math.round(n) + 1);
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

/** The most days any list of dates may hold (about 100 years): a loop bounded by construction. */
export const MAX_DATES_BETWEEN = 36_600;

/**
 * Inclusive list of local dates from `from` to `to`. The day count is computed first and the loop
 * counts, never compares strings; more than `maxDays` throws a RangeError (callers validate
 * ranges before work starts, so this is the last line of defence, not the check).
 */
export function datesBetween(from: string, to: string, maxDays = MAX_DATES_BETWEEN): string[] {
  const n = daysInclusive(from, to);
  if (n > maxDays) throw new RangeError(`the range ${from}..${to} has ${n} days, more than ${maxDays}`);
  const out: string[] = [];
  for (let i = 0, d = from; i < n; i++, d = addDays(d, 1)) out.push(d);
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
 * The age for reading paths: null instead of an exception when the stored birth date is not a
 * date or lies after `localDate` (one bad row must never make a whole list answer 500).
 */
export function ageOrNull(birthDate: string | null | undefined, localDate: string): number | null {
  if (!birthDate || !isCalendarDate(birthDate) || !isCalendarDate(localDate) || birthDate > localDate) return null;
  return ageOn(birthDate, localDate);
}

/** Clock skew tolerated for instants that report something that already happened (5 min). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Whether an instant lies further in the future than the tolerated clock skew. */
export function isInTheFuture(instant: Date, now: Date = new Date(), skewMs = CLOCK_SKEW_MS): boolean {
  return instant.getTime() > now.getTime() + skewMs;
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

/** The instants a local month 'YYYY-MM' starts and ends (exclusive) in a zone. */
export function monthBounds(month: string, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(`${month}-01`, { zone });
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
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
