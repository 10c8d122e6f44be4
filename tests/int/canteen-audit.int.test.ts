import { randomUUID } from 'node:crypto';
/**
 * The seeded fraud scenario: October 2026 in a township with two canteens — a realistic month of
 * clean meals checked out through the API (including diners who reach the monthly cap, a status
 * that ends properly mid-month, a non-local diner, home deliveries and a hospital stay on other
 * days) — and exactly one planted anomaly of each kind. The audit must find each planted anomaly
 * and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { datesBetween, instantAt, weekdayOf } from '../../src/time/index.js';
import { DEFAULT_POLICY_RULES } from '../../src/subsidy/index.js';
import { bindOperator, createCanteen, createPerson, recordLate, servedAt, stampRecordedLive, stopListening, strangerIdNumber } from '../support/canteen/api-support.js';
import { plantHomeDeliveries, plantHospitalStay } from '../support/canteen/other-domains.js';

const ZONE = 'Asia/Shanghai';
const SLOT_ORDER = ['lunch', 'dinner'];
const WEEKDAYS = datesBetween('2026-10-01', '2026-10-31').filter((d) => weekdayOf(d) <= 5);
let env: TestEnv;
let t: TestTenant;
let A: string;
let B: string;
let cashA: { id: string; token: string };
let cashB: { id: string; token: string };
let auditor: { id: string; token: string };
const who: Record<string, { id: string; idNumber: string }> = {};
let expectedKeys: string[];

interface Plan { personId: string; canteen: 'A' | 'B'; slot: 'lunch' | 'dinner'; on: (date: string, w: number) => boolean }

beforeAll(async () => {
  env = await createTestEnv('canteen_audit');
  t = await env.tenant({ timeZone: ZONE, locale: 'zh-CN' });
  const rules = structuredClone(DEFAULT_POLICY_RULES) as { caps: { perMonth: number } };
  rules.caps.perMonth = 20; // one subsidised meal per working day, roughly
  const policy = await env.request.post('/subsidy-policies').set(bearer(t.adminToken)).send({ name: '2026 township policy', effectiveFrom: '2026-01-01', rules });
  expect(policy.status).toBe(201);
  cashA = await t.user(['canteen_operator']);
  cashB = await t.user(['canteen_operator']);
  auditor = await t.user(['auditor']);
  A = await createCanteen(env, t, '芦溪镇中心食堂', { lunch: 1000, dinner: 800 });
  B = await createCanteen(env, t, '山田村食堂', { lunch: 900 });
  await bindOperator(env, t, A, cashA.id);
  await bindOperator(env, t, B, cashB.id);

  const plans: Plan[] = [];
  // 10 regular lunch diners at A (about 4 days in 5), 3 of them also dine on Tuesdays and Thursdays.
  const births = ['1931-04-02', '1936-07-19', '1941-01-30', '1944-11-11', '1947-03-08', '1949-09-09', '1952-02-14', '1954-06-30',
    '1956-12-01', '1958-05-20'];
  for (const [i, birthDate] of births.entries()) {
    const extra =
      i === 2 ? { statuses: [{ code: 'extreme_poverty', validFrom: '2020-01-01' }] }
      : i === 5 ? { statuses: [{ code: 'minimum_living', validFrom: '2021-01-01' }] }
      : i === 8 ? { statuses: [{ code: 'special_family', validFrom: '2019-01-01', validTo: '2026-10-15' }] }
      : i === 9 ? { localHukou: false }
      : i === 7 ? { deathDate: '2026-11-02' }
      : {};
    const p = await createPerson(env, t, { birthDate, ...extra });
    who[`reg${i}`] = p;
    plans.push({ personId: p.id, canteen: 'A', slot: 'lunch', on: (_d, w) => (w + i) % 5 !== 0 });
    if (i < 3) plans.push({ personId: p.id, canteen: 'A', slot: 'dinner', on: (d) => [2, 4].includes(weekdayOf(d)) });
  }
  for (let i = 0; i < 5; i++) {
    const p = await createPerson(env, t, { birthDate: `19${45 + i}-0${i + 1}-15` });
    who[`village${i}`] = p;
    plans.push({ personId: p.id, canteen: 'B', slot: 'lunch', on: () => true }); // 22 lunches: the last 2 pay full price
  }
  const monWedFri = (d: string) => [1, 3, 5].includes(weekdayOf(d));
  const tueThu = (d: string) => [2, 4].includes(weekdayOf(d));
  who.double = await createPerson(env, t, { name: '双补贴', birthDate: '1948-04-04' });
  who.inpatient = await createPerson(env, t, { name: '住院', birthDate: '1943-05-05' });
  who.home = await createPerson(env, t, { name: '送餐', birthDate: '1955-06-06' });
  who.dead = await createPerson(env, t, { name: '身故', birthDate: '1938-07-07' });
  who.status = await createPerson(env, t, { name: '低保到期', birthDate: '1963-08-08', statuses: [{ code: 'minimum_living', validFrom: '2024-01-01' }] });
  who.cap = await createPerson(env, t, { name: '超上限', birthDate: '1950-09-09' });
  who.missed = await createPerson(env, t, { name: '漏发', birthDate: '1945-10-10' });
  for (const k of ['double', 'inpatient', 'dead', 'status']) plans.push({ personId: who[k].id, canteen: 'A', slot: 'lunch', on: monWedFri });
  for (const k of ['home', 'missed']) plans.push({ personId: who[k].id, canteen: 'A', slot: 'lunch', on: tueThu });
  plans.push({ personId: who.cap.id, canteen: 'A', slot: 'lunch', on: () => true });

  // Each diner's meals are checked out in serving order (their caps depend on it); diners in parallel.
  // October is past: a manager records the ledger, then the meals are stamped as recorded live (an
  // online till), so that only the planted anomalies below are anomalies.
  const canteen = { A, B };
  const recorded: string[] = [];
  const diners = [...new Set(plans.map((p) => p.personId))];
  await Promise.all(diners.map(async (personId) => {
    for (const [w, day] of WEEKDAYS.entries()) {
      for (const p of plans.filter((x) => x.personId === personId && x.on(day, w)).sort((a, b) => SLOT_ORDER.indexOf(a.slot) - SLOT_ORDER.indexOf(b.slot))) {
        const res = await recordLate(env, t, canteen[p.canteen], { personId, slot: p.slot, servedAt: servedAt(day, p.slot === 'lunch' ? '11:40' : '17:40', ZONE) });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        recorded.push(res.body.id);
      }
    }
  }));
  // A busy Wednesday at the village canteen: 12 walk-in diners from elsewhere (full price) — a volume spike.
  for (let i = 0; i < 12; i++) {
    const res = await recordLate(env, t, B, { idNumber: strangerIdNumber(`19${50 + i}-03-03`), slot: 'lunch', servedAt: servedAt('2026-10-28', '12:05', ZONE) });
    expect(res.status).toBe(201);
    recorded.push(res.body.id);
  }
  await stampRecordedLive(env, recorded);
  await plantAnomalies();
  // Issue 16: a lunch typed in weeks later (with a manager's override), and a diner checked out for
  // lunch and "dinner" within two minutes (stamped as recorded live: only the hop is wrong).
  who.late = await createPerson(env, t, { name: '补录', birthDate: '1949-11-11' });
  const late = await recordLate(env, t, A, { personId: who.late.id, slot: 'lunch', servedAt: servedAt('2026-10-08', '11:50', ZONE) });
  expect(late.body.override?.kinds).toContain('late_record');
  who.hopper = await createPerson(env, t, { name: '串餐', birthDate: '1947-12-12' });
  const hops = [];
  for (const [slot, time] of [['lunch', '11:40'], ['dinner', '11:42']]) {
    const res = await recordLate(env, t, A, { personId: who.hopper.id, slot, servedAt: servedAt('2026-10-09', time, ZONE) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    hops.push(res.body.id);
  }
  await stampRecordedLive(env, hops);
  expectedKeys = [
    `back_dated|${who.late.id}|2026-10-08|lunch`,
    `slot_hopping|${who.hopper.id}|2026-10-09|${hops[0]}`,
    `double_subsidy|${who.double.id}|2026-10-14|lunch`,
    `subsidy_while_inpatient|${who.inpatient.id}|2026-10-21|lunch`,
    `subsidy_with_home_delivery|${who.home.id}|2026-10-29|lunch`,
    `subsidy_after_death|${who.dead.id}|2026-10-30|lunch`,
    `status_outside_validity|${who.status.id}|2026-10-30|lunch`,
    `over_monthly_cap|${who.cap.id}|2026-10`,
    `volume_spike|${B}|2026-10-28`,
    `missed_benefit|${who.missed.id}|2026-10-15|lunch`,
  ].sort();
}, 120_000);
afterAll(async () => {
  await stopListening(env);
  await env?.close();
});

const meal = (personId: string, localDate: string) =>
  env.deps.prisma.canteenMeal.findFirstOrThrow({ where: { tenantId: t.id, personId, localDate, slotCode: 'lunch' } });

/** One anomaly of each kind, the way each happens in real life. */
async function plantAnomalies() {
  const db = env.deps.prisma;
  // A second subsidised lunch the same day at the other canteen, entered by an offline till that bypassed the check.
  const original = await meal(who.double.id, '2026-10-14');
  await db.canteenMeal.create({
    data: { ...original, id: undefined, canteenId: B, price: 900, payable: 700, subsidyKey: null, servedAt: instantAt('2026-10-14', '12:20', ZONE), createdAt: undefined, explanation: original.explanation as object, fundSplit: original.fundSplit as object },
  });
  // Lunch eaten on the card while its holder was in hospital (20 → 22 Oct; only the 21st lies strictly inside).
  await plantHospitalStay(db, t.id, who.inpatient.id, instantAt('2026-10-20', '09:00', ZONE), instantAt('2026-10-22', '16:00', ZONE));
  await plantHospitalStay(db, t.id, who.reg3.id, instantAt('2026-10-03', '09:00', ZONE), instantAt('2026-10-04', '18:00', ZONE)); // a weekend: clean
  // Home lunches on the days they do not eat at the canteen, one dinner, a not-home stop — and one lunch delivered on a canteen day.
  await plantHomeDeliveries(db, t.id, who.home.id, [
    ...WEEKDAYS.filter((d) => [1, 3, 5].includes(weekdayOf(d))).map((d) => ({ date: d, slot: 'lunch', outcome: 'delivered' as const })),
    { date: '2026-10-27', slot: 'dinner', outcome: 'delivered' },
    { date: '2026-10-20', slot: 'lunch', outcome: 'not_home' },
    { date: '2026-10-29', slot: 'lunch', outcome: 'delivered' },
  ]);
  // The death is registered later: the last lunch was on the day of death.
  expect((await env.request.patch(`/people/${who.dead.id}`).set(bearer(t.adminToken)).send({ deathDate: '2026-10-30' })).status).toBe(200);
  // The minimum-living status was ended retroactively: the last lunch relied on it one day too late.
  const person = await env.request.get(`/people/${who.status.id}`).set(bearer(t.adminToken));
  const end = await env.request.post(`/people/${who.status.id}/statuses/${person.body.statuses[0].id}/end`).set(bearer(t.adminToken)).send({ validTo: '2026-10-29' });
  expect(end.status).toBe(200);
  // A till record edited by hand: the 22nd lunch shows a subsidy although the monthly cap of 20 was reached.
  const last = await meal(who.cap.id, '2026-10-30');
  expect(last.rule).toBe('cap_month');
  await db.canteenMeal.update({ where: { id: last.id }, data: { subsidy: 200, payable: 800, rule: 'age_tier_70_79', basis: ['age_tier_70_79'], fundSplit: [{ fund: 'district', amount: 100 }, { fund: 'city', amount: 100 }] } });
  // 漏发: a lunch charged full price (cashier fell back to cash) although the diner, 81, is entitled to 3 yuan.
  const missed = await meal(who.missed.id, '2026-10-15');
  await db.canteenMeal.update({ where: { id: missed.id }, data: { subsidy: 0, payable: 1000, rule: 'no_eligibility', basis: [], fundSplit: [], subsidyKey: null } });
}

