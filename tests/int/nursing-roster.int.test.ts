import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { aide, at, dayFromToday, hospital, patient, roster } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';
import { byKey, reportedUncovered, validateStoredRoster } from '../support/nursing/roster-validator.js';

let env: TestEnv;
let h: Hospital;
const D = dayFromToday(10);
const END = dayFromToday(16);
let wardA: any, wardB: any; // eslint-disable-line @typescript-eslint/no-explicit-any
const p: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
const aides: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
let firstRun: any; // eslint-disable-line @typescript-eslint/no-explicit-any

async function expectValid(from = D, to = END, run?: { result: { uncovered: { date: string; shiftCode: string; bookingIds: string[] }[] } }) {
  const check = await validateStoredRoster(env.deps.prisma, h.tenant.id, from, to);
  expect(check.violations).toEqual([]);
  if (run) expect(reportedUncovered(run.result).map(byKey).sort()).toEqual(check.uncovered.map(byKey).sort());
  return check;
}

beforeAll(async () => {
  env = await createTestEnv('nursing_roster');
  env.startWorkers();
  h = await hospital(env);
  wardA = await h.ok('post', '/nursing/wards', { name: '骨科一病区', department: '骨科', beds: ['01', '02', '03', '04', '05', '06', '07', '08'] });
  wardB = await h.ok('post', '/nursing/wards', { name: '神经内科', beds: ['01', '02', '03'] });
  aides.expired = await aide(h, { name: '过期证', certificateExpiry: dayFromToday(9), homeWardIds: [wardA.id] });
  for (let i = 0; i < 12; i++) aides[`f${i}`] = await aide(h, { name: `女护理员${i}`, gender: 'female', homeWardIds: [i < 9 ? wardA.id : wardB.id] });
  for (let i = 0; i < 4; i++) aides[`m${i}`] = await aide(h, { name: `男护理员${i}`, gender: 'male', homeWardIds: [wardA.id] });
  p.special = await patient(h, { wardId: wardA.id, bed: '01', barthel: 30 });
  p.l1a = await patient(h, { wardId: wardA.id, bed: '02', barthel: 50 });
  p.l1b = await patient(h, { wardId: wardA.id, bed: '03', barthel: 55 });
  p.l3a = await patient(h, { wardId: wardA.id, bed: '04', barthel: 90 });
  p.l3b = await patient(h, { wardId: wardA.id, bed: '05', barthel: 85 });
  p.l3c = await patient(h, { wardId: wardA.id, bed: '06', barthel: 95 });
  p.male = await patient(h, { wardId: wardA.id, bed: '07', barthel: 70, gender: 'male', genderPreference: 'male', genderRequired: true });
  p.noConsent = await patient(h, { wardId: wardA.id, bed: '08', barthel: 50, consent: false });
  p.b1 = await patient(h, { wardId: wardB.id, bed: '01', barthel: 75 });
  p.b2 = await patient(h, { wardId: wardB.id, bed: '02', barthel: 65 });
  firstRun = await roster(h, D, END);
}, 120_000);
afterAll(() => env?.close());

