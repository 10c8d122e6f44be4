import { describe, expect, it } from 'vitest';
import { shiftInstance, shiftInstances, templatesOverlap } from '../../../src/nursing/roster/shifts.js';

const day = { code: 'day', startTime: '08:00', endTime: '20:00' };
const night = { code: 'night', startTime: '20:00', endTime: '08:00' };
const full = { code: '24h', startTime: '08:00', endTime: '08:00' };

describe('shift instances', () => {
  it('when a night shift ends before it starts, then it ends the next local day', () => {
    const s = shiftInstance(night, '2026-12-01', 'Asia/Shanghai');
    expect(s.start.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(s.end.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(s.hours).toBe(12);
  });
  it('when start and end are equal, then the shift lasts 24 h', () => {
    expect(shiftInstance(full, '2026-12-01', 'Asia/Shanghai').hours).toBe(24);
  });
  it('when a night spans a DST change, then its real length is 11 h in spring and 13 h in autumn', () => {
    expect(shiftInstance(night, '2026-03-28', 'Europe/Berlin').hours).toBe(11);
    expect(shiftInstance(night, '2026-10-24', 'Europe/Berlin').hours).toBe(13);
    expect(shiftInstance(full, '2026-03-28', 'Europe/Berlin').hours).toBe(23);
  });
  it('when a range is expanded, then shifts come in start order, day before night', () => {
    const list = shiftInstances([night, day], '2026-12-01', '2026-12-02', 'Asia/Shanghai');
    expect(list.map((s) => `${s.date} ${s.shiftCode}`)).toEqual(['2026-12-01 day', '2026-12-01 night', '2026-12-02 day', '2026-12-02 night']);
  });
});

describe('template overlap', () => {
  it('when day and night meet at 20:00 and 08:00, then they do not overlap; a 24 h shift overlaps both', () => {
    expect(templatesOverlap(day, night)).toBe(false);
    expect(templatesOverlap(full, day)).toBe(true);
    expect(templatesOverlap(full, night)).toBe(true);
    expect(templatesOverlap({ code: 'early', startTime: '06:00', endTime: '09:00' }, night)).toBe(true);
  });
});
