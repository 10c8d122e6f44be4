/**
 * Solves one Solomon instance and prints ONE JSON object on stdout (nothing else):
 *   {"routes": [[customer ids in visiting order], …], "vehicles": n, "distance": d}
 * Usage: npx tsx scripts/routing-solve.ts -- --solomon FILE [--time-limit S] [--seed N]
 *        [--objective distance|vehicles]
 * Diagnostics (unserved customers, bad arguments) go to stderr.
 */
import { readFileSync } from 'node:fs';
import { solomonProblem } from '../src/routing/solomon.js';
import { solve } from '../src/routing/solve.js';

function main(): number {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  let file: string | undefined;
  let timeLimit = 2;
  let seed = 1;
  let objective: 'distance' | 'vehicles' = 'distance';
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[++i];
    if (v === undefined) throw new Error(`${k} needs a value`);
    if (k === '--solomon') file = v;
    else if (k === '--time-limit') timeLimit = Number(v);
    else if (k === '--seed') seed = Number(v);
    else if (k === '--objective' && (v === 'distance' || v === 'vehicles')) objective = v;
    else throw new Error(`unknown argument ${k} ${v}`);
  }
  if (!file) throw new Error('usage: routing-solve --solomon FILE [--time-limit S] [--seed N]');
  if (!(timeLimit > 0) || !Number.isInteger(seed)) throw new Error('--time-limit must be > 0 and --seed an integer');
  const problem = solomonProblem(readFileSync(file, 'utf8'));
  const sol = solve(problem, { timeLimitMs: timeLimit * 1000, seed, objective, minimise: 'distance' });
  if (sol.unassigned.length > 0) {
    process.stderr.write(`warning: ${sol.unassigned.length} customers unserved: ${sol.unassigned.map((u) => `${u.stopId} (${u.reason})`).join(', ')}\n`);
  }
  const out = {
    routes: sol.routes.map((r) => r.stops.map((s) => Number(s.stopId))),
    vehicles: sol.vehiclesUsed,
    distance: sol.totalDistance,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  return sol.unassigned.length > 0 ? 2 : 0;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
