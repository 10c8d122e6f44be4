import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { aide, at, dayFromToday, hospital, patient, person } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;
let ward: any; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  env = await createTestEnv('nursing_bookings');
  h = await hospital(env);
  ward = await h.ok('post', '/nursing/wards', { name: '心内科', beds: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] });
});
afterAll(() => env?.close());

async function admission(bed?: string, admittedAt?: string) {
  return h.ok('post', '/nursing/admissions', { personId: await person(h), wardId: ward.id, ...(bed ? { bedCode: bed } : {}), ...(admittedAt ? { admittedAt } : {}) });
}

describe('admissions', () => {
  it('when a bed is occupied or a person is already in hospital, then admitting answers 409', async () => {
    const a = await admission('01');
    expect(a.bedCode).toBe('01');
    const again = await h.call('post', '/nursing/admissions', { personId: a.person.id, wardId: ward.id });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already admitted/);
    const taken = await h.call('post', '/nursing/admissions', { personId: await person(h), wardId: ward.id, bedCode: '01' });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toMatch(/occupied/);
    const noBed = await h.call('post', '/nursing/admissions', { personId: await person(h), wardId: ward.id, bedCode: '99' });
    expect(noBed.status).toBe(409);
    expect(noBed.body.errors[0].path).toBe('body.bedCode');
    // A zh-CN reader (no Accept-Language) reads the same refusals in Chinese.
    const zh = (path: string, body: object) => env.request.post(path).set('Authorization', `Bearer ${h.coord.token}`).send(body);
    const zhTaken = await zh('/nursing/admissions', { personId: await person(h), wardId: ward.id, bedCode: '01' });
    expect(zhTaken.status).toBe(409);
    expect(zhTaken.body).toMatchObject({ title: '与现有数据冲突', detail: `病区 心内科 的 01 床已有患者 ${a.person.name}。` });
    const zhNoBed = await zh('/nursing/admissions', { personId: await person(h), wardId: ward.id, bedCode: '99' });
    expect(zhNoBed.body).toMatchObject({ detail: '病区 心内科 没有这个床位。', errors: [{ path: 'body.bedCode', message: '本病区没有这个床位。' }] });
    const zhNoWard = await env.request.get('/nursing/wards/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${h.coord.token}`);
    expect(zhNoWard.body).toMatchObject({ status: 404, detail: '未找到该病区。' });
    const w = await h.ok('get', `/nursing/wards/${ward.id}`);
    expect(w.beds.find((b: { code: string }) => b.code === '01').admissionId).toBe(a.id);
  });
});

describe('transfers', () => {
  it('when a patient changes bed in the ward, the aide stays; when they change ward, their coming shifts lose the aide', async () => {
    const other = await h.ok('post', '/nursing/wards', { name: '神经内科', beds: ['01', '02'] });
    const a = await aide(h);
    const b = await patient(h, { wardId: ward.id, bed: '07', barthel: 50 });
    const days = [dayFromToday(2), dayFromToday(3)];
    for (const date of days) await h.ok('post', '/nursing/assignments', { date, shiftCode: 'night', bookingId: b.id, aideId: a.id });
    const assigned = async () => (await h.ok('get', `/nursing/assignments?from=${days[0]}&to=${days[1]}&bookingId=${b.id}`)).items.length;

    const bed = await h.ok('post', `/nursing/admissions/${b.admissionId}/transfer`, { wardId: ward.id, bedCode: '08' });
    expect(bed).toMatchObject({ removedAssignments: 0, admission: { bedCode: '08', wardId: ward.id } });
    expect(await assigned()).toBe(2);
    const taken = await h.call('post', `/nursing/admissions/${b.admissionId}/transfer`, { wardId: ward.id, bedCode: '01' });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toMatch(/occupied/);
    const nowhere = await h.call('post', `/nursing/admissions/${b.admissionId}/transfer`, { wardId: '00000000-0000-4000-8000-000000000000' });
    expect(nowhere.body.errors[0].path).toBe('body.wardId');

    const moved = await h.ok('post', `/nursing/admissions/${b.admissionId}/transfer`, { wardId: other.id, bedCode: '02' });
    expect(moved).toMatchObject({ removedAssignments: 2, admission: { bedCode: '02', wardId: other.id } });
    expect(await assigned()).toBe(0);
    const cov = await h.ok('get', `/nursing/coverage?from=${days[0]}&to=${days[0]}&wardId=${other.id}`);
    expect(cov.shifts.find((s: { shiftCode: string }) => s.shiftCode === 'night').uncoveredBookingIds).toEqual([b.id]);
    expect((await h.ok('get', `/nursing/wards/${ward.id}`)).beds.find((x: { code: string }) => x.code === '08').admissionId).toBeNull();

    await h.ok('post', `/nursing/admissions/${b.admissionId}/discharge`, {});
    expect((await h.call('post', `/nursing/admissions/${b.admissionId}/transfer`, { wardId: ward.id })).status).toBe(409);
  });
});

