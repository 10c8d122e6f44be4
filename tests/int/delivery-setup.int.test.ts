import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { makeIdNumber } from '../../src/people/id-card.js';
import { createPerson, createWorld } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let m: Record<string, string>;

beforeAll(async () => {
  env = await createTestEnv('delivery_setup');
  env.startWorkers();
  w = await createWorld(env, { recipients: 2 });
  m = bearer(w.manager.token);
});
afterAll(() => env?.close());

describe('delivery set-up (issue point 1)', () => {
  it('when slots are listed the first time, then lunch and dinner exist with the SPEC defaults, and can be changed', async () => {
    const res = await env.request.get('/delivery/slots').set(m);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ code: 'lunch', kind: 'lunch', readyTime: '10:15', windowStart: '10:45', windowEnd: '12:00', maxRideMinutes: 90, serviceMinutes: 3 }),
      expect.objectContaining({ code: 'dinner', kind: 'dinner', readyTime: '16:15', windowStart: '16:45', windowEnd: '18:00', maxRideMinutes: 90, serviceMinutes: 3 }),
    ]);
    const bad = await env.request.put('/delivery/slots/breakfast').set(m).send({ name: 'Breakfast', kind: 'breakfast', readyTime: '07:30', windowStart: '08:30', windowEnd: '08:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('body.windowEnd');
    const ok = await env.request.put('/delivery/slots/breakfast').set(m).send({ name: 'Breakfast', kind: 'breakfast', readyTime: '07:00', windowStart: '07:30', windowEnd: '08:30' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: 'breakfast', kind: 'breakfast', maxRideMinutes: 90, serviceMinutes: 3 });
  });

  it('when a slot is created without a kind or with one outside breakfast/lunch/dinner, then 400 names body.kind; a slot coded noon of kind lunch is kept', async () => {
    const slot = { name: '午餐', readyTime: '10:30', windowStart: '11:00', windowEnd: '12:30' };
    const missing = await env.request.put('/delivery/slots/noon').set(m).send(slot);
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.kind']);
    const wrong = await env.request.put('/delivery/slots/noon').set(m).send({ ...slot, kind: 'brunch' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.kind']);
    const ok = await env.request.put('/delivery/slots/noon').set(m).send({ ...slot, kind: 'lunch' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: 'noon', kind: 'lunch' });
    const listed = await env.request.get('/delivery/slots').set(m);
    expect(listed.body.items.find((s: { code: string }) => s.code === 'noon')).toMatchObject({ kind: 'lunch' });
  });

  it('when a kitchen is created with bad coordinates, then 400 names the fields; a good one is listed and patched', async () => {
    const bad = await env.request.post('/delivery/kitchens').set(m).send({ name: '', lat: 91, lng: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.lat', 'body.name']);
    const k = await env.request.post('/delivery/kitchens').set(m).send({ name: 'East kitchen', lat: 27.6, lng: 114.1, capacityPerSlot: 120 });
    expect(k.status).toBe(201);
    expect(k.body.tenantId).toBeUndefined();
    const patched = await env.request.patch(`/delivery/kitchens/${k.body.id}`).set(m).send({ capacityPerSlot: 150 });
    expect(patched.body.capacityPerSlot).toBe(150);
    const list = await env.request.get('/delivery/kitchens').set(m);
    expect(list.body.items.map((x: { name: string }) => x.name)).toEqual(['Central kitchen', 'East kitchen']);
  });

  it('when a vehicle is given a user who is not a driver, then 422; a driver vehicle lists its driver and shift', async () => {
    const bad = await env.request.post('/delivery/vehicles').set(m)
      .send({ kitchenId: w.kitchenId, driverUserId: w.manager.id, name: 'Van X', capacity: 10, shiftStart: '09:00', shiftEnd: '13:00' });
    expect(bad.status).toBe(422);
    const shift = await env.request.post('/delivery/vehicles').set(m)
      .send({ kitchenId: w.kitchenId, driverUserId: w.drivers[0].id, name: 'Van X', capacity: 10, shiftStart: '13:00', shiftEnd: '09:00' });
    expect(shift.status).toBe(400);
    const list = await env.request.get('/delivery/vehicles').query({ kitchen: w.kitchenId }).set(m);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({ name: 'Van 1', capacity: 20, shiftStart: '09:30', shiftEnd: '13:30', driverName: 'driver' });
    const off = await env.request.patch(`/delivery/vehicles/${w.vehicleIds[1]}`).set(m).send({ shiftStart: '14:00' });
    expect(off.status).toBe(422);
  });

  it('when a recipient is registered twice or for an unknown person, then 409 / 422; phones are masked in lists only', async () => {
    const again = await env.request.post('/delivery/recipients').set(m).send({ personId: w.recipients[0].personId, kitchenId: w.kitchenId });
    expect(again.status).toBe(409);
    const ghost = await env.request.post('/delivery/recipients').set(m).send({ personId: '0190a0a0-0000-7000-8000-000000000000', kitchenId: w.kitchenId });
    expect(ghost.status).toBe(422);
    const one = await env.request.get(`/delivery/recipients/${w.recipients[0].id}`).set(m);
    expect(one.body).toMatchObject({ diet: 'diabetic', allergies: ['peanut'], accessNotes: 'deaf — knock loudly', gridWorkerPhone: '13911112222' });
    expect(one.body.plans).toEqual([expect.objectContaining({ slotCodes: ['lunch'], weekdays: [1, 2, 3, 4, 5, 6, 7], quantity: 1 })]);
    expect(one.body.phone).toMatch(/^1380000\d{4}$/);
    const list = await env.request.get('/delivery/recipients').set(m);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0].phone).toMatch(/\*{4}/);
    expect(list.body.items[0].emergencyContacts[0].phone).toBe('137****3333');
  });

  it('when plans and holds have invalid fields, then 400/422 with paths; valid ones appear on the recipient', async () => {
    const r = w.recipients[1].id;
    const bad = await env.request.post(`/delivery/recipients/${r}/plans`).set(m).send({ slotCodes: ['lunch'], weekdays: [0, 8], startDate: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.weekdays.0', 'body.weekdays.1', 'body.startDate']));
    const unknownSlot = await env.request.post(`/delivery/recipients/${r}/plans`).set(m).send({ slotCodes: ['supper'], weekdays: [1], startDate: '2026-01-01' });
    expect(unknownSlot.status).toBe(422);
    const dinner = await env.request.post(`/delivery/recipients/${r}/plans`).set(m)
      .send({ slotCodes: ['dinner'], weekdays: [6, 7], startDate: '2026-01-01', endDate: '2026-12-31', quantity: 2, windowStart: '17:00', windowEnd: '17:30' });
    expect(dinner.status).toBe(201);
    const ended = await env.request.patch(`/delivery/plans/${dinner.body.id}`).set(m).send({ endDate: '2025-12-01' });
    expect(ended.status).toBe(422);
    const hold = await env.request.post(`/delivery/recipients/${r}/holds`).set(m).send({ fromDate: '2026-03-05', toDate: '2026-03-01', reason: 'away' });
    expect(hold.status).toBe(400);
    const okHold = await env.request.post(`/delivery/recipients/${r}/holds`).set(m).send({ fromDate: '2026-03-01', toDate: '2026-03-05', reason: 'hospitalised', note: 'hip' });
    expect(okHold.status).toBe(201);
    const got = await env.request.get(`/delivery/recipients/${r}`).set(m);
    expect(got.body.plans).toHaveLength(2);
    expect(got.body.holds).toEqual([expect.objectContaining({ reason: 'hospitalised', fromDate: '2026-03-01', toDate: '2026-03-05' })]);
  });

  it('when a recipients CSV is imported twice, then the first run creates recipients with plans and the second changes nothing; bad rows are reported', async () => {
    const p1 = await createPerson(env, w.t.adminToken, 3);
    const p2 = await createPerson(env, w.t.adminToken, 4);
    const csv = [
      '身份证号,厨房,餐型,过敏,紧急联系人,网格员,网格员电话,餐次,送餐日,开始日期,份数',
      `${p1.idNumber},Central kitchen,糖尿病,花生;虾,王芳/女儿/13711112222,李网格,13911112222,午餐;晚餐,1-5,2026-01-01,1`,
      `${p2.idNumber},Central kitchen,低盐,,,,,午餐,每天,2026-01-01,2`,
      `${makeIdNumber('110101', '1940-01-01', 123)},Central kitchen,regular,,,,,lunch,1-5,2026-01-01,1`,
      `${makeIdNumber('110101', '1940-01-01', 125)},Central kitchen,regular,,,,,lunch,1-9,2026-01-01,1`,
    ].join('\n');
    const run = async () => {
      const up = await env.request.post('/imports/recipients').set(m).set('Content-Type', 'text/csv').send(csv);
      expect(up.status, JSON.stringify(up.body)).toBe(202);
      return eventually(async () => {
        const r = await env.request.get(`/imports/${up.body.id}`).set(m);
        return r.body.status === 'done' ? r.body : undefined;
      });
    };
    const first = await run();
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(first.rejections.map((r: { row: number }) => r.row)).toEqual([4, 5]);
    expect(first.rejections[0].errors[0].message).toMatch(/import residents first/);
    // A rejected row's reason is kept as a catalogue sentence: a zh-CN reader of the same run (this tenant is en) reads it in Chinese.
    const zhRun = await env.request.get(`/imports/${first.id}`).set('Authorization', m.Authorization).set('Accept-Language', 'zh-CN');
    expect(zhRun.body.rejections[0].errors[0].message).toBe('没有这个身份证号的居民：请先导入居民。');
    const second = await run();
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 2 });
    const list = await env.request.get('/delivery/recipients').query({ q: p1.name }).set(m);
    const detail = await env.request.get(`/delivery/recipients/${list.body.items[0].id}`).set(m);
    expect(detail.body).toMatchObject({ diet: 'diabetic', allergies: ['花生', '虾'], gridWorkerName: '李网格' });
    expect(detail.body.emergencyContacts).toEqual([{ name: '王芳', relation: '女儿', phone: '13711112222' }]);
    expect(detail.body.plans).toEqual([expect.objectContaining({ slotCodes: ['lunch', 'dinner'], weekdays: [1, 2, 3, 4, 5], startDate: '2026-01-01' })]);
    const kinds = await env.request.get('/imports/kinds').set(m);
    expect(kinds.body.items.map((k: { kind: string }) => k.kind)).toContain('recipients');
  });

  it('when a driver or auditor writes, then 403; an auditor reads; another tenant’s kitchen is 404', async () => {
    const driver = bearer(w.drivers[0].token);
    expect((await env.request.post('/delivery/kitchens').set(driver).send({ name: 'K', lat: 1, lng: 1 })).status).toBe(403);
    expect((await env.request.get('/delivery/recipients').set(driver)).status).toBe(403);
    const auditor = await w.t.user(['auditor']);
    expect((await env.request.get('/delivery/kitchens').set(bearer(auditor.token))).status).toBe(200);
    expect((await env.request.post('/delivery/kitchens').set(bearer(auditor.token)).send({ name: 'K', lat: 1, lng: 1 })).status).toBe(403);
    const other = await env.tenant();
    expect((await env.request.get(`/delivery/kitchens/${w.kitchenId}`).set(bearer(other.adminToken))).status).toBe(404);
    expect((await env.request.get(`/delivery/recipients/${w.recipients[0].id}`).set(bearer(other.adminToken))).status).toBe(404);
  });

  it('when /openapi.json is read, then the delivery routes are documented with their schemas and the idempotency header', async () => {
    const doc = (await env.request.get('/openapi.json')).body;
    expect(doc.paths['/delivery/route-plans'].post.requestBody.content['application/json'].schema.properties.slot).toBeDefined();
    expect(doc.paths['/delivery/stops/{id}/outcome'].post.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(doc.paths['/delivery/route-plans/{id}/map.svg'].get.responses['200'].content['image/svg+xml']).toBeDefined();
    expect(doc.paths['/me/routes'].get).toBeDefined();
  });

  it('when a zh-CN tenant sets up delivery, then default slots are named 午餐/晚餐 and refusals and field messages come in Chinese', async () => {
    const zw = await createWorld(env, { recipients: 0, locale: 'zh-CN' });
    const zh = { Authorization: `Bearer ${zw.manager.token}` };
    const slots = await env.request.get('/delivery/slots').set(zh);
    expect(slots.body.items.map((x: { name: string }) => x.name)).toEqual(['午餐', '晚餐']);
    const badCode = await env.request.put('/delivery/slots/Lunch!').set(zh).send({ name: '早餐', readyTime: '07:00', windowStart: '07:30', windowEnd: '08:30' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].message).toBe('只能用小写字母、数字和 _（例如 lunch）。');
    const window = await env.request.put('/delivery/slots/breakfast').set(zh).send({ name: '早餐', kind: 'breakfast', readyTime: '07:30', windowStart: '08:30', windowEnd: '08:00' });
    expect(window.body.errors.find((e: { path: string }) => e.path === 'body.windowEnd').message).toBe('windowStart 必须早于 windowEnd。');
    // A zh-CN reader (no Accept-Language) reads the kinds and their columns in Chinese.
    const zhKinds = await env.request.get('/imports/kinds').set(zh);
    const recipients = zhKinds.body.items.find((k: { kind: string }) => k.kind === 'recipients');
    expect(recipients.description).toBe('送餐对象：每位老人的送餐档案和送餐计划，以身份证号为键。');
    expect(recipients.columns.find((c: { name: string }) => c.name === 'quantity').description).toBe('每次送餐份数（默认 1）');
    const residents = zhKinds.body.items.find((k: { kind: string }) => k.kind === 'residents');
    expect(residents.columns.find((c: { name: string }) => c.name === 'statuses').description).toMatch(/^身份类别，多个用“;”分隔.*extreme_poverty/);
    const person = await env.request.post('/delivery/recipients').set(zh).send({ personId: crypto.randomUUID(), kitchenId: zw.kitchenId });
    expect(person.status).toBe(422);
    expect(person.body.detail).toBe('没有这个人。');
    expect(person.body.errors[0].message).toBe('请先登记此人（POST /people）。');
    const off = await env.request.patch(`/delivery/vehicles/${zw.vehicleIds[1]}`).set(zh).send({ shiftStart: '14:00' });
    expect(off.body).toMatchObject({ detail: '班次的开始时间必须早于结束时间。', errors: [{ path: 'body.shiftEnd', message: '须晚于 14:00。' }] });
    const gone = await env.request.get(`/delivery/kitchens/${crypto.randomUUID()}`).set(zh);
    expect(gone.body.detail).toBe('未找到该厨房。');
    // An integrator asks for English with Accept-Language: today's English sentences, word for word.
    const en = await env.request.patch(`/delivery/vehicles/${zw.vehicleIds[1]}`).set(bearer(zw.manager.token)).send({ shiftStart: '14:00' });
    expect(en.body).toMatchObject({ detail: 'The shift must start before it ends.', errors: [{ path: 'body.shiftEnd', message: 'Not after 14:00.' }] });
  });
});
