import { addDays, datesBetween, instantAt, localDateOf } from '../../time/index.js';

/**
 * Billing of one care booking (SPEC §3), pure: the daily fee of the care level in force on each
 * local calendar day of care (at the fee that level had on that day); a stay under 24 h counts one day (the admission and discharge days
 * together). Amounts are integer fen.
 */
export interface LevelPeriodLike {
  levelCode: string;
  effectiveFrom: string;
}

export interface FeeChange {
  effectiveFrom: string;
  dailyFee: number;
}

export interface LevelPrice {
  code: string;
  name: string;
  /** The level's first fee, in force until the first fee change. */
  dailyFee: number;
  /** Later fees, each from its local date on (a hospital's new price list never rewrites past days). */
  feeChanges?: FeeChange[];
}

/** The daily fee of a level on a local date: the latest change on or before it, else the first fee. */
export function feeOn(level: LevelPrice, date: string): number {
  let fee = level.dailyFee;
  for (const c of [...(level.feeChanges ?? [])].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))) {
    if (c.effectiveFrom <= date) fee = c.dailyFee;
  }
  return fee;
}

export interface BillLine {
  levelCode: string;
  levelName: string;
  fromDate: string;
  toDate: string;
  days: number;
  dailyFee: number;
  amount: number;
}

export interface Bill {
  fromDate: string;
  toDate: string;
  days: number;
  lines: BillLine[];
  totalFee: number;
  /** One row per billed local day. */
  daily: { date: string; levelCode: string; dailyFee: number }[];
}

/** The level code in force on a local date: the latest period starting on or before it. */
export function levelOn(periods: LevelPeriodLike[], date: string): string {
  const sorted = [...periods].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  if (sorted.length === 0) throw new Error('a booking has no care level');
  let code = sorted[0].levelCode;
  for (const p of sorted) if (p.effectiveFrom <= date) code = p.levelCode;
  return code;
}

/** The instant care starts: the booking's start date (local midnight), never before admission. */
export function careStartInstant(bookingStartDate: string, admittedAt: Date, zone: string): Date {
  const startOfDay = instantAt(bookingStartDate, '00:00', zone);
  return startOfDay > admittedAt ? startOfDay : admittedAt;
}

/** The local days billed for care from `start` to `end` (instants). */
export function billedDates(start: Date, end: Date, zone: string): string[] {
  const first = localDateOf(start, zone);
  if (end.getTime() - start.getTime() < 24 * 3_600_000) return [first];
  // Care ending exactly at local midnight does not touch the next day.
  const last = localDateOf(new Date(end.getTime() - 1), zone);
  return datesBetween(first, last);
}

/** Computes the bill: per-day level and fee, grouped into lines of consecutive days at one level. */
export function computeBill(input: {
  start: Date;
  end: Date;
  zone: string;
  periods: LevelPeriodLike[];
  levels: LevelPrice[];
}): Bill {
  const byCode = new Map(input.levels.map((l) => [l.code, l]));
  const daily = billedDates(input.start, input.end, input.zone).map((date) => {
    const levelCode = levelOn(input.periods, date);
    const level = byCode.get(levelCode);
    if (!level) throw new Error(`unknown care level ${levelCode}`);
    return { date, levelCode, dailyFee: feeOn(level, date) };
  });
  const lines: BillLine[] = [];
  for (const day of daily) {
    const last = lines[lines.length - 1];
    if (last && last.levelCode === day.levelCode && last.dailyFee === day.dailyFee && addDays(last.toDate, 1) === day.date) {
      last.toDate = day.date;
      last.days += 1;
      last.amount += day.dailyFee;
    } else {
      lines.push({
        levelCode: day.levelCode, levelName: byCode.get(day.levelCode)!.name, fromDate: day.date, toDate: day.date,
        days: 1, dailyFee: day.dailyFee, amount: day.dailyFee,
      });
    }
  }
  return {
    fromDate: daily[0].date,
    toDate: daily[daily.length - 1].date,
    days: daily.length,
    lines,
    totalFee: lines.reduce((s, l) => s + l.amount, 0),
    daily,
  };
}
