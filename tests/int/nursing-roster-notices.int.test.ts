// Roster changes told to the care aides through the notification outbox (issue 15 §4, issue 17 §4):
// after a re-roster around a sick aide, exactly the aides whose shifts changed have one message
// (in-app, plus SMS through a local fake Aliyun when they have a phone), with the dates, shifts,
// ward and beds; a retried notice and a second identical run send nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { aide, dayFromToday, hospital, patient, roster } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';
import { CREDS, startFakeProviders } from '../support/notify/fake-providers.js';
import type { FakeProviders } from '../support/notify/fake-providers.js';
import { tellAidesOfChanges } from '../../src/nursing/roster/roster-notices.js';

let env: TestEnv;
let h: Hospital;
let fake: FakeProviders;
let ward: { id: string };
const D1 = dayFromToday(10);
const D2 = dayFromToday(11);
const SHIFT_NAMES: Record<string, string> = { day: '白班', night: '夜班' };
interface Staff {
  aideId: string;
  userId: string;
  token: string;
  phone: string | null;
  name: string;
}
const staff: Staff[] = [];
const bedOf = new Map<string, string>();
type Row = { date: string; shiftCode: string; bookingId: string; aideId: string };

const rowsOf = async (): Promise<Row[]> => (await h.ok('get', `/nursing/assignments?from=${D1}&to=${D2}`)).items;
const key = (r: Row) => `${r.date}.${r.shiftCode}.${r.bookingId}`;
const messagesOf = (runId: string) =>
  env.deps.prisma.notifyMessage.findMany({
    where: { tenantId: h.tenant.id, refType: 'roster_run', refId: runId },
    orderBy: { id: 'asc' },
  });
/** The zh label the message uses for a shift: 12月8日白班. */
const label = (r: Row) => `${Number(r.date.slice(5, 7))}月${Number(r.date.slice(8))}日${SHIFT_NAMES[r.shiftCode]}`;

/** Per aide: the (shift, patient) pairs they lost and gained between two stored rosters. */
function changedByAide(before: Row[], after: Row[]) {
  const was = new Map(before.map((r) => [key(r), r]));
  const is = new Map(after.map((r) => [key(r), r]));
  const out = new Map<string, { lost: Row[]; gained: Row[] }>();
  const entry = (id: string) => out.get(id) ?? out.set(id, { lost: [], gained: [] }).get(id)!;
  for (const [k, r] of was) if (is.get(k)?.aideId !== r.aideId) entry(r.aideId).lost.push(r);
  for (const [k, r] of is) if (was.get(k)?.aideId !== r.aideId) entry(r.aideId).gained.push(r);
  return out;
}

beforeAll(async () => {
  fake = await startFakeProviders();
  Object.assign(process.env, { NOTIFY_R_ALIYUN_ID: CREDS.aliyunId, NOTIFY_R_ALIYUN_SECRET: CREDS.aliyunSecret });
  env = await createTestEnv('nursing_roster_notices');
  env.startWorkers();
  h = await hospital(env);
  const settings = await env.request
    .put('/notify/settings')
    .set(bearer(h.tenant.adminToken))
    .send({
      channels: {
        sms: {
          provider: 'aliyun',
          endpoint: `${fake.url}/aliyun/`,
          accessKeyIdRef: 'env:NOTIFY_R_ALIYUN_ID',
          accessKeySecretRef: 'env:NOTIFY_R_ALIYUN_SECRET',
          signName: '护理排班',
          templates: { rosterChanged: { id: 'SMS_ROSTER', params: ['name', 'gained', 'lost'] } },
        },
      },
    });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  ward = await h.ok('post', '/nursing/wards', { name: '骨科病区', beds: ['01', '02', '03', '04'] });
  // Five aides with sign-ins; the last has no phone (in-app only). Phones end in 01: the fake accepts them.
  for (let i = 0; i < 5; i++) {
    const user = await h.tenant.user(['care_aide'], `aide${i}`);
    const phone = i < 4 ? `1380000${i}001` : null;
    if (phone)
      expect(
        (await env.request.patch(`/users/${user.id}`).set(bearer(h.tenant.adminToken)).send({ phone })).status,
      ).toBe(200);
    const a = await aide(h, { name: `护理员${i}`, userId: user.id, homeWardIds: [ward.id] });
    staff.push({ aideId: a.id, userId: user.id, token: user.token, phone, name: `护理员${i}` });
  }
  for (const bed of ['01', '02', '03', '04'])
    bedOf.set((await patient(h, { wardId: ward.id, bed, barthel: 50 })).id, bed);
}, 120_000);
afterAll(async () => {
  await env?.close();
  await fake?.close();
});

