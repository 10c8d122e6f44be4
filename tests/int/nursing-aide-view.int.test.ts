import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { aide, dayFromToday, hospital, patient, ZONE } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;
let ward: any, ward2: any; // eslint-disable-line @typescript-eslint/no-explicit-any
const u: Record<string, { id: string; token: string }> = {};
const a: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
const p: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
// A Monday two weeks ahead, so weekly-hour checks have a clean week.
const MON = DateTime.now().setZone(ZONE).plus({ weeks: 2 }).startOf('week').toISODate()!;
const TUE = DateTime.fromISO(MON).plus({ days: 1 }).toISODate()!;

const assign = (date: string, shiftCode: string, bookingId: string, aideId: string) =>
  h.call('post', '/nursing/assignments', { date, shiftCode, bookingId, aideId });

beforeAll(async () => {
  env = await createTestEnv('nursing_aide_view');
  h = await hospital(env);
  ward = await h.ok('post', '/nursing/wards', { name: '老年科', beds: ['01', '02', '03', '04'] });
  ward2 = await h.ok('post', '/nursing/wards', { name: '外科', beds: ['01'] });
  u.zhou = await h.tenant.user(['care_aide'], 'zhou');
  u.wu = await h.tenant.user(['care_aide'], 'wu');
  u.unlinked = await h.tenant.user(['care_aide'], 'unlinked');
  a.zhou = await aide(h, { name: '周秀英', userId: u.zhou.id, homeWardIds: [ward.id] });
  a.wu = await aide(h, { name: '吴桂兰', userId: u.wu.id, homeWardIds: [ward.id] });
  p.l1a = await patient(h, { wardId: ward.id, bed: '01', barthel: 50 });
  p.l1b = await patient(h, { wardId: ward.id, bed: '02', barthel: 55 });
  p.special = await patient(h, { wardId: ward.id, bed: '03', barthel: 20 });
  p.other = await patient(h, { wardId: ward2.id, bed: '01', barthel: 90 });
  for (const [b, x] of [[p.l1a, a.zhou], [p.l1b, a.zhou], [p.special, a.wu]]) {
    expect((await assign(MON, 'day', b.id, x.id)).status).toBe(201);
    expect((await assign(TUE, 'day', b.id, x.id)).status).toBe(201);
  }
});
afterAll(() => env?.close());

describe('manual assignment checks every hard rule', () => {
  it('when an aide already carries a full load, then a third patient is refused (409 names the load)', async () => {
    const res = await assign(MON, 'day', p.special.id, a.zhou.id);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/load/);
  });

  it('when an aide would start a night right after a day shift, then 409 for rest/overlap', async () => {
    const res = await assign(MON, 'night', p.special.id, a.wu.id);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/rest/);
  });

  it('when the certificate has expired, the aide is on leave, or works another ward that shift, then 409 says so', async () => {
    const expired = await aide(h, { certificateExpiry: dayFromToday(1) });
    expect((await assign(MON, 'night', p.special.id, expired.id)).body.detail).toMatch(/certificate is valid through .* does not cover this shift/);
    const onLeave = await aide(h, { leaveDates: [TUE] });
    // The night of Monday runs into Tuesday, a leave day.
    expect((await assign(MON, 'night', p.special.id, onLeave.id)).body.detail).toMatch(/leave/);
    expect((await assign(MON, 'day', p.other.id, a.zhou.id)).body.detail).toMatch(/another ward|load/);
    const short = await aide(h, { maxWeeklyHours: 12 });
    expect((await assign(MON, 'night', p.special.id, short.id)).status).toBe(201);
    expect((await assign(DateTime.fromISO(MON).plus({ days: 3 }).toISODate()!, 'night', p.special.id, short.id)).body.detail).toMatch(/week/);
  });

  it('when an aide would work more days in a row than allowed, then 409 says how many; the default is 6', async () => {
    expect((await aide(h)).maxConsecutiveDays).toBe(6);
    const runner = await aide(h, { maxConsecutiveDays: 2, homeWardIds: [ward2.id] });
    const day = (k: number) => DateTime.fromISO(MON).plus({ days: k }).toISODate()!;
    expect((await assign(day(0), 'day', p.other.id, runner.id)).status).toBe(201);
    expect((await assign(day(2), 'day', p.other.id, runner.id)).status).toBe(201);
    // Wednesday joins Monday … Wednesday into three days in a row.
    const third = await assign(day(1), 'day', p.other.id, runner.id);
    expect(third.status).toBe(409);
    expect(third.body.detail).toMatch(/3 days in a row \(limit 2\)/);
    expect((await h.call('post', '/nursing/aides', { name: 'x', gender: 'female', certificateNo: 'C-x', certificateExpiry: '2099-01-01', homeWardIds: [], maxConsecutiveDays: 9 })).body.errors[0].path)
      .toBe('body.maxConsecutiveDays');
  });
});

