// Seeded random nursing instances for property-style tests (own tiny PRNG: the tests do not
// depend on the solver's generator).
import { aide, LEVELS, need, shifts, ZONE } from './fixtures.js';
import type { RosterInput, RosterNeed } from '../../../src/roster/types.js';

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A week of day/night shifts, 3 wards, mixed levels and rules; roughly enough aides. */
export function randomInstance(seed: number, bookings = 24, aides = 22): RosterInput {
  const rnd = lcg(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const all = shifts('2026-12-07', 7);
  const wards = ['w1', 'w2', 'w3'];
  const needs: RosterNeed[] = [];
  for (let i = 0; i < bookings; i++) {
    const from = Math.floor(rnd() * 8);
    const to = Math.min(all.length, from + 4 + Math.floor(rnd() * 10));
    const levelCode = pick(['special', 'level1', 'level1', 'level2', 'level2', 'level3'] as const);
    const level = levelCode === 'special' && rnd() < 0.4 ? { ...LEVELS.special, requiredSkill: 'icu' } : LEVELS[levelCode];
    const gender = rnd() < 0.3 ? pick(['female', 'male'] as const) : null;
    needs.push(need(`b${i}`, level, all.slice(from, to).map((s) => s.id), {
      wardId: pick(wards), genderPreference: gender, genderRequired: gender !== null && rnd() < 0.5,
    }));
  }
  const staff = Array.from({ length: aides }, (_, i) => aide(`a${i}`, {
    gender: rnd() < 0.7 ? 'female' : 'male',
    skills: rnd() < 0.4 ? ['icu'] : [],
    homeWardIds: [pick(wards)],
    certificateExpiry: rnd() < 0.1 ? '2026-12-09' : '2028-01-01',
    leaveDates: rnd() < 0.2 ? ['2026-12-1' + Math.floor(rnd() * 4)] : [],
    maxWeeklyHours: pick([48, 60]),
    alreadyWorked: rnd() < 0.3 ? [{ start: '2026-12-06T20:00:00+08:00', end: '2026-12-07T08:00:00+08:00' }] : [],
  }));
  return { timeZone: ZONE, shifts: all, needs, aides: staff };
}