describe('bookings and the Barthel score', () => {
  it('when a Barthel score is given, then the suggested level is booked (≤40 special … 81–99 level3)', async () => {
    for (const [score, level] of [[40, 'special'], [41, 'level1'], [61, 'level2'], [99, 'level3']] as const) {
      const a = await admission();
      const b = await h.ok('post', '/nursing/bookings', { admissionId: a.id, barthelScore: score });
      expect(b).toMatchObject({ suggestedLevel: level, levelCode: level, status: 'pending', consentActive: false, overrideReason: null });
    }
  });

  it('when the Barthel score is 100, then 422 explains the patient is independent and needs no booking', async () => {
    const a = await admission();
    const res = await h.call('post', '/nursing/bookings', { admissionId: a.id, barthelScore: 100 });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/independent/);
  });

  it('when the coordinator overrides the suggested level, then a reason is required and stored', async () => {
    const a = await admission();
    const bad = await h.call('post', '/nursing/bookings', { admissionId: a.id, barthelScore: 75, levelCode: 'level1' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'body.overrideReason' })]);
    const ok = await h.ok('post', '/nursing/bookings', { admissionId: a.id, barthelScore: 75, levelCode: 'level1', overrideReason: '术后第一天，夜间躁动' });
    expect(ok).toMatchObject({ suggestedLevel: 'level2', levelCode: 'level1', overrideReason: '术后第一天，夜间躁动' });
    const unknown = await h.call('post', '/nursing/bookings', { admissionId: (await admission()).id, barthelScore: 75, levelCode: 'vip', overrideReason: 'x' });
    expect(unknown.status).toBe(409);
  });
});

