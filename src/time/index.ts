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

/** Whole years between a birth date and a local date; a 29 Feb birthday counts on 28 Feb in common years. */
export function ageOn(birthDate: string, localDate: string): number {
  const birth = DateTime.fromISO(birthDate, { zone: 'UTC' });
  const on = DateTime.fromISO(localDate, { zone: 'UTC' });
  let age = on.year - birth.year;
  // luxon clamps 29 Feb + n years to 28 Feb in common years, which is the rule we want.
  const birthdayThisYear = birth.plus({ years: age });
  if (birthdayThisYear > on) age -= 1;
  return age;
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
