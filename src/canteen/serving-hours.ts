/**
 * Serving hours of a canteen (SPEC §5): one local window per slot. The slot of a checkout is the
 * window its servedAt falls in; a checkout outside every window needs a manager override, because
 * "any slot at any hour" let one diner claim breakfast, lunch and dinner within a minute. Pure.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { say, type Localized } from '../i18n/index.js';
import { MEAL_SLOTS, type MealSlot } from '../subsidy/index.js';
import { SLOTS } from './labels.js';
import { CM, CS } from './messages.js';

export interface ServingWindow { from: string; to: string }
export type ServingHours = Partial<Record<MealSlot, ServingWindow>>;

/** What a new canteen gets (and what the column's default holds for canteens made before). */
export const DEFAULT_SERVING_HOURS: Readonly<Record<MealSlot, ServingWindow>> = Object.freeze({
  breakfast: { from: '06:30', to: '09:00' },
  lunch: { from: '10:30', to: '13:30' },
  dinner: { from: '16:30', to: '19:00' },
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, CS.localTime.key);
const windowSchema = z
  .strictObject({ from: hhmm, to: hhmm })
  .refine((w) => w.from < w.to, { message: CS.windowOrder.key, path: ['to'] });

export const servingHoursSchema = z
  .partialRecord(z.enum(MEAL_SLOTS), windowSchema)
  .superRefine((hours, ctx) => {
    const windows = MEAL_SLOTS.flatMap((slot) => (hours[slot] ? [{ slot, ...hours[slot]! }] : []));
    for (let i = 1; i < windows.length; i++) {
      const [a, b] = [windows[i - 1], windows[i]];
      if (b.from < a.to) ctx.addIssue({ code: 'custom', path: [b.slot, 'from'], message: CS.windowOverlap.key, params: { slot: say(SLOTS[a.slot]), from: a.from, to: a.to } });
    }
  })
  .meta({ example: DEFAULT_SERVING_HOURS })
  .describe('Local serving window per slot; a checkout outside every window needs a manager override.');

/** The slot whose window holds `instant` (local time in `zone`, both ends inclusive), or null. */
export function windowSlotAt(instant: Date, zone: string, hours: ServingHours): MealSlot | null {
  const local = DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
  for (const slot of MEAL_SLOTS) {
    const w = hours[slot];
    if (w && local >= w.from && local <= w.to) return slot;
  }
  return null;
}

/** Serving hours as stored (a JSON column), falling back to the defaults for anything unreadable. */
export function servingHoursOf(stored: unknown): ServingHours {
  const parsed = servingHoursSchema.safeParse(stored);
  return parsed.success ? parsed.data : { ...DEFAULT_SERVING_HOURS };
}

/** Why a checkout needs a manager override. */
export type OverrideKind = 'outside_hours' | 'late_record';

export interface CounterCheck {
  /** The slot the meal is booked in (the requested one, else the window's, else the nearest by clock). */
  slot: MealSlot;
  needs: { kind: OverrideKind; path: string; message: Localized }[];
}

/**
 * The money rules of the counter: the slot must be the serving window servedAt falls in, and a meal
 * may be recorded at most `toleranceMinutes` after it was served. Anything else needs an override.
 */
export function counterCheck(input: {
  servedAt: Date; now: Date; zone: string; hours: ServingHours; toleranceMinutes: number;
  requestedSlot?: MealSlot; servedAtGiven: boolean;
}): CounterCheck {
  const inWindow = windowSlotAt(input.servedAt, input.zone, input.hours);
  const local = DateTime.fromJSDate(input.servedAt, { zone: input.zone }).toFormat('HH:mm');
  const needs: CounterCheck['needs'] = [];
  const slot = input.requestedSlot ?? inWindow ?? nearestSlot(local, input.hours);
  if (inWindow !== slot) {
    const w = input.hours[slot];
    const where = w ? say(CM.slotServed, { slot: say(SLOTS[slot]), from: w.from, to: w.to }) : say(CM.slotNoHours, { slot: say(SLOTS[slot]) });
    needs.push({
      kind: 'outside_hours',
      path: input.requestedSlot || !input.servedAtGiven ? 'body.slot' : 'body.servedAt',
      message: say(CM.outsideHours, { time: local, where }),
    });
  }
  const lateMinutes = Math.floor((input.now.getTime() - input.servedAt.getTime()) / 60_000);
  if (lateMinutes > input.toleranceMinutes) {
    needs.push({
      kind: 'late_record',
      path: 'body.servedAt',
      message: say(CM.lateRecord, { minutes: lateMinutes, tolerance: input.toleranceMinutes }),
    });
  }
  return { slot, needs };
}

/** The slot whose window is closest to a local time (what an override books a meal in). */
function nearestSlot(local: string, hours: ServingHours): MealSlot {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const at = minutes(local);
  let best: MealSlot = 'lunch';
  let bestDistance = Infinity;
  for (const slot of MEAL_SLOTS) {
    const w = hours[slot];
    if (!w) continue;
    const distance = Math.min(Math.abs(at - minutes(w.from)), Math.abs(at - minutes(w.to)));
    if (distance < bestDistance) [best, bestDistance] = [slot, distance];
  }
  return best;
}
