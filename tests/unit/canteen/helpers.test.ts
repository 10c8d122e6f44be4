import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/canteen/csv.js';
import { freeSubsidyKey, monthBounds, previousMonth } from '../../../src/canteen/slots.js';
import { counterCheck, DEFAULT_SERVING_HOURS, windowSlotAt } from '../../../src/canteen/serving-hours.js';
import { ageTierOf, summarise, type MealForTotals } from '../../../src/canteen/totals.js';

const at = (iso: string) => new Date(iso);

describe('serving hours', () => {
  it('when servedAt falls in a window, then that is the slot; between windows there is none (both ends count)', () => {
    const z = 'Asia/Shanghai';
    expect(windowSlotAt(at('2026-03-10T06:30:00+08:00'), z, DEFAULT_SERVING_HOURS)).toBe('breakfast');
    expect(windowSlotAt(at('2026-03-10T09:00:59+08:00'), z, DEFAULT_SERVING_HOURS)).toBe('breakfast');
    expect(windowSlotAt(at('2026-03-10T09:01:00+08:00'), z, DEFAULT_SERVING_HOURS)).toBeNull();
    expect(windowSlotAt(at('2026-03-10T13:30:00+08:00'), z, DEFAULT_SERVING_HOURS)).toBe('lunch');
    expect(windowSlotAt(at('2026-03-10T16:29:00+08:00'), z, DEFAULT_SERVING_HOURS)).toBeNull();
    expect(windowSlotAt(at('2026-03-10T18:59:00+08:00'), z, DEFAULT_SERVING_HOURS)).toBe('dinner');
  });

  it('when the same instant is read in another zone, then the window follows that zone', () => {
    const instant = at('2026-03-10T03:30:00Z'); // 11:30 in Shanghai, 04:30 in Paris
    expect(windowSlotAt(instant, 'Asia/Shanghai', DEFAULT_SERVING_HOURS)).toBe('lunch');
    expect(windowSlotAt(instant, 'Europe/Paris', DEFAULT_SERVING_HOURS)).toBeNull();
  });

  it('when a checkout claims another slot, is outside every window or is recorded late, then each reason is named with its field', () => {
    const base = { zone: 'Asia/Shanghai', hours: DEFAULT_SERVING_HOURS, toleranceMinutes: 120 };
    const noon = at('2026-03-10T12:00:00+08:00');
    expect(counterCheck({ ...base, servedAt: noon, now: noon, servedAtGiven: false })).toEqual({ slot: 'lunch', needs: [] });
    const claim = counterCheck({ ...base, servedAt: noon, now: noon, servedAtGiven: false, requestedSlot: 'dinner' });
    expect(claim.slot).toBe('dinner');
    expect(claim.needs.map((n) => [n.kind, n.path])).toEqual([['outside_hours', 'body.slot']]);
    const night = at('2026-03-10T02:00:00+08:00');
    const late = counterCheck({ ...base, servedAt: night, now: noon, servedAtGiven: true });
    expect(late.slot).toBe('breakfast'); // the nearest window, for an override
    expect(late.needs.map((n) => [n.kind, n.path])).toEqual([['outside_hours', 'body.servedAt'], ['late_record', 'body.servedAt']]);
    const twoHours = counterCheck({ ...base, servedAt: at('2026-03-10T10:30:00+08:00'), now: at('2026-03-10T12:30:00+08:00'), servedAtGiven: true });
    expect(twoHours.needs).toEqual([]); // exactly the tolerance is still fine
  });
});

