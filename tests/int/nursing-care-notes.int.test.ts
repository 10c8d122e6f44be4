// Care notes on a booking (what the family asks, e.g. "左侧偏瘫，喂饭需慢"): set by the coordinator
// through the API, validated like every text field, audited, and shown to the assigned aide on
// GET /me/shifts — never to an aide who is not assigned, nor to another hospital.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { aide, dayFromToday, hospital, patient } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;
let other: Hospital;
const u: Record<string, { id: string; token: string }> = {};
const a: Record<string, { id: string }> = {};
const b: Record<string, { id: string; admissionId: string }> = {};
const DAY = dayFromToday(5);
const NOTE = '左侧偏瘫，喂饭需慢';

const put = (bookingId: string, body: unknown, token?: string, hosp = h) =>
  hosp.call('put', `/nursing/bookings/${bookingId}/care-notes`, body, token);
const patientsOn = async (token: string) =>
  (
    (await h.ok('get', `/me/shifts?from=${DAY}&to=${DAY}`, undefined, token)).shifts as {
      patients: { bookingId: string; careNotes: string | null }[];
    }[]
  ).flatMap((s) => s.patients);

beforeAll(async () => {
  env = await createTestEnv('nursing_care_notes');
  h = await hospital(env);
  other = await hospital(env);
  const ward = await h.ok('post', '/nursing/wards', { name: '神经内科', beds: ['01', '02'] });
  u.zhou = await h.tenant.user(['care_aide'], 'zhou');
  u.wu = await h.tenant.user(['care_aide'], 'wu');
  a.zhou = await aide(h, { name: '周秀英', userId: u.zhou.id, homeWardIds: [ward.id] });
  a.wu = await aide(h, { name: '吴桂兰', userId: u.wu.id, homeWardIds: [ward.id] });
  b.li = await patient(h, { wardId: ward.id, bed: '01', barthel: 50 });
  b.wang = await patient(h, { wardId: ward.id, bed: '02', barthel: 50 });
  await h.ok('post', '/nursing/assignments', { date: DAY, shiftCode: 'day', bookingId: b.li.id, aideId: a.zhou.id });
  await h.ok('post', '/nursing/assignments', { date: DAY, shiftCode: 'day', bookingId: b.wang.id, aideId: a.wu.id });
}, 60_000);
afterAll(() => env?.close());

describe('care notes', () => {
  it('when the coordinator sets care notes, then the booking carries them (trimmed) and the change is audited with before and after', async () => {
    const res = await put(b.li.id, { careNotes: `  ${NOTE}  ` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.careNotes).toBe(NOTE);
    expect((await h.ok('get', `/nursing/bookings/${b.li.id}`)).careNotes).toBe(NOTE);
    const audit = await env.deps.prisma.auditLog.findMany({
      where: { tenantId: h.tenant.id, action: 'booking.care-notes', entityId: b.li.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toEqual({ careNotes: null });
    expect(audit[0].after).toEqual({ careNotes: NOTE });
    // The same text again (a retried save) records nothing new.
    expect((await put(b.li.id, { careNotes: NOTE })).status).toBe(200);
    expect(
      await env.deps.prisma.auditLog.count({ where: { tenantId: h.tenant.id, action: 'booking.care-notes' } }),
    ).toBe(1);
  });

  it('when the assigned aide opens their shifts, then they read the care notes of their own patient only', async () => {
    await put(b.wang.id, { careNotes: '糖尿病，餐前测血糖' });
    const zhou = await patientsOn(u.zhou.token);
    expect(zhou.map((p) => [p.bookingId, p.careNotes])).toEqual([[b.li.id, NOTE]]);
    const wu = await patientsOn(u.wu.token);
    expect(wu.map((p) => [p.bookingId, p.careNotes])).toEqual([[b.wang.id, '糖尿病，餐前测血糖']]);
    expect(JSON.stringify(wu)).not.toContain(NOTE);
  });

  it('when an aide or another hospital tries to read or change them, then 403 / 404 and nothing changes', async () => {
    expect((await put(b.li.id, { careNotes: '改掉' }, u.zhou.token)).status).toBe(403);
    expect((await h.call('get', `/nursing/bookings/${b.li.id}`, undefined, u.wu.token)).status).toBe(403);
    expect((await put(b.li.id, { careNotes: '改掉' }, undefined, other)).status).toBe(404);
    expect((await other.call('get', `/nursing/bookings/${b.li.id}`)).status).toBe(404);
    expect((await h.ok('get', `/nursing/bookings/${b.li.id}`)).careNotes).toBe(NOTE);
  });

  it('when the text is too long, has a NUL or a lone surrogate, or the body has other fields, then 400 names the field and nothing is stored', async () => {
    const tooLong = await put(b.li.id, { careNotes: '慢'.repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.careNotes']);
    expect((await put(b.li.id, { careNotes: '慢'.repeat(500) })).status).toBe(200);
    await put(b.li.id, { careNotes: NOTE });
    for (const bad of ['喂饭\u0000需慢', '喂饭\ud800需慢', '\udc00']) {
      const res = await put(b.li.id, { careNotes: bad });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.careNotes', code: 'invalid_text' })]);
    }
    expect((await put(b.li.id, { careNotes: NOTE, extra: 1 })).status).toBe(400);
    expect((await put(b.li.id, { careNotes: 42 })).status).toBe(400);
    expect((await h.ok('get', `/nursing/bookings/${b.li.id}`)).careNotes).toBe(NOTE);
  });

  it('when the notes are blanked or null, then they are cleared; a booking made with notes keeps them; an ended booking refuses a change (409)', async () => {
    expect((await put(b.wang.id, { careNotes: '   ' })).body.careNotes).toBeNull();
    expect((await put(b.wang.id, { careNotes: null })).body.careNotes).toBeNull();
    expect((await patientsOn(u.wu.token))[0].careNotes).toBeNull();
    const ward = await h.ok('post', '/nursing/wards', { name: '骨科', beds: ['01'] });
    const person = await h.ok('post', '/people', { name: '赵大爷', gender: 'male', birthDate: '1938-01-01' });
    const adm = await h.ok('post', '/nursing/admissions', { personId: person.id, wardId: ward.id, bedCode: '01' });
    const booked = await h.ok('post', '/nursing/bookings', {
      admissionId: adm.id,
      barthelScore: 50,
      careNotes: '右腿骨折，禁止下地',
    });
    expect(booked.careNotes).toBe('右腿骨折，禁止下地');
    expect(
      (await h.call('post', '/nursing/bookings', { admissionId: adm.id, barthelScore: 50, careNotes: 'x'.repeat(501) }))
        .status,
    ).toBe(400);
    await h.ok('post', `/nursing/bookings/${booked.id}/end`, { reason: '家属取消' });
    const ended = await put(booked.id, { careNotes: '新的' });
    expect(ended.status).toBe(409);
    expect((await h.ok('get', `/nursing/bookings/${booked.id}`)).careNotes).toBe('右腿骨折，禁止下地');
  });
});
