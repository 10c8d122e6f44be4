import { addDays, instantAt, localDateOf, localTimeOf, minutesOfDay } from '../time/index.js';

/**
 * When a non-urgent message may go out: `now` itself outside the tenant's quiet hours, else the end
 * of the quiet hours (local time in the tenant's zone). Hours may wrap midnight (21:00–07:00).
 * Returns null when there is nothing to wait for.
 */
export function quietUntil(now: Date, zone: string, quiet: { start: string | null; end: string | null }): Date | null {
  if (!quiet.start || !quiet.end || quiet.start === quiet.end) return null;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  const nowMin = minutesOfDay(localTimeOf(now, zone));
  const date = localDateOf(now, zone);
  const wraps = start > end;
  const inside = wraps ? nowMin >= start || nowMin < end : nowMin >= start && nowMin < end;
  if (!inside) return null;
  // Wrapping hours entered this evening end tomorrow morning.
  const endDate = wraps && nowMin >= start ? addDays(date, 1) : date;
  return instantAt(endDate, quiet.end, zone);
}
