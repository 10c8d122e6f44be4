import { z } from 'zod';

/** zod schemas of the care aide's "changes since you last looked". */
const shiftKey = z.string().regex(/^\d{4}-\d{2}-\d{2}\.[^\s]{1,32}\.[0-9a-f-]{36}$/, 'Expected date.shiftCode.bookingId.')
  .meta({ example: '2026-12-01.day.0193a5c2-7d4e-7b21-9f3a-5c2e8d1b4a60' });

export const shiftsSeenInput = z.strictObject({
  keys: z.array(shiftKey).max(2000).describe('The `keys` of GET /me/shift-changes the aide was shown.'),
});
export const shiftsSeenResult = z.object({ seenAt: z.iso.datetime(), shifts: z.number().int() });

export const shiftChangesSchema = z.object({
  aideId: z.uuid(),
  seenAt: z.iso.datetime().nullable().describe('When the aide last marked their shifts seen; null: never (no changes listed yet).'),
  keys: z.array(z.string()).describe('The aide’s shifts of the next 31 days now: send them back to mark them seen.'),
  changes: z.array(z.object({
    kind: z.enum(['gained', 'lost']), date: z.string(), shiftCode: z.string(), shiftName: z.string(),
    startLocal: z.string(), endLocal: z.string(), wardName: z.string(), patientName: z.string(), bed: z.string().nullable(),
  })),
});
