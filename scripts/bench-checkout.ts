// npm run bench:checkout -- [--connections 50] [--duration 10] [--diners 3000]
//
// The lunch rush at the counter: 50 cashiers (one connection each, 5 canteens) checking out diners
// as fast as the server answers, against the real API server (src/server.ts in its own process, on
// an ephemeral port) with a throwaway PostgreSQL database (created and dropped here, on the server of
// DATABASE_URL or the local one) and the configured Redis. The same server answering GET /me (a
// trivial authenticated endpoint) with the same concurrency is the baseline measured in the same run.
// After the run the database is checked: one meal per successful checkout and never two subsidised
// meals of one diner in one slot and day.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { config } from '../src/config.js';
import { createPrisma } from '../src/db/prisma.js';
import { makeIdNumber } from '../src/people/id-card.js';
import { createTenantWithAdmin } from '../src/tenancy/service.js';
import { addDays } from '../src/time/index.js';
import { migrateDeploy } from '../src/db/migrate.js';
import { deleteQueuePrefix } from '../src/queues/redis.js';
import { throwawayDatabase } from './lib/database.js';

const queuePrefix = `bench-checkout-${randomBytes(3).toString('hex')}`;

interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  duration: number;
}
interface Request { method: string; path: string; headers: Record<string, string>; body?: string }
type Autocannon = (opts: Record<string, unknown>) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '10' }, diners: { type: 'string', default: '3000' } },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const dinerCount = Number(values.diners);
const CANTEENS = 5;

