import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCurtois } from '../../../src/roster/curtois/parse.js';
import { solveCurtois } from '../../../src/roster/curtois/solve.js';
import { evaluateSchedule } from '../../../src/roster/engine/shift-evaluate.js';
import { OFF } from '../../../src/roster/engine/shift-model.js';
import { benchmarksDir } from '../../../scripts/lib/benchmarks.js';

const BENCH = benchmarksDir('curtois');
const instance1 = readFileSync(path.join(BENCH, 'Instance1.txt'), 'utf8');

/** Data lines per section, counted straight from the file text. */
function sectionLines(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let current = '';
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    if (line.startsWith('SECTION_')) out[(current = line)] = [];
    else if (line && !line.startsWith('#') && current) out[current].push(line);
  }
  return out;
}

/** A tiny instance: 7 days from Monday, shifts E (480) and L (600, E may not follow L). */
function tiny(staff: string, extra: { daysOff?: string; on?: string; off?: string; cover?: string } = {}): string {
  return [
    'SECTION_HORIZON', '7', '', 'SECTION_SHIFTS', 'E,480,', 'L,600,E', '',
    'SECTION_STAFF', staff, '', 'SECTION_DAYS_OFF', extra.daysOff ?? '', '',
    'SECTION_SHIFT_ON_REQUESTS', extra.on ?? '', '', 'SECTION_SHIFT_OFF_REQUESTS', extra.off ?? '', '',
    'SECTION_COVER', extra.cover ?? '',
  ].join('\r\n');
}
const LOOSE = 'A,E=7|L=7,9999,0,7,1,1,2';

/** Evaluates one employee's week given as a string like "EE-L---" ('-' = off). */
function evaluateWeek(text: string, week: string) {
  const { model } = parseCurtois(text);
  const x = Int16Array.from(week, (c) => (c === '-' ? OFF : model.shiftTypes.findIndex((t) => t.id === c)));
  return evaluateSchedule(model, x);
}

describe('Curtois & Qu benchmark', () => {
  it('when Instance1 is parsed, then staff, days, shifts and every section match the file', () => {
    const { model, lineCounts } = parseCurtois(instance1);
    const lines = sectionLines(instance1);
    expect(model.days).toBe(Number(lines.SECTION_HORIZON[0]));
    expect(model.employees).toHaveLength(lines.SECTION_STAFF.length);
    expect(model.employees).toHaveLength(8);
    expect(model.shiftTypes.map((s) => s.id)).toEqual(['D']);
    expect(model.onRequests).toHaveLength(lines.SECTION_SHIFT_ON_REQUESTS.length);
    expect(model.offRequests).toHaveLength(lines.SECTION_SHIFT_OFF_REQUESTS.length);
    expect(model.cover).toHaveLength(14);
    expect(lineCounts.SECTION_DAYS_OFF).toBe(lines.SECTION_DAYS_OFF.length);
    expect(model.employees[0].contract).toMatchObject({ maxShifts: [14], maxMinutes: 4320, minMinutes: 3360, maxConsecutiveShifts: 5, minConsecutiveShifts: 2, minConsecutiveDaysOff: 2, maxWeekends: 1 });
    expect(model.weekends).toEqual([[5, 6], [12, 13]]);
  });

  it('when cover is short or over, then each missing or extra person costs its weight', () => {
    const text = tiny(LOOSE, { cover: '0,E,2,100,1\r\n1,E,0,100,7' });
    expect(evaluateWeek(text, 'EE-----').soft).toMatchObject({ coverUnder: 100, coverOver: 7 });
    expect(evaluateWeek(text, 'EE-----').objective).toBe(107);
  });

  it('when on and off requests are broken, then their weights are added', () => {
    const text = tiny(LOOSE, { on: 'A,2,L,3', off: 'A,0,E,2\r\nA,1,L,5' });
    expect(evaluateWeek(text, 'EE-----').soft).toMatchObject({ shiftOnRequests: 3, shiftOffRequests: 2 });
    expect(evaluateWeek(text, '--L----').objective).toBe(0);
  });

  it('when contract limits are broken, then each is counted as a hard violation', () => {
    const strict = 'A,E=2|L=7,1500,900,3,2,2,1';
    expect(evaluateWeek(tiny(strict), 'EEE----').hard).toMatchObject({ maxShifts: 1, maxMinutes: 0, total: 1 });
    expect(evaluateWeek(tiny(strict), 'LLLL---').hard).toMatchObject({ maxConsecutiveShifts: 1, maxMinutes: 1 });
    expect(evaluateWeek(tiny(strict), 'L------').hard).toMatchObject({ minMinutes: 1, total: 1 });
    expect(evaluateWeek(tiny(strict), 'LE-----').hard).toMatchObject({ forbiddenSuccession: 1 });
    expect(evaluateWeek(tiny(strict, { daysOff: 'A,1' }), 'LL-----').hard).toMatchObject({ daysOff: 1 });
  });

  it('when runs touch the horizon ends, then minimum-run rules do not apply to them', () => {
    const strict = 'A,E=7|L=7,9999,0,7,2,2,2';
    expect(evaluateWeek(tiny(strict), '--L--LL').hard).toMatchObject({ minConsecutiveShifts: 1, total: 1 });
    expect(evaluateWeek(tiny(strict), 'L--LL--').hard.total).toBe(0); // both short runs touch an end
    expect(evaluateWeek(tiny(strict), 'LL-LL--').hard).toMatchObject({ minConsecutiveDaysOff: 1 });
    expect(evaluateWeek(tiny(strict), '-LL--LL').hard.total).toBe(0);
  });

  it('when more weekends are worked than allowed, then one violation is counted', () => {
    const text = [tiny('A,E=14|L=14,99999,0,14,1,1,1').replace('SECTION_HORIZON\r\n7', 'SECTION_HORIZON\r\n14')].join('');
    const { model } = parseCurtois(text);
    const x = new Int16Array(14).fill(OFF);
    x[5] = 0; // Saturday of week 1
    x[13] = 0; // Sunday of week 2
    expect(evaluateSchedule(model, x).hard).toMatchObject({ maxWeekends: 1, total: 1 });
    x[13] = OFF;
    x[6] = 0; // the same weekend counts once
    expect(evaluateSchedule(model, x).hard.total).toBe(0);
  });

  it('when Instance1 is solved with a short budget, then the schedule is feasible and not below the proven optimum 607', () => {
    const r = solveCurtois(instance1, { seed: 1, maxIterations: 300_000 });
    expect(r.evaluation.hard.total).toBe(0);
    expect(r.evaluation.objective).toBeGreaterThanOrEqual(607);
    expect(r.evaluation.objective).toBeLessThan(800);
    expect(r.roster).toHaveLength(8);
    expect(solveCurtois(instance1, { seed: 1, maxIterations: 300_000 }).roster).toEqual(r.roster); // deterministic
  });
});