describe('months', () => {
  it('when a month is bounded, then February knows leap years and January steps back into December', () => {
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthBounds('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousMonth('2026-01')).toBe('2025-12');
  });
});

describe('freeSubsidyKey', () => {
  it('when nothing is taken, then ordinal 0; when the only ordinal is taken, then none', () => {
    expect(freeSubsidyKey('p', '2026-03-10', 'lunch', 1, [])).toBe('p|2026-03-10|lunch|0');
    expect(freeSubsidyKey('p', '2026-03-10', 'lunch', 1, ['p|2026-03-10|lunch|0'])).toBeNull();
  });

  it('when a void left a gap under a cap of 2, then the gap is reused; other diners and slots do not count', () => {
    expect(freeSubsidyKey('p', '2026-03-10', 'lunch', 2, ['p|2026-03-10|lunch|1', null, 'q|2026-03-10|lunch|0', 'p|2026-03-10|dinner|0']))
      .toBe('p|2026-03-10|lunch|0');
  });
});

describe('ageTierOf', () => {
  it('when ages sit on tier boundaries, then each falls in its own decade; 90 and over together', () => {
    expect([59, 60, 69, 70, 89, 90, 104].map(ageTierOf)).toEqual(['under_60', '60-69', '60-69', '70-79', '80-89', '90+', '90+']);
    expect(ageTierOf(null)).toBe('unknown');
  });
});

function meal(over: Partial<MealForTotals>): MealForTotals {
  return {
    id: over.id ?? 'm', personId: 'p1', localDate: '2026-03-02', slotCode: 'lunch', price: 1000, subsidy: 0, payable: 1000,
    rule: 'no_eligibility', basis: [], fundSplit: [], ageOnDate: 65, status: 'active', ...over,
  };
}

describe('summarise', () => {
  const meals = [
    meal({ id: 'a', subsidy: 300, payable: 700, rule: 'status_minimum_living', basis: ['status_minimum_living'], fundSplit: [{ fund: 'district', amount: 150 }, { fund: 'city', amount: 150 }] }),
    meal({ id: 'b', personId: 'p2', subsidy: 400, payable: 600, rule: 'sum', basis: ['age_tier_60_69', 'status_special_family'], fundSplit: [{ fund: 'district', amount: 200 }, { fund: 'city', amount: 200 }], slotCode: 'dinner' }),
    meal({ id: 'c', personId: null, ageOnDate: null, rule: 'non_resident' }),
    meal({ id: 'd', status: 'voided', subsidy: 1000, payable: 0 }),
  ];

  it('when meals are summed, then voided ones only count as voided and each fund, rule, slot, tier and status adds up', () => {
    const t = summarise(meals, [{ amount: -100, fundSplit: [{ fund: 'district', amount: -50 }, { fund: 'city', amount: -50 }] }]);
    expect(t).toMatchObject({
      meals: 3, voidedMeals: 1, subsidisedMeals: 2, diners: 2, fullPriceRevenue: 3000, paidByDiners: 2300, subsidy: 700,
      subsidyByFund: { city: 350, district: 350 },
      byRule: { non_resident: { meals: 1, subsidy: 0 }, status_minimum_living: { meals: 1, subsidy: 300 }, sum: { meals: 1, subsidy: 400 } },
      bySlot: { dinner: { meals: 1, subsidy: 400, fullPriceRevenue: 1000 }, lunch: { meals: 2, subsidy: 300, fullPriceRevenue: 2000 } },
      byAgeTier: { '60-69': { meals: 2, subsidy: 700 }, unknown: { meals: 1, subsidy: 0 } },
      byStatus: { minimum_living: { meals: 1, subsidy: 300 }, none: { meals: 1, subsidy: 0 }, special_family: { meals: 1, subsidy: 400 } },
      adjustments: { count: 1, amount: -100, byFund: { city: -50, district: -50 } },
      subsidyDue: 600, subsidyDueByFund: { city: 300, district: 300 },
    });
  });

  it('when the same meals come in another order, then the JSON is byte-identical (a re-run compares equal)', () => {
    expect(JSON.stringify(summarise([...meals].reverse(), []))).toBe(JSON.stringify(summarise(meals, [])));
  });
});

describe('csv', () => {
  it('when cells hold commas, quotes, new lines or formula starts, then they are quoted or defused; numbers stay numbers', () => {
    expect(csvCell('王, 秀英')).toBe('"王, 秀英"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-200')).toBe("'-200");
    expect(csvCell(-200)).toBe('-200');
    expect(csvCell(null)).toBe('');
  });

  it('when a file is built, then it starts with a BOM and uses CRLF lines', () => {
    expect(toCsv(['a', 'b'], [[1, '低保']])).toBe('\uFEFFa,b\r\n1,低保\r\n');
  });
});
