import { describe, expect, it } from 'vitest';
import { aide, need, shifts, ZONE } from './fixtures.js';
import { aideOf, solveChecked } from './helpers.js';

const DAYS = shifts('2026-12-01', 3);
const dayIds = DAYS.filter((s) => s.code === 'day').map((s) => s.id);

describe('nursing roster hard rules', () => {
  it('when a special (1:1) patient is rostered, then their aide serves no one else', () => {
    const input = {
      timeZone: ZONE, shifts: DAYS,
      needs: [need('s1', 'special', ['day-2026-12-01']), need('a', 'level1', ['day-2026-12-01']), need('b', 'level1', ['day-2026-12-01'])],
      aides: [aide('x'), aide('y'), aide('z')],
    };
    const r = solveChecked(input);
    const special = r.assignments.find((a) => a.bookingIds.includes('s1'))!;
    expect(special.bookingIds).toEqual(['s1']);
    expect(r.stats.aidesOnDutyPerShift['day-2026-12-01']).toBe(2); // the two level1 patients share one aide
  });

  it('when a certificate has expired, then that aide is never assigned and the patient is reported uncovered if no one else can go', () => {
    const expired = aide('old', { certificateExpiry: '2026-11-30' });
    const alone = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: [need('b1', 'level1', ['day-2026-12-01'])], aides: [expired] });
    expect(alone.assignments).toEqual([]);
    expect(alone.uncovered).toHaveLength(1);
    expect(alone.uncovered[0].cause).toBe('certificate');
    const withValid = solveChecked({
      timeZone: ZONE, shifts: DAYS, needs: [need('b1', 'level1', dayIds)], aides: [expired, aide('ok')],
    });
    expect(withValid.assignments.every((a) => a.aideId === 'ok')).toBe(true);
  });

  it('when a certificate expires during the horizon, then the aide works up to and including the expiry date only', () => {
    const r = solveChecked({
      timeZone: ZONE, shifts: DAYS, needs: [need('b1', 'level1', dayIds)], aides: [aide('x', { certificateExpiry: '2026-12-02' })],
    });
    expect(r.assignments.map((a) => a.shiftId)).toEqual(['day-2026-12-01', 'day-2026-12-02']);
    expect(r.uncovered.map((g) => [g.shiftId, g.cause])).toEqual([['day-2026-12-03', 'certificate']]);
  });

  it('when an aide is on leave, then no shift touching that local day is given to them (including the night before)', () => {
    const r = solveChecked({
      timeZone: ZONE, shifts: DAYS,
      needs: [need('b1', 'special', DAYS.map((s) => s.id))],
      aides: [aide('x', { leaveDates: ['2026-12-02'] }), aide('y'), aide('z')],
    });
    const xs = r.assignments.filter((a) => a.aideId === 'x').map((a) => a.shiftId);
    expect(xs).not.toContain('night-2026-12-01'); // ends 08:00 on the leave day
    expect(xs).not.toContain('day-2026-12-02');
    expect(xs).not.toContain('night-2026-12-02');
    expect(r.uncovered).toEqual([]);
  });

  it('when a patient needs the night and the next day, then one aide cannot do both (minimum rest)', () => {
    const ids = ['night-2026-12-01', 'day-2026-12-02'];
    const two = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: [need('b1', 'special', ids)], aides: [aide('x'), aide('y')] });
    expect(aideOf(two, ids[0], 'b1')).not.toBe(aideOf(two, ids[1], 'b1'));
    expect(two.uncovered).toEqual([]);
    const one = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: [need('b1', 'special', ids)], aides: [aide('x')] });
    expect(one.stats.uncoveredPairs).toBe(1);
    expect(one.uncovered[0].cause).toBe('rest');
  });

  it('when work before the horizon ends late, then the first shift respects the rest from it', () => {
    const r = solveChecked({
      timeZone: ZONE, shifts: DAYS, needs: [need('b1', 'special', ['day-2026-12-01'])],
      aides: [aide('x', { alreadyWorked: [{ start: '2026-11-30T20:00:00+08:00', end: '2026-12-01T02:00:00+08:00' }] })],
    });
    expect(r.uncovered[0]?.cause).toBe('rest');
  });

  it('when the weekly-hours cap is reached, then further shifts that week are refused', () => {
    const week = shifts('2026-11-30', 5, ['day']); // Monday to Friday, 12 h each
    const r = solveChecked({
      timeZone: ZONE, shifts: week, needs: [need('b1', 'special', week.map((s) => s.id))],
      aides: [aide('x', { maxWeeklyHours: 36 })],
    });
    expect(r.stats.hoursPerAide.x).toBe(36);
    expect(r.stats.uncoveredPairs).toBe(2);
    expect(r.uncovered.every((g) => g.cause === 'weekly_hours')).toBe(true);
    const prior = solveChecked({
      timeZone: ZONE, shifts: week, needs: [need('b1', 'special', week.map((s) => s.id))],
      aides: [aide('x', { maxWeeklyHours: 36, alreadyWorked: [{ start: '2026-11-29T08:00:00+08:00', end: '2026-11-29T20:00:00+08:00' }] })],
    });
    // 2026-11-29 is a Sunday: the previous ISO week, so it does not count against this one.
    expect(prior.stats.hoursPerAide.x).toBe(36);
  });

  it('when the gender is required, then only an aide of that gender serves the patient', () => {
    const n = need('b1', 'level1', dayIds, { genderPreference: 'male', genderRequired: true });
    const r = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: [n], aides: [aide('f1'), aide('m1', { gender: 'male' })] });
    expect(r.assignments.every((a) => a.aideId === 'm1')).toBe(true);
    const none = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: [n], aides: [aide('f1'), aide('f2')] });
    expect(none.uncovered.map((g) => g.cause)).toEqual(['gender', 'gender', 'gender']);
  });

  it('when a care level requires a skill, then only aides with that skill are assigned', () => {
    const level = { code: 'special', patientsPerAide: 1, requiredSkill: 'tracheostomy' };
    const n = need('b1', level, dayIds);
    const r = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: [n], aides: [aide('plain'), aide('trained', { skills: ['tracheostomy'] })] });
    expect(r.assignments.every((a) => a.aideId === 'trained')).toBe(true);
    const none = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: [n], aides: [aide('plain')] });
    expect(none.uncovered.every((g) => g.cause === 'skill')).toBe(true);
  });

  it('when patients are in two wards, then one aide never works both wards in the same shift', () => {
    const id = 'day-2026-12-01';
    const needs = [need('a', 'level3', [id], { wardId: 'w1' }), need('b', 'level3', [id], { wardId: 'w2' })];
    const one = solveChecked({ timeZone: ZONE, shifts: DAYS, needs, aides: [aide('x')] });
    expect(one.stats.uncoveredPairs).toBe(1);
    expect(one.uncovered[0].cause).toBe('capacity');
    const two = solveChecked({ timeZone: ZONE, shifts: DAYS, needs, aides: [aide('x'), aide('y')] });
    expect(two.assignments.map((a) => a.wardId).sort()).toEqual(['w1', 'w2']);
  });

  it('when levels are mixed, then 1/2 + 1/3 fits one aide but a second level2 patient (1.17) does not', () => {
    const id = 'day-2026-12-01';
    const fits = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: [need('l1', 'level1', [id]), need('l2', 'level2', [id])], aides: [aide('x'), aide('y')] });
    expect(fits.assignments).toHaveLength(1);
    expect(fits.assignments[0].load).toBeCloseTo(0.8333, 4);
    const over = [need('l1', 'level1', [id]), need('l2', 'level2', [id]), need('l2b', 'level2', [id])];
    const single = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: over, aides: [aide('x')] });
    expect(single.stats.uncoveredPairs).toBe(1);
    const pair = solveChecked({ timeZone: ZONE, shifts: DAYS, needs: over, aides: [aide('x'), aide('y')] });
    expect(pair.assignments).toHaveLength(2);
    const exact = solveChecked({
      timeZone: ZONE, shifts: DAYS, needs: [need('l1', 'level1', [id]), need('l2', 'level2', [id]), need('l3', 'level3', [id])], aides: [aide('x')],
    });
    expect(exact.assignments[0].load).toBe(1); // 1/2 + 1/3 + 1/6 fills an aide exactly
  });
});

