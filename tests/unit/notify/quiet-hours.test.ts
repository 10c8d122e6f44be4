import { describe, expect, it } from 'vitest';
import { quietUntil } from '../../../src/notify/quiet-hours.js';
import { maskRecipient, normalisePhone } from '../../../src/notify/recipients.js';

const SH = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours', () => {
  const night = { start: '21:00', end: '07:00' };
  it('when it is evening inside hours that wrap midnight, then messages wait until tomorrow morning', () => {
    expect(quietUntil(at('2026-12-02T22:30:00'), SH, night)).toEqual(at('2026-12-03T07:00:00'));
  });
  it('when it is early morning inside them, then messages wait until this morning', () => {
    expect(quietUntil(at('2026-12-03T05:10:00'), SH, night)).toEqual(at('2026-12-03T07:00:00'));
  });
  it('when it is daytime or no quiet hours are set, then nothing waits', () => {
    expect(quietUntil(at('2026-12-03T07:00:00'), SH, night)).toBeNull();
    expect(quietUntil(at('2026-12-03T12:00:00'), SH, night)).toBeNull();
    expect(quietUntil(at('2026-12-03T23:00:00'), SH, { start: null, end: null })).toBeNull();
  });
  it('when the hours lie within one day, then only that span waits', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(quietUntil(at('2026-12-03T13:00:00'), SH, lunch)).toEqual(at('2026-12-03T14:00:00'));
    expect(quietUntil(at('2026-12-03T14:00:00'), SH, lunch)).toBeNull();
  });
});

describe('recipients', () => {
  it('when a phone is written with +86, spaces or dashes, then it is one number; lists show it masked', () => {
    expect(normalisePhone('+86 139-1111-2222')).toBe('13911112222');
    expect(maskRecipient('13911112222')).toBe('139****2222');
    expect(maskRecipient('role:kitchen_manager')).toBe('role:kitchen_manager');
  });
});
