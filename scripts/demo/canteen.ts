// Demo step of the canteen domain: a community canteen with the cashier bound and the default
// policy, yesterday's ~60 meals from the demo residents with their breakdowns, and the night's audit
// scan (planted anomalies so findings show: a double subsidy, a meal after death, slot hopping, a back-dated lunch).
import { randomUUID } from 'node:crypto';
import { addDays, instantAt, today } from '../../src/time/index.js';
import { makeIdNumber } from '../../src/people/id-card.js';
import type { DemoContext } from './context.js';
import type { DemoStep } from './steps.js';

const yuan = (fen: number) => (fen / 100).toFixed(2);
const LEDGER = { reason: '演示：补录昨日台账' };

interface Receipt {
  id: string;
  slot: string;
  price: number;
  subsidy: number;
  payable: number;
  message: string;
  diner: { name: string } | null;
}

/** POST with an Idempotency-Key (checkout requires one). */
async function post(ctx: DemoContext, path: string, token: string, body: unknown): Promise<Receipt> {
  const res = await fetch(`${ctx.baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify(body),
  });
  const data = (await res.json()) as Receipt;
  if (!res.ok) throw new Error(`POST ${path} → ${res.status}: ${JSON.stringify(data)}`);
  return data;
}

export const canteenDemoStep: DemoStep = {
  title: 'Community canteen (社区长者食堂): checkout, breakdowns, audit',
  async run(ctx) {
    const { api, log } = ctx;
    const admin = ctx.tokens.admin;
    const cashier = ctx.users.cashier;
    const day = addDays(today(ctx.timeZone), -1);
    const at = (time: string) => instantAt(day, time, ctx.timeZone).toISOString();

    const canteen = await api('post', '/canteens', admin, { name: '芦溪镇社区长者食堂', address: '芦溪镇正街18号', prices: { breakfast: 300, lunch: 1000, dinner: 800 } });
    const village = await api('post', '/canteens', admin, { name: '山田村互助食堂', prices: { lunch: 900 } });
    await api('post', `/canteens/${canteen.id}/operators`, admin, { userId: cashier.id });
    const [policy] = (await api('get', '/subsidy-policies', admin)).items;
    log(`Canteen ${canteen.name}: breakfast ${yuan(300)}, lunch ${yuan(1000)}, dinner ${yuan(800)} yuan; cashier bound.`);
    log(`Policy v${policy.version} "${policy.name}" in force from ${policy.effectiveFrom}: 60–69 1元 · 70–79 2元 · 80–89 3元 · 90+ free · 特困/重度残疾 free · 低保/计生特殊家庭 3元; best benefit; 1/slot/day, 62/month; funds district 50% / city 50%.`);

    // Yesterday at the counter: 45 lunches and 15 dinners, mostly by canteen card, some by ID card.
    const people = await Promise.all(ctx.personIds.slice(0, 60).map((id) => api('get', `/people/${id}`, admin)));
    const receipts: Receipt[] = [];
    for (const [i, p] of people.entries()) {
      const slot = i < 45 ? 'lunch' : 'dinner';
      const diner = i % 7 === 0 ? { idNumber: p.idNumber } : { cardNumber: p.cardNumber };
      const minute = String(i % 45).padStart(2, '0');
      receipts.push(await post(ctx, `/canteens/${canteen.id}/meals`, admin, { ...diner, slot, servedAt: at(slot === 'lunch' ? `11:${minute}` : `17:${minute}`), override: LEDGER }));
    }
    // A visitor from another county (full price), and a widow registered last month who ate lunch.
    receipts.push(await post(ctx, `/canteens/${canteen.id}/meals`, admin, { idNumber: makeIdNumber('360102', '1948-03-12', 217), slot: 'lunch', servedAt: at('12:10'), override: LEDGER }));
    const widow = await api('post', '/people', admin, { name: '刘桂兰', gender: 'female', birthDate: '1941-09-09', idNumber: makeIdNumber('360323', '1941-09-09', 88), cardNumber: 'PX-DEMO-88' });
    receipts.push(await post(ctx, `/canteens/${canteen.id}/meals`, admin, { cardNumber: 'PX-DEMO-88', slot: 'lunch', servedAt: at('12:15'), override: LEDGER }));
    // The demo stands in for yesterday's till: a meal recorded after the fact needs a manager's
    // override (SPEC §5), so the demo records them that way and then stamps them as recorded live,
    // as the till would have — otherwise every one of them is a back-dated meal for the audit.
    const ids = receipts.map((r) => r.id);
    await ctx.deps.prisma.$executeRaw`UPDATE "CanteenMeal" SET "recordedAt" = "servedAt", "overrideKinds" = '{}', "overrideReason" = NULL, "overrideBy" = NULL
      WHERE id = ANY(${ids}::uuid[])`;

    log(`\nSample receipts (${day}):`);
    for (const r of receipts.filter((_, i) => [0, 3, 7, 21, 50].includes(i)).concat(receipts.slice(-2, -1))) {
      log(`  ${(r.diner?.name ?? '外地访客').padEnd(4, '　')} ${r.slot.padEnd(6)} 价 ${yuan(r.price)}  补 ${yuan(r.subsidy)}  付 ${yuan(r.payable)}  ${r.message}`);
    }

    const s = await api('get', `/canteens/${canteen.id}/summary?from=${day}`, cashier.token);
    log(`\nDay breakdown: ${s.meals} meals, full price ${yuan(s.fullPriceRevenue)} yuan, paid by diners ${yuan(s.paidByDiners)}, subsidy ${yuan(s.subsidy)} (${s.subsidisedMeals} subsidised meals)`);
    log('  by rule:     ' + Object.entries(s.byRule).map(([k, v]: [string, any]) => `${k} ${v.meals}×/${yuan(v.subsidy)}`).join(' · ')); // eslint-disable-line @typescript-eslint/no-explicit-any
    log('  by fund:     ' + Object.entries(s.subsidyByFund).map(([k, v]) => `${k} ${yuan(v as number)}`).join(' · '));
    log('  by age tier: ' + Object.entries(s.byAgeTier).map(([k, v]: [string, any]) => `${k} ${v.meals}×/${yuan(v.subsidy)}`).join(' · ')); // eslint-disable-line @typescript-eslint/no-explicit-any
    log('  by status:   ' + Object.entries(s.byStatus).map(([k, v]: [string, any]) => `${k} ${v.meals}×/${yuan(v.subsidy)}`).join(' · ')); // eslint-disable-line @typescript-eslint/no-explicit-any

    // Two anomalies for the night's audit: an offline till at the village canteen recorded a second
    // subsidised lunch for a diner, and the widow's death on that day is registered afterwards.
    const first = receipts.find((r) => r.subsidy > 0 && r.slot === 'lunch' && r.diner);
    const original = await ctx.deps.prisma.canteenMeal.findUniqueOrThrow({ where: { id: first!.id } });
    await ctx.deps.prisma.canteenMeal.create({
      data: { ...original, id: undefined, createdAt: undefined, canteenId: village.id, price: 900, payable: 900 - original.subsidy, subsidyKey: null, servedAt: new Date(at('12:40')), explanation: original.explanation as object, fundSplit: original.fundSplit as object },
    });
    await api('patch', `/people/${widow.id}`, admin, { deathDate: day });
    // And the two leaks issue 16 found at a counter: a diner checked out again as "dinner" a minute
    // after lunch (slot hopping), and a lunch of two days ago typed in today with a manager's override.
    const hop = receipts.find((r) => r.subsidy > 0 && r.slot === 'lunch' && r.diner && r.id !== first!.id)!;
    const lunch = await ctx.deps.prisma.canteenMeal.findUniqueOrThrow({ where: { id: hop.id } });
    const minuteLater = new Date(lunch.servedAt.getTime() + 60_000);
    await ctx.deps.prisma.canteenMeal.create({
      data: { ...lunch, id: undefined, createdAt: undefined, slotCode: 'dinner', price: 800, payable: 800 - lunch.subsidy, subsidyKey: null, servedAt: minuteLater, recordedAt: minuteLater, explanation: lunch.explanation as object, fundSplit: lunch.fundSplit as object },
    });
    await post(ctx, `/canteens/${canteen.id}/meals`, admin, { cardNumber: people[50].cardNumber, slot: 'lunch', servedAt: instantAt(addDays(day, -1), '12:00', ctx.timeZone).toISOString(), override: { reason: '停电后补录纸质台账' } });

    const scan = await api('post', '/audit/scans', ctx.tokens.auditor, { date: day });
    log(`\nAudit scan ${scan.from} → ${scan.to}: ${scan.meals} meals looked at, ${scan.findings} finding(s); sources: ${scan.sources.map((x: { name: string; status: string }) => `${x.name} ${x.status}`).join(', ')}`);
    const findings = await api('get', '/audit/findings', ctx.tokens.auditor);
    for (const f of findings.items) {
      log(`  [${f.severity}] ${f.kind} — ${f.person?.name ?? f.canteenName} ${f.localDate}: ${JSON.stringify(f.evidence)}`);
    }
    log(`CSV: GET /audit/findings.csv · settlement: POST /settlements {"month": "YYYY-MM"} after the month ends (auditor).`);
  },
};