describe('consent', () => {
  it('when a booking has no consent, then it cannot be activated and no aide can be assigned (409 with a clear message)', async () => {
    const b = await patient(h, { wardId: ward.id, barthel: 50, consent: false });
    const act = await h.call('post', `/nursing/bookings/${b.id}/activate`);
    expect(act.status).toBe(409);
    expect(act.body.detail).toMatch(/No active family consent/);
    const a = await aide(h);
    const assign = await h.call('post', '/nursing/assignments', { date: dayFromToday(3), shiftCode: 'day', bookingId: b.id, aideId: a.id });
    expect(assign.status).toBe(409);
    expect(assign.body.detail).toMatch(/consent/);
    const create = await h.call('post', '/nursing/bookings', { admissionId: (await admission()).id, barthelScore: 50, activate: true });
    expect(create.status).toBe(409);
    // A zh-CN reader gets the refusal in Chinese, the route still named as it is.
    const zhAct = await env.request.post(`/nursing/bookings/${b.id}/activate`).set('Authorization', `Bearer ${h.coord.token}`);
    expect(zhAct.status).toBe(409);
    expect(zhAct.body.detail).toBe('该照护预约还没有有效的家属知情同意：请先记录由谁同意（POST /nursing/bookings/{id}/consents），再启用预约或安排护理员。');
    const zhAssign = await env.request.post('/nursing/assignments').set('Authorization', `Bearer ${h.coord.token}`).set('Idempotency-Key', `zh-${b.id}`)
      .send({ date: dayFromToday(3), shiftCode: 'day', bookingId: b.id, aideId: a.id });
    expect(zhAssign.body.detail).toMatch(/^该照护预约还没有有效的家属知情同意/);
  });

  it('when consent is recorded, then the booking can be activated and shows who consented, how and when', async () => {
    const b = await patient(h, { wardId: ward.id, barthel: 50, consent: false });
    const withConsent = await h.ok('post', `/nursing/bookings/${b.id}/consents`, { signerName: '王小明', relation: '儿子', method: 'paper', signedAt: at(dayFromToday(-1), '09:00') });
    expect(withConsent.consents).toEqual([expect.objectContaining({ signerName: '王小明', relation: '儿子', method: 'paper', active: true })]);
    const active = await h.ok('post', `/nursing/bookings/${b.id}/activate`);
    expect(active).toMatchObject({ status: 'active', consentActive: true });
    const audit = await env.request.get(`/audit-log?entity=Consent`).set(bearer(h.tenant.adminToken));
    expect(audit.body.items.some((r: { action: string; after: { signerName: string } }) => r.action === 'consent.record' && r.after.signerName === '王小明')).toBe(true);
  });

  it('when consent is revoked, then assignments end from the next shift on and earlier ones are kept', async () => {
    const past = dayFromToday(-1);
    const tomorrow = dayFromToday(1);
    const later = dayFromToday(2);
    const b = await patient(h, { wardId: ward.id, barthel: 50, admittedAt: at(dayFromToday(-3), '10:00'), signedAt: at(dayFromToday(-3), '11:00') });
    const dayAide = await aide(h);
    const nightAide = await aide(h);
    for (const [date, shiftCode, a] of [[past, 'day', dayAide], [tomorrow, 'day', dayAide], [tomorrow, 'night', nightAide], [later, 'day', dayAide]] as const) {
      await h.ok('post', '/nursing/assignments', { date, shiftCode, bookingId: b.id, aideId: a.id });
    }
    // Revoked during tomorrow's day shift: that shift finishes, the night and later go.
    const res = await h.ok('post', `/nursing/bookings/${b.id}/consents/${b.consents[0].id}/revoke`, { reason: '家属自行陪护', revokedAt: at(tomorrow, '10:00') });
    expect(res.removedAssignments).toBe(2);
    const left = (await h.ok('get', `/nursing/assignments?from=${past}&to=${later}&bookingId=${b.id}`)).items;
    expect(left.map((a: { date: string; shiftCode: string }) => `${a.date} ${a.shiftCode}`)).toEqual([`${past} day`, `${tomorrow} day`]);
    const again = await h.call('post', '/nursing/assignments', { date: tomorrow, shiftCode: 'night', bookingId: b.id, aideId: nightAide.id });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/consent/);
  });

  it('when consent is revoked now, then the booking falls back to pending and needs a new consent to be activated', async () => {
    const b = await patient(h, { wardId: ward.id, barthel: 70 });
    const res = await h.ok('post', `/nursing/bookings/${b.id}/consents/${b.consents[0].id}/revoke`, {});
    expect(res.booking).toMatchObject({ status: 'pending', consentActive: false });
    expect((await h.call('post', `/nursing/bookings/${b.id}/activate`)).status).toBe(409);
    expect((await h.call('post', `/nursing/bookings/${b.id}/consents/${b.consents[0].id}/revoke`, {})).status).toBe(409);
  });
});

