/**
 * Solomon VRPTW benchmark of the route optimiser.
 *   npx tsx scripts/bench-routing.ts -- [--time-limit S] [--instances C101,R101,…]
 *     [--objective distance|vehicles] [--seed N] [--json FILE]
 * One solver (single thread) per instance, instances one after another. Every solution is
 * re-checked by the independent validator of the unit tests.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { solomonProblem } from '../src/routing/solomon.js';
import { solve } from '../src/routing/solve.js';
import { validateSolution } from '../tests/unit/routing/validate-solution.js';
import { benchmarksDir } from './lib/benchmarks.js';

const benchDir = benchmarksDir('solomon');

interface Args { timeLimit: number; instances?: string[]; objective: 'distance' | 'vehicles'; seed: number; json?: string }

function parseArgs(argv: string[]): Args {
  const a: Args = { timeLimit: 2, objective: 'distance', seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === '--') continue;
    else if (k === '--time-limit') a.timeLimit = Number(v());
    else if (k === '--instances') a.instances = v().split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
    else if (k === '--objective') {
      const o = v();
      if (o !== 'distance' && o !== 'vehicles') throw new Error('--objective must be distance or vehicles');
      a.objective = o;
    } else if (k === '--seed') a.seed = Number(v());
    else if (k === '--json') a.json = v();
    else throw new Error(`unknown argument ${k}`);
  }
  if (!(a.timeLimit > 0)) throw new Error('--time-limit must be > 0 seconds');
  return a;
}

interface Reference { bksVehicles: number; bksDistance: number; bestDistance: number; bestDistanceVehicles: number }

function readReference(): Map<string, Reference> {
  const lines = readFileSync(path.join(benchDir, 'reference.csv'), 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const col = (name: string): number => head.indexOf(name);
  const ref = new Map<string, Reference>();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    ref.set(f[col('instance')], {
      bksVehicles: Number(f[col('bks_vehicles')]),
      bksDistance: Number(f[col('bks_distance')]),
      bestDistance: Number(f[col('best_distance_only')]),
      bestDistanceVehicles: Number(f[col('best_distance_only_vehicles')]),
    });
  }
  return ref;
}

export interface BenchRow {
  instance: string;
  vehicles: number;
  distance: number;
  bestKnown: number;
  gapPct: number;
  bksVehicles: number;
  seconds: number;
  feasible: boolean;
  errors: string[];
}

const classOf = (name: string): string => name.replace(/\d{2}$/, '');
const fmt = (x: number, d = 2): string => x.toFixed(d);
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const ref = readReference();
  const all = readdirSync(benchDir).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')).sort();
  const names = args.instances ?? all;
  for (const n of names) if (!all.includes(n)) throw new Error(`unknown instance ${n}`);
  const rows: BenchRow[] = [];
  const vehiclesMode = args.objective === 'vehicles';
  console.log(`# Solomon bench: objective=${args.objective}, time limit ${args.timeLimit} s, seed ${args.seed}, 1 thread per instance`);
  console.log(`| instance | vehicles | ${vehiclesMode ? 'bks veh | ' : ''}distance | best known | gap % | seconds | feasible |`);
  console.log(`|---|---:|${vehiclesMode ? '---:|' : ''}---:|---:|---:|---:|---|`);
  for (const name of names) {
    const r = ref.get(name);
    if (!r) throw new Error(`no reference for ${name}`);
    const problem = solomonProblem(readFileSync(path.join(benchDir, `${name}.txt`), 'utf8'));
    const t0 = performance.now();
    const sol = solve(problem, { timeLimitMs: args.timeLimit * 1000, seed: args.seed, objective: args.objective, minimise: 'distance' });
    const seconds = (performance.now() - t0) / 1000;
    const errors = validateSolution(problem, sol);
    if (sol.unassigned.length > 0) errors.push(`${sol.unassigned.length} customers unserved`);
    const bestKnown = vehiclesMode ? r.bksDistance : r.bestDistance;
    const row: BenchRow = {
      instance: name, vehicles: sol.vehiclesUsed, distance: sol.totalDistance, bestKnown,
      gapPct: ((sol.totalDistance - bestKnown) / bestKnown) * 100, bksVehicles: r.bksVehicles,
      seconds, feasible: errors.length === 0, errors,
    };
    rows.push(row);
    console.log(`| ${name} | ${row.vehicles} | ${vehiclesMode ? `${row.bksVehicles} | ` : ''}${fmt(row.distance)} | ${fmt(bestKnown)} | ${fmt(row.gapPct)} | ${fmt(seconds)} | ${row.feasible ? 'yes' : 'NO'} |`);
    for (const e of errors.slice(0, 5)) console.log(`    ! ${e}`);
  }
  console.log('');
  console.log(`| class | instances | mean gap % | vehicles | ${vehiclesMode ? 'bks vehicles | ' : ''}feasible |`);
  console.log(`|---|---:|---:|---:|${vehiclesMode ? '---:|' : ''}---|`);
  const classes = [...new Set(rows.map((r) => classOf(r.instance)))];
  for (const c of [...classes, 'all']) {
    const rs = c === 'all' ? rows : rows.filter((r) => classOf(r.instance) === c);
    const veh = rs.reduce((s, r) => s + r.vehicles, 0);
    const bks = rs.reduce((s, r) => s + r.bksVehicles, 0);
    const feas = rs.filter((r) => r.feasible).length;
    console.log(`| ${c} | ${rs.length} | ${fmt(mean(rs.map((r) => r.gapPct)))} | ${veh} | ${vehiclesMode ? `${bks} | ` : ''}${feas}/${rs.length} |`);
  }
  const totalVeh = rows.reduce((s, r) => s + r.vehicles, 0);
  const bksVeh = rows.reduce((s, r) => s + r.bksVehicles, 0);
  console.log('');
  console.log(`mean gap ${fmt(mean(rows.map((r) => r.gapPct)), 3)} % over ${rows.length} instances (vs ${vehiclesMode ? 'bks_distance' : 'best_distance_only'}), ` +
    `mean ${fmt(mean(rows.map((r) => r.seconds)))} s, feasible ${rows.filter((r) => r.feasible).length}/${rows.length}` +
    (vehiclesMode ? `, vehicles ${totalVeh} vs best-known ${bksVeh} (${fmt(((totalVeh - bksVeh) / bksVeh) * 100)} %)` : ''));
  if (args.json) writeFileSync(path.resolve(args.json), JSON.stringify({ args, rows }, null, 2));
}

main();
