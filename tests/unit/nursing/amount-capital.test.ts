import { describe, expect, it } from 'vitest';
import { amountInCapitals } from '../../../src/nursing/billing/amount-capital.js';

describe('amountInCapitals (大写金额)', () => {
  it.each([
    [1234560, '壹万贰仟叁佰肆拾伍元陆角整'],
    [100500, '壹仟零伍元整'],
    [5, '伍分'],
    [0, '零元整'],
    [105, '壹元零伍分'],
    [1000000, '壹万元整'],
    [1000500, '壹万零伍元整'],
    [10000000000, '壹亿元整'],
    [10000010000, '壹亿零壹佰元整'],
    [10010000000, '壹亿零壹拾万元整'],
    [1010, '壹拾元壹角整'],
    [50, '伍角整'],
    [123456789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
  ])('%i fen → %s', (fen, words) => expect(amountInCapitals(fen)).toBe(words));

  it('when the amount is negative or not whole fen, then it is refused', () => {
    expect(() => amountInCapitals(-1)).toThrow(RangeError);
    expect(() => amountInCapitals(1.5)).toThrow();
  });
});