describe('GET /me/shifts', () => {
  it('when an aide opens their shifts, then they see only their own shifts and patients with bed and care level', async () => {
    const mine = await h.ok('get', `/me/shifts?from=${MON}&to=${TUE}`, undefined, u.zhou.token);
    expect(mine.aide).toEqual({ id: a.zhou.id, name: '周秀英' });
    expect(mine.shifts.map((s: { date: string; shiftCode: string }) => `${s.date} ${s.shiftCode}`)).toEqual([`${MON} day`, `${TUE} day`]);
    const monday = mine.shifts[0];
    expect(monday).toMatchObject({ ward: { id: ward.id, name: '老年科' }, load: 1, shiftName: '白班' });
    expect(monday.patients.map((x: { bed: string; careLevel: { code: string } }) => [x.bed, x.careLevel.code]).sort()).toEqual([['01', 'level1'], ['02', 'level1']]);
    const ids = mine.shifts.flatMap((s: { patients: { bookingId: string }[] }) => s.patients.map((x) => x.bookingId));
    expect(ids).not.toContain(p.special.id);
    const theirs = await h.ok('get', `/me/shifts?from=${MON}&to=${TUE}`, undefined, u.wu.token);
    expect(theirs.shifts.flatMap((s: { patients: { bookingId: string }[] }) => s.patients.map((x) => x.bookingId))).toEqual([p.special.id, p.special.id]);
  });

  it('when a user is not linked to an aide, or is not a care aide, then 404 / 403', async () => {
    expect((await h.call('get', '/me/shifts', undefined, u.unlinked.token)).status).toBe(404);
    const zh = await env.request.get('/me/shifts').set('Authorization', `Bearer ${u.unlinked.token}`);
    expect(zh.body.detail).toBe('您的账号还没有关联到护理员，请联系协调员关联（PATCH /nursing/aides/{id}，填写 userId）。');
    expect((await h.call('get', '/me/shifts')).status).toBe(403);
  });
});

describe('handover notes', () => {
  it('when the aide writes a note on their shift, then the next shift’s view shows it under that patient', async () => {
    const note = await h.ok('post', `/nursing/bookings/${p.l1a.id}/notes`, { date: MON, shiftCode: 'day', text: '午餐后血糖 9.1，已告知护士' }, u.zhou.token);
    expect(note).toMatchObject({ authorUserId: u.zhou.id, text: '午餐后血糖 9.1，已告知护士' });
    const coordNote = await h.ok('post', `/nursing/bookings/${p.l1a.id}/notes`, { date: MON, shiftCode: 'night', text: '夜间翻身两次' });
    expect(coordNote.authorUserId).toBe(h.coord.id);
    const view = await h.ok('get', `/me/shifts?from=${TUE}&to=${TUE}`, undefined, u.zhou.token);
    const pt = view.shifts[0].patients.find((x: { bookingId: string }) => x.bookingId === p.l1a.id);
    expect(pt.handoverNotes.map((n: { text: string }) => n.text)).toEqual(['午餐后血糖 9.1，已告知护士', '夜间翻身两次']);
    const list = await h.ok('get', `/nursing/bookings/${p.l1a.id}/notes`, undefined, u.zhou.token);
    expect(list.items).toHaveLength(2);
  });

  it('when an aide reads or writes notes of a patient who is not theirs, then 404; on a shift they do not work, 409', async () => {
    expect((await h.call('get', `/nursing/bookings/${p.special.id}/notes`, undefined, u.zhou.token)).status).toBe(404);
    expect((await h.call('post', `/nursing/bookings/${p.special.id}/notes`, { date: MON, shiftCode: 'day', text: 'x' }, u.zhou.token)).status).toBe(404);
    const wrongShift = await h.call('post', `/nursing/bookings/${p.l1a.id}/notes`, { date: MON, shiftCode: 'night', text: 'x' }, u.zhou.token);
    expect(wrongShift.status).toBe(409);
    expect((await h.call('get', `/nursing/bookings/${p.l1a.id}/assignments`, undefined, u.zhou.token)).status).toBe(404);
    expect((await h.call('get', `/nursing/assignments?from=${MON}&to=${TUE}`, undefined, u.zhou.token)).status).toBe(403);
  });
});
