// npm run bench:import -- [--rows 10000] — times a resident import of N generated rows through the
// real job path (upload → people.import worker → report) against a throwaway Postgres database
// and the configured Redis. Prints a table; a second upload of the same file (all rows
// unchanged) is measured in the same run as the reference.
import { parseArgs } from 'node:util';
import { makeIdNumber } from '../src/people/id-card.js';
import { createTenantWithAdmin } from '../src/tenancy/service.js';
import { addDays } from '../src/time/index.js';
import { withService } from './lib/service.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const rows = Number(values.rows);

function csv(n: number): string {
  const lines = ['name,idNumber,phone,address,lat,lng,livesAlone,statuses'];
  for (let i = 0; i < n; i++) {
    const birth = addDays('1930-01-01', (i * 7) % 12000);
    const statuses = i % 10 === 0 ? 'extreme_poverty' : i % 7 === 0 ? 'minimum_living;empty_nest' : '';
    lines.push(`居民${i},${makeIdNumber(String(360300 + (Math.floor(i / 1000) % 99)), birth, i % 1000)},138${String(i).padStart(8, '0')},村${i % 50}号,27.6${i % 10},114.0${i % 10},${i % 3 === 0 ? '是' : '否'},${statuses}`);
  }
  return lines.join('\n');
}

await withService('import', async ({ deps, baseUrl }) => {
  const { token } = (await createTenantWithAdmin(deps.prisma, { name: 'bench' })).token;
  const file = csv(rows);
  const results: { run: string; rows: number; seconds: number; created: number; unchanged: number; rejected: number }[] = [];
  for (const label of ['first upload', 'same file again']) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/imports/residents`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' }, body: file });
    const { id } = (await res.json()) as { id: string };
    let run: Record<string, number | string>;
    do {
      await new Promise((r) => setTimeout(r, 50));
      run = (await (await fetch(`${baseUrl}/imports/${id}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as typeof run;
    } while (run.status === 'queued' || run.status === 'running');
    if (run.status !== 'done') throw new Error(`import ${run.status}: ${run.error}`);
    results.push({ run: label, rows, seconds: (performance.now() - started) / 1000, created: Number(run.created), unchanged: Number(run.unchanged), rejected: Number(run.rejected) });
  }
  console.log(`\nResident import, ${rows} rows (upload → job → report), Node ${process.version}\n`);
  console.log('| run | rows | seconds | rows/s | created | unchanged | rejected |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.run} | ${r.rows} | ${r.seconds.toFixed(2)} | ${Math.round(r.rows / r.seconds)} | ${r.created} | ${r.unchanged} | ${r.rejected} |`);
  }
  console.log(`\nFirst upload / re-upload time ratio: ${(results[0].seconds / results[1].seconds).toFixed(2)}×`);
});