describe('nursing roster input checks', () => {
  it('when the input is inconsistent, then the solver refuses it with a RangeError', async () => {
    const { solveRoster } = await import('../../../src/roster/solve-roster.js');
    const base = { timeZone: ZONE, shifts: DAYS, needs: [need('b1', 'level1', ['day-2026-12-01'])], aides: [aide('x')] };
    expect(() => solveRoster({ ...base, needs: [need('b1', 'level1', ['nope'])] })).toThrow(RangeError);
    expect(() => solveRoster({ ...base, aides: [aide('x'), aide('x')] })).toThrow(/duplicate aide/);
    expect(() => solveRoster({ ...base, timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => solveRoster({ ...base, shifts: [{ ...DAYS[0], end: DAYS[0].start }] })).toThrow(/ends before/);
  });

  it('when only one aide can serve a patient every day for 8 days, then they get a day off after 6 in a row and the gap is reported', () => {
    const week = shifts('2026-12-07', 8, ['day']);
    const icu = { code: 'special', patientsPerAide: 1, requiredSkill: 'icu' };
    const r = solveChecked({
      timeZone: ZONE, shifts: week, needs: [need('b1', icu, week.map((s) => s.id))],
      aides: [aide('x', { skills: ['icu'], maxWeeklyHours: 168 }), aide('y')],
    });
    expect(r.assignments).toHaveLength(7);
    expect(r.uncovered).toHaveLength(1);
    expect(r.uncovered[0].cause).toBe('consecutive_days');
    expect(r.uncovered[0].reason).toMatch(/too many days in a row/);
  });

  it('when an aide worked the five days before the horizon, then only one more day in a row is theirs', () => {
    const days = shifts('2026-12-07', 2, ['day']);
    const before = [2, 3, 4, 5, 6].map((d) => ({ start: `2026-12-0${d}T08:00:00`, end: `2026-12-0${d}T20:00:00` }));
    const r = solveChecked({
      timeZone: ZONE, shifts: days, needs: [need('b1', 'special', days.map((s) => s.id))],
      aides: [aide('x', { alreadyWorked: before, maxWeeklyHours: 168 })],
    });
    expect(r.assignments).toHaveLength(1);
    expect(r.uncovered.map((g) => g.cause)).toEqual(['consecutive_days']);
  });

  it('when an aide has a custom limit of 2 days in a row, then a third day in a row is not theirs', () => {
    const days = shifts('2026-12-07', 3, ['day']);
    const r = solveChecked({
      timeZone: ZONE, shifts: days, needs: [need('b1', 'special', days.map((s) => s.id))],
      aides: [aide('y', { maxConsecutiveDays: 2 })],
    });
    expect(r.assignments).toHaveLength(2);
    expect(r.uncovered.map((g) => g.cause)).toEqual(['consecutive_days']);
  });
});