describe('roster.plan', () => {
  it('when a week is rostered, then every consented booking is covered in every shift and the stored roster passes the independent validator', async () => {
    expect(firstRun.progress).toBe(100);
    expect(firstRun.result.uncovered).toEqual([]);
    expect(firstRun.result.needs).toBe(14 * 9);
    expect(firstRun.result.covered).toBe(14 * 9);
    expect(firstRun.result.diff).toMatchObject({ before: 0, kept: 0, changed: 0, added: 14 * 9 });
    const check = await expectValid(D, END, firstRun);
    expect(check.checkedAssignments).toBe(14 * 9);
  });

  it('when a booking has no consent, then no aide is ever assigned to it', async () => {
    const rows = await h.ok('get', `/nursing/assignments?from=${D}&to=${END}&bookingId=${p.noConsent.id}`);
    expect(rows.items).toEqual([]);
  });

  it('when an aide’s certificate has expired, then that aide is never assigned', async () => {
    const rows = await h.ok('get', `/nursing/assignments?from=${D}&to=${END}&aideId=${aides.expired.id}`);
    expect(rows.items).toEqual([]);
  });

  it('when a patient is 1:1 (special), then their aide has no other patient in that shift', async () => {
    const all = (await h.ok('get', `/nursing/assignments?from=${D}&to=${END}`)).items as { date: string; shiftCode: string; aideId: string; bookingId: string }[];
    const special = all.filter((a) => a.bookingId === p.special.id);
    expect(special).toHaveLength(14);
    for (const s of special) {
      const sameAide = all.filter((a) => a.date === s.date && a.shiftCode === s.shiftCode && a.aideId === s.aideId);
      expect(sameAide.map((a) => a.bookingId)).toEqual([p.special.id]);
    }
  });

  it('when a patient requires a male aide, then only male aides care for them', async () => {
    const rows = (await h.ok('get', `/nursing/assignments?from=${D}&to=${END}&bookingId=${p.male.id}`)).items as { aideId: string }[];
    const males = new Set([0, 1, 2, 3].map((i) => aides[`m${i}`].id));
    expect(rows).toHaveLength(14);
    expect(rows.every((r) => males.has(r.aideId))).toBe(true);
  });

  it('when a patient is discharged mid-week and the week is re-rostered, then their later shifts go and almost nothing else changes', async () => {
    const dischargeDay = dayFromToday(12);
    const out = await h.ok('post', `/nursing/admissions/${p.l1a.admissionId}/discharge`, { dischargedAt: at(dischargeDay, '10:00') });
    // Shifts starting after 10:00 on the discharge day: its night, then 4 more days × 2.
    expect(out.removedAssignments).toBe(1 + 4 * 2);
    const run = await roster(h, D, END);
    const diff = run.result.diff;
    expect(diff.removed).toBe(0);
    expect(diff.before).toBe(14 * 9 - 9);
    expect(diff.kept).toBeGreaterThanOrEqual(Math.floor(diff.before * 0.9));
    expect(diff.changed).toBeLessThanOrEqual(Math.ceil(diff.before * 0.1));
    await expectValid(D, END, run);
  });

  it('when an aide goes on sick leave, then their shifts on that day are removed and a re-roster covers them with few changes', async () => {
    const sickDay = dayFromToday(14);
    const busy = (await h.ok('get', `/nursing/assignments?from=${sickDay}&to=${sickDay}`)).items as { aideId: string }[];
    const sick = busy[0].aideId;
    const leave = await h.ok('post', `/nursing/aides/${sick}/leave`, { dates: [sickDay], reason: '病假' });
    expect(leave.removedAssignments).toBeGreaterThan(0);
    const cov = await h.ok('get', `/nursing/coverage?from=${sickDay}&to=${sickDay}`);
    expect(cov.covered).toBeLessThan(cov.needs);
    const run = await roster(h, D, END);
    expect(run.result.uncovered).toEqual([]);
    expect(run.result.diff.removed).toBe(0);
    expect(run.result.diff.changed).toBeLessThanOrEqual(Math.ceil(run.result.diff.before * 0.1));
    const after = (await h.ok('get', `/nursing/assignments?from=${sickDay}&to=${sickDay}&aideId=${sick}`)).items;
    expect(after).toEqual([]);
    await expectValid(D, END, run);
  });
});

