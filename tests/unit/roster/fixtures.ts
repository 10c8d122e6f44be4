// Small builders for nursing roster inputs (Asia/Shanghai, day 08-20 and night 20-08 shifts).
import { DateTime } from 'luxon';
import type { CareLevelSpec, RosterAide, RosterNeed, RosterShift } from '../../../src/roster/types.js';

export const ZONE = 'Asia/Shanghai';

export const LEVELS: Record<string, CareLevelSpec> = {
  special: { code: 'special', patientsPerAide: 1 },
  level1: { code: 'level1', patientsPerAide: 2 },
  level2: { code: 'level2', patientsPerAide: 3 },
  level3: { code: 'level3', patientsPerAide: 6 },
};

/** Day and night shifts for `days` consecutive dates starting at `first` (ids 'day-YYYY-MM-DD'). */
export function shifts(first: string, days: number, codes: Array<'day' | 'night'> = ['day', 'night']): RosterShift[] {
  const out: RosterShift[] = [];
  for (let i = 0; i < days; i++) {
    const date = DateTime.fromISO(first, { zone: ZONE }).plus({ days: i });
    const iso = date.toISODate()!;
    for (const code of codes) {
      const start = date.set({ hour: code === 'day' ? 8 : 20 });
      out.push({ id: `${code}-${iso}`, date: iso, code, start: start.toISO()!, end: start.plus({ hours: 12 }).toISO()! });
    }
  }
  return out;
}

export function aide(id: string, extra: Partial<RosterAide> = {}): RosterAide {
  return { id, gender: 'female', certificateExpiry: '2030-12-31', skills: [], homeWardIds: [], leaveDates: [], ...extra };
}

export function need(bookingId: string, level: keyof typeof LEVELS | CareLevelSpec, shiftIds: string[], extra: Partial<RosterNeed> = {}): RosterNeed {
  return {
    bookingId, patientId: `p-${bookingId}`, wardId: 'w1', careLevel: typeof level === 'string' ? LEVELS[level] : level,
    genderPreference: null, genderRequired: false, activeShiftIds: shiftIds, ...extra,
  };
}
