import { describe, expect, it } from 'vitest';
import { uncoveredReason } from '../../../src/nursing/roster/uncovered-text.js';
import type { UncoveredGroup } from '../../../src/roster/index.js';

const group = (patients: number, aidesShort: number, cause: UncoveredGroup['cause']): UncoveredGroup => ({
  shiftId: 'night-2026-12-03', date: '2026-12-03', shiftCode: 'night', wardId: 'w-uuid', careLevel: 'level1',
  patients, bookingIds: [], aidesShort, cause, reason: 'solver text',
});

describe('uncovered-need reasons', () => {
  it('when the hospital works in Chinese, then the sentence names ward, shift and level in Chinese', () => {
    expect(uncoveredReason(group(4, 2, 'weekly_hours'), { ward: '骨科病区', shift: '夜班', level: '一级护理' }, 'zh-CN'))
      .toBe('2026-12-03 夜班，骨科病区：4 名一级护理患者还需 2 名护理员（合适的护理员本周工时已满）');
  });

  it('when the hospital works in English, then singular and plural read right', () => {
    expect(uncoveredReason(group(1, 1, 'consecutive_days'), { ward: 'ICU', shift: 'Night', level: 'Level 1' }, 'en'))
      .toBe('Night 2026-12-03, ward ICU: 1 Level 1 patient needs 1 more aide (the suitable aides would work too many days in a row)');
    expect(uncoveredReason(group(3, 2, 'capacity'), { ward: 'ICU', shift: 'Night', level: 'Level 1' }, 'en'))
      .toBe('Night 2026-12-03, ward ICU: 3 Level 1 patients need 2 more aides (all eligible aides are already busy)');
  });
});
