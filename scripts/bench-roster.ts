/**
 * Runs the roster engine on the Curtois & Qu shift-scheduling benchmark.
 *   npm run bench:roster -- [--time-limit S] [--instances Instance1,Instance2] [--seed N] [--json FILE]
 * Reads the instances from ../shared/benchmarks/curtois (never copied into the repo).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCurtois } from '../src/roster/curtois/parse.js';
import { solveCurtois } from '../src/roster/curtois/solve.js';
import { benchmarksDir } from './lib/benchmarks.js';

interface Row {
  instance: string;
  size: string;
  objective: number;
  hardViolations: number;
  bestKnown: number | null;
  gapPct: number | null;
  seconds: number;
  iterations: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = benchmarksDir('curtois');
const timeLimitS = Number(arg('--time-limit') ?? '10');
const seed = Number(arg('--seed') ?? '1');
const jsonFile = arg('--json');
const all = readdirSync(dir).filter((f) => /^Instance\d+\.txt$/.test(f))
  .map((f) => f.replace(/\.txt$/, ''))
  .sort((a, b) => Number(a.slice(8)) - Number(b.slice(8)));
const wanted = arg('--instances')?.split(',').map((s) => s.trim().replace(/\.txt$/, '')) ?? all;
const bestKnown = new Map(readFileSync(path.join(dir, 'best-known.csv'), 'utf8').split(/\r?\n/).slice(1)
  .filter((l) => l.includes(',')).map((l) => {
    const [file, value] = l.split(',');
    return [file.replace(/\.txt$/, ''), Number(value)] as const;
  }));

const rows: Row[] = [];
const header = ['instance', 'staff×days×types', 'objective', 'hard', 'best known', 'gap %', 'seconds'];
console.log(header.join('\t'));
for (const name of wanted) {
  const { model } = parseCurtois(readFileSync(path.join(dir, `${name}.txt`), 'utf8'));
  const started = performance.now();
  const result = solveCurtois(model, { seed, timeLimitMs: timeLimitS * 1000, now: () => performance.now() });
  const seconds = (performance.now() - started) / 1000;
  const best = bestKnown.get(name) ?? null;
  const hard = result.evaluation.hard.total;
  const objective = result.evaluation.objective;
  const row: Row = {
    instance: name,
    size: `${model.employees.length}×${model.days}×${model.shiftTypes.length}`,
    objective,
    hardViolations: hard,
    bestKnown: best,
    gapPct: best && hard === 0 ? (100 * (objective - best)) / best : null,
    seconds,
    iterations: result.search.iterations,
  };
  rows.push(row);
  console.log([row.instance, row.size, objective, hard, best ?? '-', row.gapPct === null ? '-' : row.gapPct.toFixed(1),
    seconds.toFixed(1)].join('\t'));
}
const feasible = rows.filter((r) => r.gapPct !== null);
const meanGap = feasible.length ? feasible.reduce((a, r) => a + (r.gapPct ?? 0), 0) / feasible.length : null;
console.log(`feasible ${feasible.length}/${rows.length}; mean gap over feasible: ${meanGap === null ? '-' : meanGap.toFixed(1) + ' %'}` +
  ` (time limit ${timeLimitS} s per instance, seed ${seed})`);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ timeLimitS, seed, rows, meanGap }, null, 2));