describe('roster changes told to the care aides', () => {
  let firstRun: { id: string };
  let rerun: { id: string; result: unknown };
  let changed: Map<string, { lost: Row[]; gained: Row[] }>;
  let sick: Staff;

  it('when a first roster is made, then every aide with shifts gets one in-app message and one SMS (if they have a phone)', async () => {
    firstRun = await roster(h, D1, D2);
    const rows = await rowsOf();
    expect(rows.length).toBe(4 * 4);
    const onDuty = new Set(rows.map((r) => r.aideId));
    const msgs = await messagesOf(firstRun.id);
    for (const s of staff) {
      const mine = msgs.filter((m) => m.recipient === `user:${s.userId}` || m.recipient === s.phone);
      expect(mine.map((m) => m.channel).sort(), s.name).toEqual(
        onDuty.has(s.aideId) ? (s.phone ? ['in_app', 'sms'] : ['in_app']) : [],
      );
    }
  }, 90_000);

  it('when an aide goes on sick leave and the days are re-rostered, then only the aides whose shifts changed are told, with dates, shifts, ward and beds', async () => {
    const before = await rowsOf();
    sick = staff.find((s) => before.some((r) => r.aideId === s.aideId && r.date === D2 && s.phone))!;
    expect(sick).toBeDefined();
    expect(
      (await h.ok('post', `/nursing/aides/${sick.aideId}/leave`, { dates: [D2], reason: '病假' })).removedAssignments,
    ).toBeGreaterThan(0);
    rerun = await roster(h, D1, D2);
    changed = changedByAide(before, await rowsOf());
    expect(changed.has(sick.aideId)).toBe(true);
    expect(changed.size).toBeLessThan(staff.length + 1);

    const msgs = await messagesOf(rerun.id);
    const toldUsers = new Set(msgs.filter((m) => m.channel === 'in_app').map((m) => m.recipient));
    expect([...toldUsers].sort()).toEqual(
      staff
        .filter((s) => changed.has(s.aideId))
        .map((s) => `user:${s.userId}`)
        .sort(),
    );
    for (const s of staff.filter((x) => changed.has(x.aideId))) {
      expect(msgs.filter((m) => m.recipient === s.phone).length, s.name).toBe(s.phone ? 1 : 0);
      // What the aide reads in the inbox, in their language.
      const inbox = await h.ok('get', '/notify/inbox', undefined, s.token);
      const text: string = inbox.items.find((i: { refId: string }) => i.refId === rerun.id).text;
      expect(text).toContain(`【护理排班】${s.name}，您的班次有调整。`);
      const [gained, lost] = [
        text.split('新增：')[1].split('。取消：')[0],
        text.split('。取消：')[1].split('。详情')[0],
      ];
      const c = changed.get(s.aideId)!;
      for (const r of c.gained.slice(0, 4)) expect(gained).toContain(label(r));
      for (const r of c.lost.slice(0, 4)) expect(lost).toContain(label(r));
      if (c.gained.length) expect(gained).toContain('骨科病区');
      else expect(gained).toBe('无');
      if (!c.lost.length) expect(lost).toBe('无');
      for (const r of c.lost.filter((x) => x.date === c.lost[0].date && x.shiftCode === c.lost[0].shiftCode))
        expect(lost).toContain(`${bedOf.get(r.bookingId)}床`);
    }
    // The sick aide's message lists the shifts taken off them on the sick day.
    const sickText = (await h.ok('get', '/notify/inbox', undefined, sick.token)).items.find(
      (i: { refId: string }) => i.refId === rerun.id,
    ).text as string;
    expect(sickText.split('。取消：')[1]).toContain(`${Number(D2.slice(5, 7))}月${Number(D2.slice(8))}日`);
    // Unaffected aides: nothing about this run.
    for (const s of staff.filter((x) => !changed.has(x.aideId))) {
      expect(
        (await h.ok('get', '/notify/inbox', undefined, s.token)).items.filter(
          (i: { refId: string }) => i.refId === rerun.id,
        ),
      ).toEqual([]);
    }
  }, 90_000);

  it('when the SMS goes out, then the provider gets the roster template with the same parameters, once per aide, and no patient name', async () => {
    const smsOf = (phone: string) =>
      fake.received.filter(
        (r) => r.provider === 'aliyun' && r.to === phone && String(r.body.TemplateParam).includes('"name"'),
      );
    const affected = staff.filter((s) => changed.has(s.aideId) && s.phone);
    await eventually(async () => {
      const msgs = (await messagesOf(rerun.id)).filter((m) => m.channel === 'sms');
      return msgs.length === affected.length && msgs.every((m) => m.status === 'sent') ? true : undefined;
    }, 20_000);
    for (const s of affected) {
      const params = JSON.parse(String(smsOf(s.phone!).at(-1)!.body.TemplateParam)) as Record<string, string>;
      expect(params.name).toBe(s.name);
      expect(Object.keys(params).sort()).toEqual(['gained', 'lost', 'name']);
      expect(smsOf(s.phone!).filter((r) => r.body.TemplateCode === 'SMS_ROSTER').length).toBeGreaterThanOrEqual(1);
    }
    const patientNames = (await env.deps.prisma.person.findMany({ where: { tenantId: h.tenant.id } })).map(
      (p) => p.name,
    );
    for (const r of fake.received)
      for (const name of patientNames) expect(String(r.body.TemplateParam)).not.toContain(name);
  }, 30_000);

  it('when the notice runs again for the same run (a retried job), then nothing new is written or sent', async () => {
    const before = await messagesOf(rerun.id);
    const sentBefore = fake.received.length;
    const run = await env.deps.prisma.rosterRun.findUniqueOrThrow({ where: { id: rerun.id } });
    const again = await tellAidesOfChanges(env.deps, h.tenant.id, run, run.result as never);
    expect(again.told).toBe(before.filter((m) => m.channel === 'in_app').length);
    const after = await messagesOf(rerun.id);
    expect(after.map((m) => [m.id, m.attempts])).toEqual(before.map((m) => [m.id, m.attempts]));
    await new Promise((r) => setTimeout(r, 1_500)); // any stray send job would have reached the fake by now
    expect(fake.received.length).toBe(sentBefore);
  }, 30_000);

  it('when the same days are rostered again with nothing changed, then no aide is told anything', async () => {
    const total = await env.deps.prisma.notifyMessage.count({ where: { tenantId: h.tenant.id } });
    const same = await roster(h, D1, D2);
    expect(same.result.diff.changed + same.result.diff.added).toBe(0);
    expect(await messagesOf(same.id)).toEqual([]);
    expect(await env.deps.prisma.notifyMessage.count({ where: { tenantId: h.tenant.id } })).toBe(total);
  }, 90_000);

  it('when a hospital has no SMS provider set up, then its aides are told in-app only, and another hospital sees none of it', async () => {
    const other = await hospital(env);
    const w = await other.ok('post', '/nursing/wards', { name: '内科', beds: ['01'] });
    const user = await other.tenant.user(['care_aide'], 'solo');
    expect(
      (await env.request.patch(`/users/${user.id}`).set(bearer(other.tenant.adminToken)).send({ phone: '13900009001' }))
        .status,
    ).toBe(200);
    await aide(other, { name: '独立护理员', userId: user.id, homeWardIds: [w.id] });
    await aide(other, { name: '备用护理员', homeWardIds: [w.id] }); // not signed in: cannot be told, and is not
    await patient(other, { wardId: w.id, bed: '01', barthel: 90 });
    const run = await roster(other, D1, D1);
    const msgs = await env.deps.prisma.notifyMessage.findMany({ where: { refId: run.id } });
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.every((m) => m.channel === 'in_app' && m.tenantId === other.tenant.id)).toBe(true);
    // The first hospital's aides do not see the other hospital's message.
    for (const s of staff)
      expect(
        (await h.ok('get', '/notify/inbox', undefined, s.token)).items.some(
          (i: { refId: string }) => i.refId === run.id,
        ),
      ).toBe(false);
  }, 90_000);
});
