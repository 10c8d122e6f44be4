import { describe, expect, it } from 'vitest';
import { parseWeekdays, RECIPIENT_COLUMNS, rowToRecipient } from '../../../src/delivery/setup/import-recipients.js';
import { welfareDelayMs } from '../../../src/delivery/drivers/outcome-service.js';
import { headerLookup, normaliseHeader } from '../../../src/imports/header.js';

const byHeader = headerLookup(Object.values(RECIPIENT_COLUMNS));
/** A row as the reader hands it over: keyed by column name (headers/aliases already mapped). */
const row = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [byHeader.get(normaliseHeader(k)) ?? k, v]));

describe('parseWeekdays (recipients import)', () => {
  it.each([
    ['1-5', [1, 2, 3, 4, 5]],
    ['1,3,5', [1, 3, 5]],
    ['135', [1, 3, 5]],
    ['daily', [1, 2, 3, 4, 5, 6, 7]],
    ['每天', [1, 2, 3, 4, 5, 6, 7]],
    ['工作日', [1, 2, 3, 4, 5]],
    ['周一至周五', [1, 2, 3, 4, 5]],
    ['一、三、日', [1, 3, 7]],
    ['6-7', [6, 7]],
  ])('when the cell says %s, then the weekdays are %j', (cell, expected) => {
    expect(parseWeekdays(cell)).toEqual(expected);
  });

  it('when the cell is nonsense or out of range, then the result fails validation (NaN)', () => {
    expect(parseWeekdays('1-9')?.some(Number.isNaN)).toBe(true);
    expect(parseWeekdays('sometimes')?.some(Number.isNaN)).toBe(true);
    expect(parseWeekdays(undefined)).toBeUndefined();
  });
});

describe('rowToRecipient', () => {
  it('when a Chinese row has diet, allergies, contacts and a plan, then it maps to the API’s fields', () => {
    const r = rowToRecipient(row({ 餐型: '糖尿病', 过敏: '花生；虾', 紧急联系人: '王芳/女儿/13711112222', 餐次: '午餐', 送餐日: '1-5', 开始日期: '2026-01-01', 份数: '2' }));
    expect(r).toEqual({
      ok: true,
      profile: expect.objectContaining({ diet: 'diabetic', texture: 'regular', allergies: ['花生', '虾'], emergencyContacts: [{ name: '王芳', relation: '女儿', phone: '13711112222' }] }),
      plan: expect.objectContaining({ slotCodes: ['lunch'], weekdays: [1, 2, 3, 4, 5], startDate: '2026-01-01', quantity: 2, endDate: null }),
    });
  });

  it('when the row has slots without a start date and an unknown diet, then every problem is reported by field', () => {
    const r = rowToRecipient(row({ diet: 'keto', slots: 'lunch', weekdays: '1-5' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['diet', 'startDate']);
  });

  it('when there are no slots, then only the delivery profile is imported', () => {
    const r = rowToRecipient(row({ diet: 'soft', texture: 'minced' }));
    expect(r).toMatchObject({ ok: true, plan: undefined, profile: { diet: 'soft', texture: 'minced' } });
  });
});

describe('welfare delay', () => {
  it('when no override is configured, then the tenant’s minutes count; with WELFARE_DELAY_SECONDS, the seconds win', () => {
    expect(welfareDelayMs({ welfareDelayMinutes: 15 }, {})).toBe(900_000);
    expect(welfareDelayMs({ welfareDelayMinutes: 15 }, { WELFARE_DELAY_SECONDS: 2 })).toBe(2000);
  });
});
