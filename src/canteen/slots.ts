/**
 * Month and subsidy-key helpers of the counter. Pure. (The slot of a meal comes from the canteen's
 * serving hours: ./serving-hours.ts.)
 */
import { DateTime } from 'luxon';

/** `YYYY-MM` of a local date. */
export function monthOfDate(localDate: string): string {
  return localDate.slice(0, 7);
}

/** First and last local date of a month `YYYY-MM`. */
export function monthBounds(month: string): { from: string; to: string } {
  const start = DateTime.fromISO(`${month}-01`, { zone: 'UTC' });
  return { from: start.toISODate()!, to: start.endOf('month').toISODate()! };
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).minus({ months: 1 }).toFormat('yyyy-MM');
}

/**
 * The key that lets the database hold at most `cap` subsidised, active meals per person, slot and
 * day: `person|date|slot|ordinal`, ordinal in [0, cap). Returns the lowest free ordinal (voids leave
 * gaps), or null when every ordinal is taken.
 */
export function freeSubsidyKey(
  personId: string,
  localDate: string,
  slot: string,
  cap: number,
  takenKeys: readonly (string | null)[],
): string | null {
  const prefix = `${personId}|${localDate}|${slot}|`;
  const taken = new Set(takenKeys.filter((k): k is string => k !== null && k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
  for (let ordinal = 0; ordinal < cap; ordinal++) if (!taken.has(String(ordinal))) return `${prefix}${ordinal}`;
  return null;
}
