import type { Rng } from './prng.js';
import { OFF, type ShiftModel } from './shift-model.js';

/** Weekend demand / weekend capacity above which weekend days count as scarce. */
const SCARCE = 0.9;

/**
 * Shadow price of working one day of a two-day weekend: the mean under-cover weight of weekend
 * days when their demand nearly fills the weekend days the contracts allow (each row may work
 * only maxWeekends of them, so a half-worked weekend is a short elsewhere), else 0. Measured on
 * the benchmark: large instances gain 5–15 %; where weekends are plentiful (Instance9) it hurt.
 */
export function weekendShadowPrice(model: ShiftModel): number {
  const weekendDay = new Uint8Array(model.days);
  for (const days of model.weekends) for (const d of days) weekendDay[d] = 1;
  let demand = 0;
  let under = 0;
  let n = 0;
  for (const c of model.cover) if (weekendDay[c.day] === 1) {
    demand += c.requirement;
    under += c.underWeight;
    n++;
  }
  const slots = model.employees.reduce((a, emp) => a + 2 * Math.min(emp.contract.maxWeekends, model.weekends.length), 0);
  return n > 0 && demand >= SCARCE * slots ? under / n : 0;
}

/**
 * The weekends a re-optimised row may work: the ones it works now, topped up at random to the
 * limit, which makes the weekend rule exact in the row DP (a price on weekends makes the row
 * jump between all and none of them). A forced day's weekend comes first so it stays open;
 * otherwise one worked weekend is sometimes traded for an idle one, so the pattern can move.
 */
export function openWeekends(model: ShiftModel, row: ArrayLike<number>, maxWeekends: number, forceDay: number,
  rng: Rng): number[][] {
  const worked = model.weekends.filter((days) => days.some((d) => row[d] !== OFF));
  const idle = model.weekends.filter((days) => days.every((d) => row[d] === OFF));
  shuffle(worked, rng);
  shuffle(idle, rng);
  const forced = forceDay >= 0 ? model.weekends.find((days) => days.includes(forceDay)) : undefined;
  if (forced) {
    const from = worked.includes(forced) ? worked : idle;
    from.splice(from.indexOf(forced), 1);
    worked.unshift(forced);
  } else if (worked.length > 0 && idle.length > 0 && worked.length >= maxWeekends && rng.next() < 0.5) {
    idle.push(worked.pop()!);
    worked.push(idle.shift()!);
  }
  return [...worked, ...idle].slice(0, Math.max(0, maxWeekends));
}

function shuffle(xs: number[][], rng: Rng): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
}
