import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { billedDates, careStartInstant, computeBill, feeOn, levelOn } from '../../../src/nursing/billing/billing.js';
import { suggestLevel } from '../../../src/nursing/care/barthel.js';

const Z = 'Asia/Shanghai';
const t = (iso: string) => DateTime.fromISO(iso, { zone: Z }).toJSDate();
const LEVELS = [
  { code: 'special', name: '特级', dailyFee: 16000 }, { code: 'level1', name: '一级', dailyFee: 12000 },
  { code: 'level2', name: '二级', dailyFee: 10000 }, { code: 'level3', name: '三级', dailyFee: 6000 },
];

describe('Barthel → suggested level', () => {
  it('when scores sit on the band edges, then each band maps to its level and 100 needs no care', () => {
    expect([0, 40, 41, 60, 61, 80, 81, 99, 100].map(suggestLevel)).toEqual(
      ['special', 'special', 'level1', 'level1', 'level2', 'level2', 'level3', 'level3', null]);
  });
  it('when a score is outside 0–100, then it is rejected', () => {
    expect(() => suggestLevel(101)).toThrow(RangeError);
    expect(() => suggestLevel(-1)).toThrow(RangeError);
  });
});

describe('billing days', () => {
  it('when a stay is under 24 h across midnight, then the admission and discharge days count as one day', () => {
    expect(billedDates(t('2026-12-01T20:00'), t('2026-12-02T10:00'), Z)).toEqual(['2026-12-01']);
  });
  it('when a stay lasts 24 h or more, then every local calendar day touched counts', () => {
    expect(billedDates(t('2026-12-01T20:00'), t('2026-12-02T20:00'), Z)).toEqual(['2026-12-01', '2026-12-02']);
    expect(billedDates(t('2026-12-01T08:00'), t('2026-12-03T09:00'), Z)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
  });
  it('when care ends exactly at local midnight, then the next day is not billed', () => {
    expect(billedDates(t('2026-12-01T08:00'), t('2026-12-03T00:00'), Z)).toEqual(['2026-12-01', '2026-12-02']);
  });
  it('when the booking starts after admission, then care starts at local midnight of its start date', () => {
    expect(careStartInstant('2026-12-03', t('2026-12-01T15:00'), Z)).toEqual(t('2026-12-03T00:00'));
    expect(careStartInstant('2026-12-01', t('2026-12-01T15:00'), Z)).toEqual(t('2026-12-01T15:00'));
  });
});

describe('computeBill', () => {
  it('when the level changes mid-stay, then each day is billed at the level in force that day, grouped in lines', () => {
    const bill = computeBill({
      start: t('2026-12-01T09:30'), end: t('2026-12-06T11:00'), zone: Z, levels: LEVELS,
      periods: [{ levelCode: 'special', effectiveFrom: '2026-12-01' }, { levelCode: 'level2', effectiveFrom: '2026-12-04' }],
    });
    expect(bill.lines).toEqual([
      { levelCode: 'special', levelName: '特级', fromDate: '2026-12-01', toDate: '2026-12-03', days: 3, dailyFee: 16000, amount: 48000 },
      { levelCode: 'level2', levelName: '二级', fromDate: '2026-12-04', toDate: '2026-12-06', days: 3, dailyFee: 10000, amount: 30000 },
    ]);
    expect(bill).toMatchObject({ fromDate: '2026-12-01', toDate: '2026-12-06', days: 6, totalFee: 78000 });
  });
  it('when the hospital changes a level’s fee mid-stay, then days before the change keep the old fee', () => {
    const levels = [{ code: 'level1', name: '一级', dailyFee: 12000, feeChanges: [{ effectiveFrom: '2026-12-10', dailyFee: 13000 }, { effectiveFrom: '2026-12-04', dailyFee: 12500 }] }];
    const bill = computeBill({ start: t('2026-12-02T09:00'), end: t('2026-12-11T10:00'), zone: Z, levels, periods: [{ levelCode: 'level1', effectiveFrom: '2026-12-02' }] });
    expect(bill.lines.map((l) => [l.fromDate, l.toDate, l.days, l.dailyFee])).toEqual([
      ['2026-12-02', '2026-12-03', 2, 12000], ['2026-12-04', '2026-12-09', 6, 12500], ['2026-12-10', '2026-12-11', 2, 13000],
    ]);
    expect(bill.totalFee).toBe(2 * 12000 + 6 * 12500 + 2 * 13000);
    expect([feeOn(levels[0], '2026-12-01'), feeOn(levels[0], '2026-12-04'), feeOn(levels[0], '2027-01-01')]).toEqual([12000, 12500, 13000]);
  });
  it('when a level period starts before care, then the latest period on or before each day applies', () => {
    const periods = [{ levelCode: 'level1', effectiveFrom: '2026-11-01' }, { levelCode: 'level3', effectiveFrom: '2026-12-02' }];
    expect(levelOn(periods, '2026-12-01')).toBe('level1');
    expect(levelOn(periods, '2026-12-02')).toBe('level3');
  });
  it('when the stay is under 24 h, then exactly one day at the first day’s level is billed', () => {
    const bill = computeBill({ start: t('2026-12-01T22:00'), end: t('2026-12-02T07:00'), zone: Z, levels: LEVELS, periods: [{ levelCode: 'level3', effectiveFrom: '2026-12-01' }] });
    expect(bill).toMatchObject({ days: 1, totalFee: 6000 });
  });
});
