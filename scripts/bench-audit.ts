// npm run bench:audit -- [--meals 100000] [--canteens 20] [--diners 5000]
//
// The month-end night of a district: the audit scan (`audit.scan`) and the settlement of every
// canteen (`subsidy.settle`) over a full month of meals, called as the jobs call them, against a
// throwaway PostgreSQL database (created and dropped here, on the server of DATABASE_URL or the local
// one). Meals are priced by the subsidy engine itself, so the scan should flag only the planted
// double subsidies. Reference measured in the same run: one plain read of the month's meals.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { config } from '../src/config.js';
import { createPrisma, tenantDb } from '../src/db/prisma.js';
import { migrateDeploy } from '../src/db/migrate.js';
import { makeIdNumber } from '../src/people/id-card.js';
import { createTenantWithAdmin } from '../src/tenancy/service.js';
import { addDays } from '../src/time/index.js';
import { computeSubsidy, policyInForce, type StatusCode } from '../src/subsidy/index.js';
import { ensureDefaultPolicy, loadPolicies } from '../src/canteen/policy-service.js';
import { runAuditScan } from '../src/canteen/audit-service.js';
import { settleMonth } from '../src/canteen/settlement-service.js';
import { throwawayDatabase } from './lib/database.js';

/** The month's meals as an online till records them: at the moment they are served (else every one is back-dated). */
const recordedLive = (rows: object[]) => rows.map((r) => ({ ...r, recordedAt: (r as { servedAt: Date }).servedAt }));
const { values } = parseArgs({
  options: { meals: { type: 'string', default: '100000' }, canteens: { type: 'string', default: '20' }, diners: { type: 'string', default: '5000' } },
});
const target = Number(values.meals);
const canteenCount = Number(values.canteens);
const dinerCount = Number(values.diners);
const PLANTED = 25;
const zone = 'Asia/Shanghai';
const month = DateTime.now().setZone(zone).minus({ months: 1 }).toFormat('yyyy-MM');
const first = `${month}-01`;
const last = DateTime.fromISO(first, { zone }).endOf('month').toISODate()!;
const days = Number(last.slice(8));

const database = await throwawayDatabase(config(), 'audit');
const prisma = createPrisma(database.url, 4);

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await work();
  return [out, (performance.now() - t0) / 1000];
};