const database = await throwawayDatabase(config(), 'checkout');
const url = new URL(database.url);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function api<T>(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

let server: ChildProcess | undefined;
const prisma = createPrisma(url.toString(), 4);
try {
  await migrateDeploy(url.toString());
  const port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', QUEUE_PREFIX: queuePrefix,
      // The seed issues one token per cashier from one address and account: above the production limits.
      RATE_LIMIT_TOKEN_ISSUE_PER_IP: '10000', RATE_LIMIT_TOKEN_ISSUE_PER_ACCOUNT: '10000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${baseUrl}/readyz`).then((r) => r.ok).catch(() => false))) break;
    if (i > 300) throw new Error('server did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }

  // Seed: a tenant, 5 canteens, 50 cashiers bound 10 per canteen, diners with a realistic mix.
  const created = await createTenantWithAdmin(prisma, { name: 'bench canteen', timeZone: 'Asia/Shanghai' });
  const tenantId = created.tenant.id;
  const adminToken = created.token.token;
  const canteens: string[] = [];
  // The rush is simulated whatever the clock says: lunch is served all day at these canteens, so
  // every checkout is inside the serving hours (outside them the counter refuses without an override).
  const servingHours = { lunch: { from: '00:00', to: '23:59' } };
  for (let c = 0; c < CANTEENS; c++) {
    canteens.push((await api<{ id: string }>(baseUrl, adminToken, 'POST', '/canteens', { name: `食堂${c + 1}`, prices: { breakfast: 400, lunch: 1000, dinner: 800 }, servingHours })).id);
  }
  const cashiers: { token: string; canteenId: string }[] = [];
  for (let i = 0; i < connections; i++) {
    const user = await api<{ id: string }>(baseUrl, adminToken, 'POST', '/users', { username: `cashier${i}`, displayName: `收银${i}`, roles: ['canteen_operator'] });
    const canteenId = canteens[i % CANTEENS];
    await api(baseUrl, adminToken, 'POST', `/canteens/${canteenId}/operators`, { userId: user.id });
    cashiers.push({ token: (await api<{ token: string }>(baseUrl, adminToken, 'POST', `/users/${user.id}/tokens`, { name: 'bench' })).token, canteenId });
  }
  const persons = Array.from({ length: dinerCount }, (_, i) => {
    const birthDate = addDays('1926-01-01', (i * 37) % 14000);
    return { id: crypto.randomUUID(), tenantId, name: `居民${i}`, gender: i % 2 ? 'male' as const : 'female' as const, birthDate, idNumber: makeIdNumber(String(360300 + (i % 90)), birthDate, i % 1000), cardNumber: `C${100000 + i}` };
  });
  await prisma.person.createMany({ data: persons });
  await prisma.personStatus.createMany({
    data: persons.filter((_, i) => i % 9 === 0).map((p, i) => ({ tenantId, personId: p.id, code: i % 2 ? 'minimum_living' as const : 'extreme_poverty' as const, validFrom: '2020-01-01' })),
  });

  let n = 0;
  const meRequest = () => [{
    method: 'GET', path: '/me',
    setupRequest: (req: Request) => ({ ...req, headers: { authorization: `Bearer ${cashiers[n++ % cashiers.length].token}` } }),
  }];
  const checkoutRequest = () => [{
    method: 'POST', path: '/',
    setupRequest: (req: Request) => {
      const i = n++;
      const cashier = cashiers[i % cashiers.length];
      // Identify like a real counter does: mostly canteen cards, some ID cards, a few by id.
      const p = persons[Math.floor(Math.random() * persons.length)];
      const diner = i % 5 === 0 ? { idNumber: p.idNumber } : i % 13 === 0 ? { personId: p.id } : { cardNumber: p.cardNumber };
      return {
        ...req, path: `/canteens/${cashier.canteenId}/meals`,
        headers: { authorization: `Bearer ${cashier.token}`, 'content-type': 'application/json', 'idempotency-key': `bench-${i}` },
        body: JSON.stringify({ ...diner, slot: 'lunch' }),
      };
    },
  }];

  const run = (requests: object[], seconds: number) => autocannon({ url: baseUrl, connections, duration: seconds, requests });
  // Warm-up (JIT, connection pools), not reported.
  await run(meRequest(), 2);
  const warm = await run(checkoutRequest(), 2);
  const baseline = await run(meRequest(), duration);
  const checkout = await run(checkoutRequest(), duration);

  const meals = await prisma.canteenMeal.count({ where: { tenantId } });
  const doubles = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM "CanteenMeal" WHERE "tenantId" = ${tenantId}::uuid AND status = 'active' AND subsidy > 0
    GROUP BY "personId", "localDate", "slotCode" HAVING count(*) > 1) d`;
  const subsidised = await prisma.canteenMeal.count({ where: { tenantId, subsidy: { gt: 0 } } });

  const row = (name: string, r: Result) =>
    `| ${name} | ${connections} | ${r.requests.total} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} |`;
  console.log(`\nCheckout at the lunch rush — ${connections} concurrent cashiers, ${duration} s each, ${dinerCount} diners, ${CANTEENS} canteens, Node ${process.version}\n`);
  console.log('| endpoint | connections | requests | req/s | p50 ms | p99 ms | errors + non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(row('GET /me (baseline)', baseline));
  console.log(row('POST /canteens/:id/meals', checkout));
  console.log(`\ncheckout vs baseline: throughput ${(checkout.requests.average / baseline.requests.average).toFixed(2)}×, `
    + `p50 ${(checkout.latency.p50 / Math.max(baseline.latency.p50, 0.001)).toFixed(1)}×, p99 ${(checkout.latency.p99 / Math.max(baseline.latency.p99, 0.001)).toFixed(1)}×`);
  const answered = warm['2xx'] + checkout['2xx'];
  // Requests still in flight when a timed run stops are answered after autocannon stopped counting.
  const inFlight = meals - answered;
  console.log(`database: ${meals} meals = ${answered} counted checkouts + ${inFlight} in flight when a run stopped (≤ ${2 * connections}); `
    + `${subsidised} subsidised; diner/slot/day with two subsidised meals: ${Number(doubles[0].n)}`);
  if (Number(doubles[0].n) !== 0 || inFlight < 0 || inFlight > 2 * connections) process.exitCode = 1;
} finally {
  server?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await prisma.$disconnect();
  await deleteQueuePrefix(config().REDIS_URL, queuePrefix);
  await database.drop();
}
