import { describe, expect, it } from 'vitest';
import { certificateCoversShift } from '../../../src/roster/certificate.js';
import { certificateViolation } from '../../../src/nursing/roster/assignment-rules.js';
import { shiftInstance } from '../../../src/nursing/roster/shifts.js';
import { aide, need, shifts, ZONE } from './fixtures.js';
import { solveChecked } from './helpers.js';

const NIGHT = { code: 'night', startTime: '20:00', endTime: '08:00' };
const DAY = { code: 'day', startTime: '08:00', endTime: '20:00' };
const LATE = { code: 'late', startTime: '16:00', endTime: '00:00' };

describe('certificate must cover the whole shift (one rule for solver, manual assignment and validators)', () => {
  it('when a night shift ends the morning after the last valid day, then it is refused; the day shift is allowed', () => {
    const night = shiftInstance(NIGHT, '2026-12-09', ZONE);
    expect(certificateCoversShift('2026-12-09', night.end, ZONE)).toBe(false);
    expect(certificateCoversShift('2026-12-10', night.end, ZONE)).toBe(true);
    expect(certificateCoversShift('2026-12-09', shiftInstance(DAY, '2026-12-09', ZONE).end, ZONE)).toBe(true);
  });

  it('when a shift ends exactly at midnight after the last valid day, then it is still covered', () => {
    expect(certificateCoversShift('2026-12-09', shiftInstance(LATE, '2026-12-09', ZONE).end, ZONE)).toBe(true);
    expect(certificateCoversShift('2026-12-09', shiftInstance(LATE, '2026-12-10', ZONE).end, ZONE)).toBe(false);
  });

  it('when manual assignment is checked, then the refusal is a sentence in zh-CN and en naming the expiry and the end', () => {
    const night = shiftInstance(NIGHT, '2026-12-09', ZONE);
    const a = { name: '王芳', certificateExpiry: '2026-12-09' };
    expect(certificateViolation(a, night, ZONE, 'zh-CN')).toBe('王芳 的护理员证书有效期至 2026-12-09，不能覆盖 2026-12-10 08:00 才结束的班次。');
    expect(certificateViolation(a, night, ZONE, 'en')).toContain('valid through 2026-12-09');
    expect(certificateViolation(a, shiftInstance(DAY, '2026-12-09', ZONE), ZONE, 'en')).toBeNull();
  });

  it('when the solver rosters a special patient over the expiry night, then that night goes to another aide or is uncovered for the certificate', () => {
    const s = shifts('2026-12-09', 1);
    const ids = s.map((x) => x.id);
    const alone = solveChecked({ timeZone: ZONE, shifts: s, needs: [need('s1', 'special', ids)], aides: [aide('x', { certificateExpiry: '2026-12-09' })] });
    expect(alone.assignments.map((a) => a.shiftId)).toEqual(['day-2026-12-09']);
    expect(alone.uncovered.map((g) => [g.shiftId, g.cause])).toEqual([['night-2026-12-09', 'certificate']]);
    const two = solveChecked({ timeZone: ZONE, shifts: s, needs: [need('s1', 'special', ['night-2026-12-09'])], aides: [aide('x', { certificateExpiry: '2026-12-09' }), aide('y')] });
    expect(two.assignments.map((a) => [a.shiftId, a.aideId])).toEqual([['night-2026-12-09', 'y']]);
  });
});