async function findings(query: Record<string, string> = {}, token = auditor.token) {
  const res = await env.request.get('/audit/findings').query({ limit: '200', ...query }).set(bearer(token));
  expect(res.status).toBe(200);
  return res.body.items as { id: string; key: string; kind: string; status: string; mealIds: string[]; severity: string; evidence: Record<string, unknown>; lastSeenAt: string }[];
}

describe('audit scan of a seeded month', () => {
  it('when October is scanned, then every planted anomaly is found and nothing else is flagged', async () => {
    const res = await env.request.post('/audit/scans').set(bearer(auditor.token)).send({ date: '2026-10-31' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-10-01', to: '2026-10-31', findings: 10, newFindings: 10 });
    expect(res.body.meals).toBeGreaterThan(350);
    expect(res.body.byKind).toEqual({
      double_subsidy: 1, subsidy_while_inpatient: 1, subsidy_with_home_delivery: 1, subsidy_after_death: 1,
      status_outside_validity: 1, over_monthly_cap: 1, volume_spike: 1, missed_benefit: 1, back_dated: 1, slot_hopping: 1,
    });
    expect(res.body.sources).toEqual([
      { name: 'nursing.Admission', status: 'ok', rows: 2 },
      { name: 'delivery.RouteStop', status: 'ok', rows: 15 },
    ]);
    expect((await findings()).map((f) => f.key).sort()).toEqual(expectedKeys);
  });

  it('when findings are read, then each carries its person, canteen, meals and evidence', async () => {
    const [double] = await findings({ kind: 'double_subsidy' });
    expect(double).toMatchObject({ severity: 'high', status: 'open', canteenId: null, evidence: { count: 2, cap: 1, subsidy: 400, canteenIds: [A, B].sort() } });
    expect(double.mealIds).toHaveLength(2);
    const [cap] = await findings({ kind: 'over_monthly_cap' });
    expect(cap).toMatchObject({ person: { id: who.cap.id, name: '超上限' }, evidence: { month: '2026-10', cap: 20, subsidisedMeals: 21, excess: 1 } });
    const [spike] = await findings({ kind: 'volume_spike' });
    expect(spike).toMatchObject({ canteenId: B, canteenName: '山田村食堂', evidence: { count: 17, median: 5 } });
    const [missed] = await findings({ kind: 'missed_benefit' });
    expect(missed.evidence).toMatchObject({ charged: 1000, allowed: 700, difference: 300 });
    expect((await findings({ severity: 'high' })).map((f) => f.kind).sort()).toEqual(['double_subsidy', 'slot_hopping', 'status_outside_validity', 'subsidy_after_death']);
    const [late] = await findings({ kind: 'back_dated' });
    expect(late).toMatchObject({ severity: 'medium', person: { id: who.late.id }, localDate: '2026-10-08', evidence: { overrideReason: '补录纸质台账（测试）', toleranceMinutes: 120 } });
    expect(late.evidence.minutesLate).toBeGreaterThan(20 * 1440);
    const [hop] = await findings({ kind: 'slot_hopping' });
    expect(hop).toMatchObject({ person: { id: who.hopper.id }, canteenId: A, evidence: { slots: ['lunch', 'dinner'], minutesApart: 2 } });
    expect(await findings({ personId: who.dead.id })).toHaveLength(1);
    expect(await findings({ canteenId: B })).toHaveLength(1);
  });

  it('when a finding is acknowledged and the month re-scanned, then nothing is duplicated and the acknowledgement stays', async () => {
    const [dead] = await findings({ kind: 'subsidy_after_death' });
    const ack = await env.request.post(`/audit/findings/${dead.id}/acknowledge`).set(bearer(auditor.token)).send({ note: 'card withdrawn, family informed' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', ackBy: auditor.id, ackNote: 'card withdrawn, family informed' });
    expect((await env.request.post(`/audit/findings/${dead.id}/acknowledge`).set(bearer(auditor.token)).send({})).status).toBe(409);
    const zh = await env.request.post(`/audit/findings/${dead.id}/acknowledge`).set('Authorization', `Bearer ${auditor.token}`).send({});
    expect(zh.body.detail).toMatch(/^该问题已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 确认过。$/); // a zh-CN reader, in the tenant's time

    const again = await env.request.post('/audit/scans').set(bearer(auditor.token)).send({ date: '2026-10-31' });
    expect(again.body).toMatchObject({ findings: 10, newFindings: 0 });
    expect(await env.deps.prisma.auditFinding.count({ where: { tenantId: t.id } })).toBe(10);
    expect((await findings({ status: 'open' })).map((f) => f.kind)).not.toContain('subsidy_after_death');
    expect(await findings({ status: 'acknowledged' })).toHaveLength(1);
  });

  it('when the CSV export is fetched, then it has one line per finding with masked ID numbers', async () => {
    const res = await env.request.get('/audit/findings.csv').set({ Authorization: `Bearer ${auditor.token}` });
    expect(res.status).toBe(200);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    // zh-CN: Chinese headings, evidence in words and the amount in yuan (fen and the JSON kept for machines).
    expect(lines[0]).toBe('编号,问题类型,风险等级,状态,日期,人员编号,人员,身份证号,食堂编号,食堂,情况说明,涉及金额（元）,amount_fen,涉及餐次数,餐次编号,证据（机器可读）,处理时间,处理意见');
    expect(lines.find((l) => l.includes('错发漏发'))).toContain('实收 10.00 元，按政策应收 7.00 元，多收 3.00 元。,3.00,300,1,');
    expect(lines.find((l) => l.includes('事后补录'))).toMatch(/2026-10-08 11:50 就餐，.* 才录入，晚了 \d+ 天/);
    expect(lines).toHaveLength(11);
    expect(lines.find((l) => l.includes('超月度上限'))).toMatch(/超上限,3603\*{10}/);
  });

  it('when someone other than an auditor or admin asks, then 403; another tenant gets 404', async () => {
    expect((await env.request.get('/audit/findings').set(bearer(cashA.token))).status).toBe(403);
    expect((await env.request.post('/audit/scans').set(bearer(cashA.token)).send({})).status).toBe(403);
    const [any] = await findings();
    const other = await env.tenant();
    expect((await env.request.get(`/audit/findings/${any.id}`).set(bearer(other.adminToken))).status).toBe(404);
    const future = await env.request.post('/audit/scans').set(bearer(auditor.token)).send({ date: '2090-01-01' });
    expect(future.status).toBe(422);
  });

  it('when the nightly job scans, then it refreshes the same findings', async () => {
    const before = Math.max(...(await findings()).map((f) => Date.parse(f.lastSeenAt)));
    env.startWorkers();
    await env.deps.queues.add('audit.scan', { tenantId: t.id, date: '2026-10-31' }, { jobId: `audit-scan.${t.id}.2026-10-31` });
    await eventually(async () => (await findings()).every((f) => Date.parse(f.lastSeenAt) > before));
    expect((await findings()).map((f) => f.key).sort()).toEqual(expectedKeys);
  });

  it('when the missed benefit is paid back by an adjustment, then the next scan no longer reproduces it', async () => {
    const [missed] = await findings({ kind: 'missed_benefit' });
    const adj = await env.request.post(`/canteens/${A}/meals/${missed.mealIds[0]}/adjustments`).set(bearer(cashA.token)).set('Idempotency-Key', randomUUID())
      .send({ amount: 300, reason: '补发：81岁，应补3元' });
    expect(adj.status, JSON.stringify(adj.body)).toBe(201);
    const again = await env.request.post('/audit/scans').set(bearer(auditor.token)).send({ date: '2026-10-31' });
    expect(again.body.findings).toBe(9);
    expect(again.body.byKind.missed_benefit).toBeUndefined();
    const [stale] = await findings({ kind: 'missed_benefit' });
    const [fresh] = await findings({ kind: 'double_subsidy' });
    expect(Date.parse(stale.lastSeenAt)).toBeLessThan(Date.parse(fresh.lastSeenAt));
  });
});
