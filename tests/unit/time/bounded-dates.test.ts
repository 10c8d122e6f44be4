import { describe, expect, it } from 'vitest';
import { addDays, ageOrNull, datesBetween, daysInclusive, isInTheFuture, isValidLocalDate } from '../../../src/time/index.js';
import { decodeCursor, encodeCursor } from '../../../src/http/common-schemas.js';

describe('bounded local dates', () => {
  it('when a date is outside 1900-01-01..2100-12-31 or not a calendar date, then it is not valid', () => {
    expect(isValidLocalDate('1900-01-01')).toBe(true);
    expect(isValidLocalDate('2100-12-31')).toBe(true);
    for (const bad of ['1899-12-31', '2101-01-01', '9999-12-31', '+010000-01-01', '2023-02-29', '2026-1-01']) expect(isValidLocalDate(bad)).toBe(false);
  });

  it('when the day after 9999-12-31 sorts before it, then datesBetween still ends (it counts, it does not compare strings)', () => {
    expect(addDays('9999-12-31', 1) < '9999-12-31').toBe(true); // the trap
    expect(datesBetween('9999-12-30', '9999-12-31')).toEqual(['9999-12-30', '9999-12-31']);
    expect(() => datesBetween('2026-12-01', '9999-12-31')).toThrow(RangeError);
    expect(datesBetween('2026-12-02', '2026-12-01')).toEqual([]);
  });

  it('when days are counted, then both ends count and a DST-free UTC count is exact', () => {
    expect(daysInclusive('2026-12-01', '2026-12-31')).toBe(31);
    expect(daysInclusive('2024-02-28', '2024-03-01')).toBe(3);
    expect(daysInclusive('2026-12-02', '2026-12-01')).toBe(0);
    expect(() => daysInclusive('garbage', '2026-12-01')).toThrow(RangeError);
  });

  it('when a birth date is after the day asked about or not a date, then the age is null instead of a crash', () => {
    expect(ageOrNull('1950-05-05', '2026-05-05')).toBe(76);
    expect(ageOrNull('2030-05-05', '2026-05-05')).toBeNull();
    expect(ageOrNull('not-a-date', '2026-05-05')).toBeNull();
    expect(ageOrNull(null, '2026-05-05')).toBeNull();
  });

  it('when an instant is ahead of the clock, then only more than 5 minutes counts as the future', () => {
    const now = new Date('2026-12-02T08:00:00Z');
    expect(isInTheFuture(new Date('2026-12-02T08:04:59Z'), now)).toBe(false);
    expect(isInTheFuture(new Date('2026-12-02T08:05:01Z'), now)).toBe(true);
  });
});

describe('opaque cursors', () => {
  it('when a cursor was issued here, then it decodes to its id; a bare or altered one does not', () => {
    const id = '01a236fa-ef81-71b4-9506-2b5632d45bd8';
    expect(decodeCursor(encodeCursor(id))).toBe(id);
    expect(decodeCursor(id)).toBeUndefined();
    expect(decodeCursor(encodeCursor(id).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeUndefined();
    expect(decodeCursor(encodeCursor(id).replace('01a2', '01a3'))).toBeUndefined();
  });
});
