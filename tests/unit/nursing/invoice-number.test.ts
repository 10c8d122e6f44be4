import { describe, expect, it } from 'vitest';
import { formatInvoiceNumber } from '../../../src/nursing/billing/invoice-number.js';

describe('invoice numbers', () => {
  it('when a number is formatted, then it reads ZY-<year>-<six digits>', () => {
    expect(formatInvoiceNumber(2026, 123)).toBe('ZY-2026-000123');
    expect(formatInvoiceNumber(2026, 1)).toBe('ZY-2026-000001');
    expect(formatInvoiceNumber(2027, 999_999)).toBe('ZY-2027-999999');
  });

  it('when a year has more than a million invoices, then the number grows rather than wraps', () => {
    expect(formatInvoiceNumber(2026, 1_000_000)).toBe('ZY-2026-1000000');
  });

  it('when the year or sequence is not a positive integer, then it throws', () => {
    expect(() => formatInvoiceNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatInvoiceNumber(2026, 1.5)).toThrow(RangeError);
    expect(() => formatInvoiceNumber(99, 1)).toThrow(RangeError);
  });
});