try {
  await migrateDeploy(database.url);
  const { tenant, admin: adminUser } = await createTenantWithAdmin(prisma, { name: 'bench audit', timeZone: zone, adminUsername: 'admin' });
  const caller = { tenantId: tenant.id, userId: adminUser.id, timeZone: zone };
  const db = tenantDb(prisma, tenant.id);
  await db.$transaction((tx) => ensureDefaultPolicy(tx, caller));
  const policy = policyInForce(await loadPolicies(db), first)!;
  const canteens = Array.from({ length: canteenCount }, (_, c) => ({ id: randomUUID(), tenantId: tenant.id, name: `食堂${c + 1}`, prices: { lunch: 1000, dinner: 800 } }));
  await prisma.canteen.createMany({ data: canteens });
  const persons = Array.from({ length: dinerCount }, (_, i) => {
    const birthDate = addDays('1926-01-01', (i * 37) % 14000);
    return { id: randomUUID(), tenantId: tenant.id, name: `居民${i}`, gender: i % 2 ? 'male' as const : 'female' as const, birthDate, idNumber: makeIdNumber(String(360300 + (i % 90)), birthDate, i % 1000) };
  });
  await prisma.person.createMany({ data: persons });
  const statuses = persons.filter((_, i) => i % 9 === 0).map((p, i) => ({ tenantId: tenant.id, personId: p.id, code: (i % 2 ? 'minimum_living' : 'extreme_poverty') as StatusCode, validFrom: '2020-01-01' }));
  await prisma.personStatus.createMany({ data: statuses });
  const statusOf = new Map(statuses.map((s) => [s.personId, [{ code: s.code, validFrom: s.validFrom, validTo: null }]]));

  // Each diner eats at "their" canteen, lunch and sometimes dinner, until the month holds `target` meals.
  const perDay = Math.ceil(target / days);
  const used = new Map<string, number>();
  let rows: object[] = [];
  let meals = 0;
  for (let d = 0; d < days && meals < target; d++) {
    const localDate = addDays(first, d);
    for (let k = 0; k < perDay && meals < target; k++, meals++) {
      const p = persons[(d * 7919 + k) % persons.length];
      const slot = k < perDay * 0.7 ? 'lunch' : 'dinner';
      const c = canteens[persons.indexOf(p) % canteens.length];
      const price = slot === 'lunch' ? 1000 : 800;
      const monthUsed = used.get(p.id) ?? 0;
      const r = computeSubsidy(policy, { birthDate: p.birthDate, deathDate: null, residentOfTenant: true, statuses: statusOf.get(p.id) ?? [] },
        { localDate, slot, price }, { subsidisedInSlotToday: 0, subsidisedThisMonth: monthUsed });
      if (r.subsidy > 0) used.set(p.id, monthUsed + 1);
      rows.push({
        tenantId: tenant.id, canteenId: c.id, personId: p.id, identifiedBy: 'card', localDate, slotCode: slot,
        servedAt: DateTime.fromISO(`${localDate}T${slot === 'lunch' ? '11:30' : '17:30'}`, { zone }).toJSDate(),
        price, subsidy: r.subsidy, payable: r.payable, rule: r.rule, basis: r.basis, explanation: r.explanation as object,
        fundSplit: r.fundSplit as object[], policyId: policy.id, subsidyKey: r.subsidy > 0 ? `${p.id}|${localDate}|${slot}|0` : null,
      });
      if (rows.length === 5000) {
        await prisma.canteenMeal.createMany({ data: recordedLive(rows) as never });
        rows = [];
      }
    }
  }
  // Planted: a subsidised diner also subsidised at a second canteen in the same slot and day.
  const planted = [];
  for (let i = 0; i < PLANTED; i++) {
    const p = persons[i * 9]; // has extreme_poverty or minimum_living: always subsidised
    const localDate = addDays(first, i % days);
    planted.push({
      tenantId: tenant.id, canteenId: canteens[(i + 1) % canteens.length].id, personId: p.id, identifiedBy: 'id_number', localDate, slotCode: 'breakfast',
      servedAt: DateTime.fromISO(`${localDate}T07:30`, { zone }).toJSDate(), price: 300, subsidy: 300, payable: 0, rule: 'planted', basis: ['extreme_poverty'],
      explanation: {}, fundSplit: [], policyId: policy.id, subsidyKey: null,
    }, {
      tenantId: tenant.id, canteenId: canteens[(i + 2) % canteens.length].id, personId: p.id, identifiedBy: 'card', localDate, slotCode: 'breakfast',
      servedAt: DateTime.fromISO(`${localDate}T07:40`, { zone }).toJSDate(), price: 300, subsidy: 300, payable: 0, rule: 'planted', basis: ['extreme_poverty'],
      explanation: {}, fundSplit: [], policyId: policy.id, subsidyKey: null,
    });
  }
  await prisma.canteenMeal.createMany({ data: recordedLive([...rows, ...planted]) as never });
  const total = await db.canteenMeal.count();

  const [, readS] = await timed(() => db.canteenMeal.findMany({ where: { localDate: { gte: first, lte: last } }, select: { id: true, personId: true, subsidy: true } }));
  const [scan, scanS] = await timed(() => runAuditScan({ prisma }, caller, last));
  const [rescan, rescanS] = await timed(() => runAuditScan({ prisma }, caller, last));
  const [settled, settleS] = await timed(() => settleMonth({ prisma }, caller, month));

  console.log(`month ${month}: ${total} meals, ${canteenCount} canteens, ${dinerCount} diners, ${PLANTED} planted double subsidies`);
  console.log(['step', 'seconds', 'meals/s', '× plain read', 'result'].join('\t'));
  const row = (step: string, s: number, result: string) => console.log([step, s.toFixed(2), Math.round(total / s), (s / readS).toFixed(1), result].join('\t'));
  row('plain read of the month (reference)', readS, '');
  row('audit scan', scanS, `${scan.findings} findings (${JSON.stringify(scan.byKind)}), ${scan.newFindings} new`);
  row('audit re-scan', rescanS, `${rescan.findings} findings, ${rescan.newFindings} new`);
  row(`settlement of ${settled.length} canteens`, settleS, `${settled.reduce((a, s) => a + s.totals.meals, 0)} meals settled`);
} finally {
  await prisma.$disconnect();
  await database.drop();
}
