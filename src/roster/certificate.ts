import { DateTime } from 'luxon';

/**
 * The one certificate rule shared by the roster solver, manual assignment and the validators:
 * a certificate's expiry is the last local date on which it is valid (inclusive), and it must
 * cover the WHOLE shift. A night shift 20:00 → 08:00 on the day after the expiry date is refused,
 * while a shift ending exactly at local midnight after the expiry date is still fine.
 * Pure: instants in epoch milliseconds, local dates 'YYYY-MM-DD' read in `zone` (DST-aware).
 */
export function certificateValidUntilMs(certificateExpiry: string, zone: string): number {
  return DateTime.fromISO(certificateExpiry, { zone }).startOf('day').plus({ days: 1 }).toMillis();
}

/** True when the certificate is valid from the shift's start to its end. */
export function certificateCoversShift(certificateExpiry: string, shiftEnd: number | Date, zone: string): boolean {
  const end = typeof shiftEnd === 'number' ? shiftEnd : shiftEnd.getTime();
  return end <= certificateValidUntilMs(certificateExpiry, zone);
}
