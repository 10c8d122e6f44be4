import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { aide, dayFromToday, hospital, patient } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;

beforeAll(async () => {
  env = await createTestEnv('nursing_setup');
  h = await hospital(env);
});
afterAll(() => env?.close());

describe('hospital set-up', () => {
  it('when the defaults are applied, then the four SPEC care levels and day/night shifts exist, and a second call changes nothing', async () => {
    const levels = (await h.ok('get', '/nursing/care-levels')).items;
    expect(levels.map((l: { code: string; patientsPerAide: number; dailyFee: number }) => [l.code, l.patientsPerAide, l.dailyFee])).toEqual([
      ['special', 1, 16000], ['level1', 2, 12000], ['level2', 3, 10000], ['level3', 6, 6000],
    ]);
    const shifts = (await h.ok('get', '/nursing/shift-templates')).items;
    expect(shifts).toEqual([
      { code: 'day', name: '白班', startTime: '08:00', endTime: '20:00', hours: 12 },
      { code: 'night', name: '夜班', startTime: '20:00', endTime: '08:00', hours: 12 },
    ]);
    const again = await h.ok('post', '/nursing/setup/defaults');
    expect(again.created).toEqual({ careLevels: [], shiftTemplates: [] });
  });

  it('when a care level is replaced, then its ratio, fee and required skill change', async () => {
    const l = await h.ok('put', '/nursing/care-levels/icu', { name: '重症监护', patientsPerAide: 1, dailyFee: 20000, requiredSkill: 'ventilator' });
    expect(l).toEqual({ code: 'icu', name: '重症监护', patientsPerAide: 1, dailyFee: 20000, requiredSkill: 'ventilator', fees: [{ effectiveFrom: null, dailyFee: 20000 }] });
    const bad = await h.call('put', '/nursing/care-levels/icu', { name: 'x', patientsPerAide: 0, dailyFee: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.dailyFee', 'body.patientsPerAide']);
  });

  it('when a 24 h shift would overlap day and night, then 409; after removing them, the 24 h shift is accepted', async () => {
    const other = await hospital(env);
    const clash = await other.call('put', '/nursing/shift-templates/full', { name: '24小时', startTime: '08:00', endTime: '08:00' });
    expect(clash.status).toBe(409);
    expect(clash.body.detail).toMatch(/overlaps/);
    // A zh-CN reader (no Accept-Language) reads it in Chinese, field message included.
    const zhClash = await env.request.put('/nursing/shift-templates/full').set('Authorization', `Bearer ${other.coord.token}`)
      .send({ name: '24小时', startTime: '08:00', endTime: '08:00' });
    expect(zhClash.status).toBe(409);
    expect(zhClash.body.detail).toMatch(/^班次“full” 08:00–08:00 与班次“(day|night)” \d\d:\d\d–\d\d:\d\d 时间重叠，请先删除或修改那个班次。$/);
    expect(zhClash.body.errors[0].message).toMatch(/^与班次“(day|night)”重叠。$/);
    await other.ok('delete', '/nursing/shift-templates/day');
    await other.ok('delete', '/nursing/shift-templates/night');
    const full = await other.ok('put', '/nursing/shift-templates/full', { name: '24小时', startTime: '08:00', endTime: '08:00' });
    expect(full.hours).toBe(24);
    expect((await other.call('put', '/nursing/shift-templates/x', { name: 'x', startTime: '25:00', endTime: '08:00' })).status).toBe(400);
  });

  it('when wards, beds and aides are created, then they are listed with their fields and defaults', async () => {
    const ward = await h.ok('post', '/nursing/wards', { name: '康复科', department: '康复医学', beds: ['A1', 'A2'] });
    expect(ward.beds.map((b: { code: string }) => b.code)).toEqual(['A1', 'A2']);
    const more = await h.ok('post', `/nursing/wards/${ward.id}/beds`, { codes: ['A3'] });
    expect(more.beds).toHaveLength(3);
    expect((await h.call('post', `/nursing/wards/${ward.id}/beds`, { codes: ['A1'] })).status).toBe(409);
    const a = await aide(h, { name: '李秀兰', homeWardIds: [ward.id], skills: ['ventilator'] });
    expect(a).toMatchObject({ name: '李秀兰', maxWeeklyHours: 60, minRestHours: 11, maxConsecutiveDays: 6, leaveDates: [], active: true, skills: ['ventilator'], homeWardIds: [ward.id] });
    const listed = (await h.ok('get', `/nursing/aides?wardId=${ward.id}`)).items;
    expect(listed.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const badWard = await h.call('post', '/nursing/aides', { name: 'x', gender: 'male', certificateNo: 'c', certificateExpiry: '2030-01-01', skills: [], homeWardIds: ['01a20000-0000-7000-8000-000000000000'] });
    expect(badWard.status).toBe(409);
  });

  it('when an aide is linked to a user, then the user must have the care_aide role and not be linked twice', async () => {
    const coordUser = await h.tenant.user(['hospital_coordinator']);
    expect((await aide(h).then((a) => h.call('patch', `/nursing/aides/${a.id}`, { userId: coordUser.id }))).status).toBe(409);
    const aideUser = await h.tenant.user(['care_aide']);
    const a1 = await aide(h, { userId: aideUser.id });
    expect(a1.userId).toBe(aideUser.id);
    const dup = await h.call('post', '/nursing/aides', { name: 'x', gender: 'female', certificateNo: 'c', certificateExpiry: '2030-01-01', skills: [], homeWardIds: [], userId: aideUser.id });
    expect(dup.status).toBe(409);
  });
});

describe('roles and tenancy', () => {
  it('when a care aide or an auditor tries to change set-up, then 403; the auditor may read', async () => {
    const aideUser = await h.tenant.user(['care_aide']);
    const auditor = await h.tenant.user(['auditor']);
    expect((await h.call('post', '/nursing/wards', { name: 'x' }, aideUser.token)).status).toBe(403);
    expect((await h.call('get', '/nursing/bookings', undefined, aideUser.token)).status).toBe(403);
    expect((await h.call('post', '/nursing/wards', { name: 'x' }, auditor.token)).status).toBe(403);
    expect((await h.call('get', '/nursing/wards', undefined, auditor.token)).status).toBe(200);
    expect((await h.call('get', '/nursing/care-levels', undefined, h.tenant.adminToken)).status).toBe(200);
  });

  it('when another hospital’s ward, booking or invoice is requested, then 404', async () => {
    const other = await hospital(env);
    const ward = await other.ok('post', '/nursing/wards', { name: '外院', beds: ['1'] });
    const b = await patient(other, { wardId: ward.id, barthel: 50 });
    expect((await h.call('get', `/nursing/wards/${ward.id}`)).status).toBe(404);
    expect((await h.call('get', `/nursing/bookings/${b.id}`)).status).toBe(404);
    expect((await h.call('post', `/nursing/bookings/${b.id}/activate`)).status).toBe(404);
    expect((await h.call('post', `/nursing/admissions/${b.admissionId}/discharge`, {})).status).toBe(404);
    const mine = await h.ok('post', '/nursing/wards', { name: '本院', beds: ['1'] });
    const cross = await h.call('post', '/nursing/admissions', { personId: b.person.id, wardId: mine.id });
    expect(cross.status).toBe(404);
    expect((await h.call('get', `/nursing/assignments?from=${dayFromToday(0)}&to=${dayFromToday(1)}&bookingId=${b.id}`)).body.items).toEqual([]);
  });

  it('when /openapi.json is read, then the nursing routes are described', async () => {
    const doc = (await env.request.get('/openapi.json')).body;
    expect(doc.paths['/nursing/bookings'].post.requestBody.content['application/json'].schema.properties.barthelScore).toBeDefined();
    expect(doc.paths['/me/shifts'].get).toBeDefined();
    expect(doc.paths['/nursing/rosters'].post).toBeDefined();
  });
});
