import { describe, expect, it } from 'vitest';
import { changeSummary } from '../../../src/nursing/roster/roster-notices.js';
import type { ChangeItem } from '../../../src/nursing/roster/roster-changes.js';

const times = new Map([
  ['day', { startTime: '08:00', endTime: '20:00' }],
  ['night', { startTime: '20:00', endTime: '08:00' }],
]);
const item = (date: string, shiftCode: string, bed: string | null, wardName = '骨科病区'): ChangeItem => ({
  date,
  shiftCode,
  shiftName: shiftCode === 'day' ? '白班' : '夜班',
  patientName: '张三',
  bed,
  wardName,
  otherAide: null,
  removedBy: null,
});

describe('the shifts in a roster notice', () => {
  it('when several patients of one shift changed, then one line lists the shift once with every bed, and no patient name', () => {
    const text = changeSummary(
      'zh-CN',
      [item('2026-12-08', 'day', '03'), item('2026-12-08', 'day', '05'), item('2026-12-08', 'day', '03')],
      times,
    );
    expect(text).toBe('12月8日白班（08:00–20:00）骨科病区 03床、05床');
    expect(text).not.toContain('张三');
  });

  it('when shifts of different days, shifts and wards changed, then each is a line of its own, in English too', () => {
    const items = [
      item('2026-12-08', 'day', '03'),
      item('2026-12-08', 'night', null),
      item('2026-12-09', 'day', '01', '内科'),
    ];
    expect(changeSummary('zh-CN', items, times)).toBe(
      '12月8日白班（08:00–20:00）骨科病区 03床；12月8日夜班（20:00–08:00）骨科病区 未分床；12月9日白班（08:00–20:00）内科 01床',
    );
    expect(changeSummary('en', items, times)).toBe(
      '12/8 白班 (08:00–20:00) 骨科病区 bed 03; 12/8 夜班 (20:00–08:00) 骨科病区 no bed; 12/9 白班 (08:00–20:00) 内科 bed 01',
    );
  });

  it('when nothing changed on that side, then it says none; when many shifts changed, then the first four and how many more', () => {
    expect(changeSummary('zh-CN', [], times)).toBe('无');
    expect(changeSummary('en', [], times)).toBe('none');
    const many = ['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'].map((d) =>
      item(d, 'day', '01'),
    );
    const zh = changeSummary('zh-CN', many, times);
    expect(zh.split('；')).toHaveLength(4);
    expect(zh).toMatch(/12月11日白班（08:00–20:00）骨科病区 01床等共6个班次$/);
    expect(changeSummary('en', many, times)).toMatch(/and 2 more$/);
  });
});