describe('care-level changes, discharge and the invoice', () => {
  it('when the level changes mid-stay and the patient is discharged, then the invoice bills each day at the level in force', async () => {
    const admittedOn = dayFromToday(-10);
    const changeOn = dayFromToday(-6);
    const b = await patient(h, { wardId: ward.id, bed: '09', barthel: 30, admittedAt: at(admittedOn, '09:30'), signedAt: at(admittedOn, '09:45') });
    expect(b.levelCode).toBe('special');
    const bad = await h.call('post', `/nursing/bookings/${b.id}/level-changes`, { effectiveFrom: dayFromToday(-20), barthelScore: 70 });
    expect(bad.status).toBe(409);
    const { booking: changed, removedAssignments } = await h.ok('post', `/nursing/bookings/${b.id}/level-changes`, { effectiveFrom: changeOn, barthelScore: 70 });
    expect(removedAssignments).toBe(0);
    expect(changed.levels).toEqual([
      { levelCode: 'special', effectiveFrom: admittedOn, reason: null },
      { levelCode: 'level2', effectiveFrom: changeOn, reason: null },
    ]);
    expect(changed).toMatchObject({ levelCode: 'level2', barthelScore: 70, suggestedLevel: 'level2' });
    const out = await h.ok('post', `/nursing/admissions/${b.admissionId}/discharge`, { dischargedAt: at(dayFromToday(-3), '11:00') });
    expect(out.admission.bookings[0]).toMatchObject({ status: 'ended', endReason: 'discharged', endDate: dayFromToday(-3) });
    expect(out.invoices).toHaveLength(1);
    const inv = out.invoices[0];
    expect(inv.lines).toEqual([
      { levelCode: 'special', levelName: '特级护理', fromDate: admittedOn, toDate: dayFromToday(-7), days: 4, dailyFee: 16000, amount: 64000 },
      { levelCode: 'level2', levelName: '二级护理', fromDate: changeOn, toDate: dayFromToday(-3), days: 4, dailyFee: 10000, amount: 40000 },
    ]);
    expect(inv).toMatchObject({ days: 8, totalFee: 104000, fromDate: admittedOn, toDate: dayFromToday(-3), patient: { ward: '心内科', bed: '09' } });
    expect(await h.ok('get', `/nursing/bookings/${b.id}/invoice`)).toEqual(inv);
    const html = await h.call('get', `/nursing/invoices/${inv.id}/html`);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('1040.00');
    expect(html.text).toContain(out.admission.person.name);
    expect((await h.call('post', `/nursing/admissions/${b.admissionId}/discharge`, {})).status).toBe(409);
    expect((await h.call('post', `/nursing/bookings/${b.id}/level-changes`, { effectiveFrom: changeOn, barthelScore: 20 })).status).toBe(409);
  });

  it('when a level rises so that the aide would be overloaded, then only that patient loses the aide from the change on', async () => {
    const a = await aide(h);
    const first = await patient(h, { wardId: ward.id, barthel: 90 });
    const second = await patient(h, { wardId: ward.id, barthel: 90 });
    const days = [dayFromToday(2), dayFromToday(3), dayFromToday(4)];
    for (const date of days) {
      for (const b of [first, second]) await h.ok('post', '/nursing/assignments', { date, shiftCode: 'day', bookingId: b.id, aideId: a.id });
    }
    const aideShifts = async () => (await h.ok('get', `/nursing/assignments?from=${days[0]}&to=${days[2]}&aideId=${a.id}`)).items
      .map((x: { date: string; bookingId: string }) => `${x.date}:${x.bookingId === first.id ? 'first' : 'second'}`).sort();
    // level3 → level2 (1/3 + 1/6 ≤ 1): nothing changes.
    const milder = await h.ok('post', `/nursing/bookings/${first.id}/level-changes`, { effectiveFrom: days[0], barthelScore: 70 });
    expect(milder.removedAssignments).toBe(0);
    // → special (1:1) from the second day: 1 + 1/6 > 1, so the first patient's shifts from then on are freed.
    const special = await h.ok('post', `/nursing/bookings/${first.id}/level-changes`, { effectiveFrom: days[1], barthelScore: 20 });
    expect(special.removedAssignments).toBe(2);
    expect(special.booking.levels.map((l: { levelCode: string }) => l.levelCode)).toEqual(['level3', 'level2', 'special']);
    expect(await aideShifts()).toEqual([`${days[0]}:first`, `${days[0]}:second`, `${days[1]}:second`, `${days[2]}:second`]);
    const coverage = await h.ok('get', `/nursing/coverage?from=${days[1]}&to=${days[1]}&wardId=${ward.id}`);
    expect(coverage.shifts.find((s: { shiftCode: string }) => s.shiftCode === 'day').uncoveredBookingIds).toContain(first.id);
  });

  it('when the hospital raises a level’s fee, then only days from the change on cost more; a change in the past is refused', async () => {
    const put = (body: Record<string, unknown>) => h.call('put', '/nursing/care-levels/hospice', { name: '安宁疗护', patientsPerAide: 2, ...body });
    expect((await put({ dailyFee: 15000 })).status).toBe(200);
    const admittedOn = dayFromToday(-4);
    const b = await patient(h, { wardId: ward.id, barthel: 30, levelCode: 'hospice', overrideReason: 'palliative care',
      admittedAt: at(admittedOn, '10:00'), signedAt: at(admittedOn, '10:10') });
    const past = await put({ dailyFee: 18000, feeEffectiveFrom: dayFromToday(-1) });
    expect(past.status).toBe(409);
    expect(past.body.errors[0].path).toBe('body.feeEffectiveFrom');
    expect((await put({ dailyFee: 18000 })).body).toMatchObject({ dailyFee: 18000, fees: [{ effectiveFrom: null, dailyFee: 15000 }, { effectiveFrom: dayFromToday(0), dailyFee: 18000 }] });
    const later = await put({ dailyFee: 20000, feeEffectiveFrom: dayFromToday(30) });
    expect(later.body.dailyFee).toBe(18000); // today's fee; the next one is scheduled
    expect(later.body.fees).toHaveLength(3);
    const out = await h.ok('post', `/nursing/admissions/${b.admissionId}/discharge`, {});
    expect(out.invoices[0].lines.map((l: { fromDate: string; days: number; dailyFee: number }) => [l.fromDate, l.days, l.dailyFee])).toEqual([
      [admittedOn, 4, 15000], [dayFromToday(0), 1, 18000],
    ]);
    expect(out.invoices[0].totalFee).toBe(4 * 15000 + 18000);
  });

  it('when a stay is under 24 h across midnight, then the invoice counts one day', async () => {
    const b = await patient(h, { wardId: ward.id, barthel: 90, admittedAt: at(dayFromToday(-2), '20:00'), signedAt: at(dayFromToday(-2), '20:10') });
    const out = await h.ok('post', `/nursing/admissions/${b.admissionId}/discharge`, { dischargedAt: at(dayFromToday(-1), '10:00') });
    expect(out.invoices[0]).toMatchObject({ days: 1, totalFee: 6000, lines: [expect.objectContaining({ levelCode: 'level3', days: 1 })] });
  });

  it('when a booking never became active, then discharge ends it without an invoice', async () => {
    const b = await patient(h, { wardId: ward.id, barthel: 50, consent: false });
    const out = await h.ok('post', `/nursing/admissions/${b.admissionId}/discharge`, {});
    expect(out.invoices).toEqual([]);
    expect(out.admission.bookings[0].status).toBe('ended');
    expect((await h.call('get', `/nursing/bookings/${b.id}/invoice`)).status).toBe(404);
  });

  it('when a discharge is retried with the same Idempotency-Key, then the first answer is replayed', async () => {
    const b = await patient(h, { wardId: ward.id, barthel: 60, admittedAt: at(dayFromToday(-4), '08:00'), signedAt: at(dayFromToday(-4), '08:00') });
    const send = () => env.request.post(`/nursing/admissions/${b.admissionId}/discharge`).set(bearer(h.coord.token)).set('Idempotency-Key', `dis-${b.id}`).send({});
    const first = await send();
    const second = await send();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.body.invoices[0].id).toBe(first.body.invoices[0].id);
  });

  it('when a booking is ended while the patient stays, then it is invoiced and a new booking can follow', async () => {
    const b = await patient(h, { wardId: ward.id, barthel: 45, admittedAt: at(dayFromToday(-5), '08:00'), signedAt: at(dayFromToday(-5), '08:00') });
    const ended = await h.ok('post', `/nursing/bookings/${b.id}/end`, { endedAt: at(dayFromToday(-2), '12:00'), reason: '病情好转，家属陪护' });
    expect(ended.booking.status).toBe('ended');
    expect(ended.invoice).toMatchObject({ days: 4, totalFee: 4 * 12000 });
    const next = await h.ok('post', '/nursing/bookings', { admissionId: b.admissionId, barthelScore: 85, startDate: dayFromToday(-1) });
    expect(next.levelCode).toBe('level3');
    const list = await h.ok('get', '/nursing/invoices');
    expect(list.items.some((i: { bookingId: string }) => i.bookingId === b.id)).toBe(true);
  });
});