describe('lists a hospital outgrows', () => {
  it('when assignments and admissions are listed a page at a time, then following nextCursor gives every row once, in order', async () => {
    const whole = (await h.ok('get', `/nursing/assignments?from=${D}&to=${END}&limit=5000`));
    expect(whole.nextCursor).toBeNull();
    const paged: { id: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: { items: { id: string }[]; nextCursor: string | null } = await h.ok('get', `/nursing/assignments?from=${D}&to=${END}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.items.length).toBeLessThanOrEqual(7);
      paged.push(...res.items);
      cursor = res.nextCursor;
    } while (cursor);
    expect(paged.map((a) => a.id)).toEqual(whole.items.map((a: { id: string }) => a.id));
    expect(whole.items.length).toBeGreaterThan(7);

    const admitted = await h.ok('get', '/nursing/admissions?limit=4');
    expect(admitted.items).toHaveLength(4);
    const rest = await h.ok('get', `/nursing/admissions?limit=500&cursor=${admitted.nextCursor}`);
    const all = await h.ok('get', '/nursing/admissions?limit=500');
    expect([...admitted.items, ...rest.items].map((a: { id: string }) => a.id)).toEqual(all.items.map((a: { id: string }) => a.id));
    expect((await h.call('get', '/nursing/admissions?limit=501')).body.errors[0].path).toBe('query.limit');
  });
});

describe('roster.plan: skills, certificates and uncoverable needs', () => {
  it('when only one skilled aide holds a valid certificate, then they cover what rest allows and the rest is listed with reasons', async () => {
    await h.ok('put', '/nursing/care-levels/icu', { name: '重症', patientsPerAide: 1, dailyFee: 20000, requiredSkill: 'ventilator' });
    const wardC = await h.ok('post', '/nursing/wards', { name: 'ICU', beds: ['1'] });
    const to = dayFromToday(13);
    const expiring = await aide(h, { name: '呼吸机甲', skills: ['ventilator'], certificateExpiry: dayFromToday(12), homeWardIds: [wardC.id] });
    const lapsed = await aide(h, { name: '呼吸机乙', skills: ['ventilator'], certificateExpiry: dayFromToday(3), homeWardIds: [wardC.id] });
    const icu = await patient(h, { wardId: wardC.id, bed: '1', barthel: 10, levelCode: 'icu', overrideReason: '呼吸机依赖' });
    const before = (await h.ok('get', `/nursing/assignments?from=${D}&to=${END}`)).items.length;
    const run = await roster(h, D, to, [wardC.id]);
    expect(run.result.diff.before).toBe(0);
    const rows = (await h.ok('get', `/nursing/assignments?from=${D}&to=${to}&bookingId=${icu.id}`)).items as { aideId: string; date: string }[];
    // One aide, 11 h rest: at most one 12 h shift a day, and none after the certificate expires.
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.aideId === expiring.id && r.date <= dayFromToday(12))).toBe(true);
    expect(rows.some((r) => r.aideId === lapsed.id)).toBe(false);
    expect(run.result.covered + reportedUncovered(run.result).length).toBe(run.result.needs);
    const lastDay = run.result.uncovered.filter((g: { date: string }) => g.date === to);
    expect(lastDay.map((g: { shiftCode: string }) => g.shiftCode).sort()).toEqual(['day', 'night']);
    // In the hospital's language (zh-CN), with the ward, shift and care-level names.
    expect(lastDay.map((g: { reason: string }) => g.reason).sort()).toEqual([
      `${to} 夜班，ICU：1 名重症患者还需 1 名护理员（没有具备所需技能的空闲护理员）`,
      `${to} 白班，ICU：1 名重症患者还需 1 名护理员（没有具备所需技能的空闲护理员）`,
    ].sort());
    // The other wards' roster is untouched by a run scoped to ward ICU.
    expect((await h.ok('get', `/nursing/assignments?from=${D}&to=${END}`)).items.length).toBe(before + rows.length);
    await expectValid(D, to, undefined);
    const job = await env.deps.queues.get('roster.plan').getJob(`roster.${run.id}`);
    expect(job?.progress).toBe(100);
  });

  it('when the range is too long or ends before it starts, then 400', async () => {
    expect((await h.call('post', '/nursing/rosters', { fromDate: D, toDate: dayFromToday(60) })).status).toBe(400);
    expect((await h.call('post', '/nursing/rosters', { fromDate: END, toDate: D })).status).toBe(400);
  });
});

describe('roster.plan: new admissions and shifts already under way', () => {
  it('when a patient is admitted mid-week and the week is re-rostered, then they are covered and existing assignments stay', async () => {
    const newcomer = await patient(h, { wardId: wardB.id, bed: '03', barthel: 88 });
    const run = await roster(h, D, END);
    // Only the ICU patient of the previous test (one skilled aide) stays short.
    expect(run.result.uncovered.filter((u: { wardId: string }) => u.wardId === wardA.id || u.wardId === wardB.id)).toEqual([]);
    const rows = (await h.ok('get', `/nursing/assignments?from=${D}&to=${END}&bookingId=${newcomer.id}`)).items;
    expect(rows).toHaveLength(14);
    expect(run.result.diff).toMatchObject({ removed: 0, added: 14 });
    expect(run.result.diff.changed).toBeLessThanOrEqual(Math.ceil(run.result.diff.before * 0.1));
    await expectValid(D, END, run);
  });

  it('when the range includes shifts that have started, then they are frozen and keep their aide', async () => {
    const yesterday = dayFromToday(-1);
    const tomorrow = dayFromToday(1);
    const earlier = at(dayFromToday(-3), '09:00');
    const stay = await patient(h, { wardId: wardB.id, barthel: 90, admittedAt: earlier, signedAt: earlier });
    const worker = aides.f11;
    await h.ok('post', '/nursing/assignments', { date: yesterday, shiftCode: 'day', bookingId: stay.id, aideId: worker.id });
    const run = await roster(h, yesterday, tomorrow, [wardB.id]);
    expect(run.result.frozenShifts).toBeGreaterThanOrEqual(2);
    const kept = (await h.ok('get', `/nursing/assignments?from=${yesterday}&to=${yesterday}&bookingId=${stay.id}`)).items;
    expect(kept.map((a: { shiftCode: string; aideId: string }) => [a.shiftCode, a.aideId])).toEqual([['day', worker.id]]);
    expect(reportedUncovered(run.result).filter((u) => u.date === tomorrow)).toEqual([]);
    expect((await validateStoredRoster(env.deps.prisma, h.tenant.id, yesterday, tomorrow)).violations).toEqual([]);
  });
});
