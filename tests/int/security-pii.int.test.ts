import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { makeIdNumber } from '../../src/people/id-card.js';
import { bindOperator, checkout, createCanteen, stopListening, zoneNearNoon } from '../support/canteen/api-support.js';

let env: TestEnv;
let t: TestTenant;
let manager: { id: string; token: string };
let cashier: { id: string; token: string };
let auditor: { id: string; token: string };
let canteen: string;
const BIRTH = '1941-07-19';
const ID = makeIdNumber('360302', BIRTH, 7);
const PHONE = '13907991234';
let personId: string;

beforeAll(async () => {
  env = await createTestEnv('sec_pii');
  t = await env.tenant({ timeZone: zoneNearNoon(), locale: 'zh-CN' });
  manager = await t.user(['kitchen_manager']);
  cashier = await t.user(['canteen_operator']);
  auditor = await t.user(['auditor']);
  canteen = await createCanteen(env, t, '城东社区食堂', { breakfast: 400, lunch: 1000, dinner: 800 });
  await bindOperator(env, t, canteen, cashier.id);
  const p = await env.request.post('/people').set(bearer(manager.token)).send({
    name: '刘秀英', gender: 'female', birthDate: BIRTH, idNumber: ID, phone: PHONE, cardNumber: 'PX1007',
    statuses: [{ code: 'empty_nest', validFrom: '2025-01-01', note: `子女电话 ${PHONE}，身份证 ${ID}` }],
  });
  expect(p.status).toBe(201);
  personId = p.body.id;
  const upd = await env.request.patch(`/people/${personId}`).set(bearer(manager.token)).send({ phone: '13907995678', address: '新泉村1号' });
  expect(upd.status).toBe(200);
});
afterAll(async () => {
  await stopListening(env);
  await env?.close();
});

const digitsOf = (s: string) => s.replace(/\D/g, '');

describe('masked ID numbers cannot be rebuilt by roles that see them masked', () => {
  it('when a kitchen manager reads a person, then the ID is masked and no full birth date stands beside it (year and today’s age only)', async () => {
    for (const path of [`/people/${personId}`, `/people/${personId}?on=1990-07-18`, '/people']) {
      const res = await env.request.get(path).set(bearer(manager.token));
      expect(res.status).toBe(200);
      const body = JSON.stringify(res.body);
      expect(body).not.toContain(ID);
      expect(body).not.toContain(BIRTH);
      expect(body).not.toContain(digitsOf(BIRTH));
      const row = res.body.items ? res.body.items[0] : res.body;
      expect(row).toMatchObject({ idNumber: `3603**********${ID.slice(-4)}`, birthDate: null, birthYear: 1941 });
    }
    // The age does not follow `on` for masked roles: bisecting dates would reveal the birthday.
    const eve = await env.request.get(`/people/${personId}`).query({ on: '2026-07-18' }).set(bearer(manager.token));
    const day = await env.request.get(`/people/${personId}`).query({ on: '2026-07-19' }).set(bearer(manager.token));
    expect(eve.body.age).toBe(day.body.age);
    const admin = await env.request.get(`/people/${personId}`).query({ on: '2026-07-18' }).set(bearer(t.adminToken));
    expect(admin.body).toMatchObject({ idNumber: ID, birthDate: BIRTH, age: 84 });
  });

  it('when a non-admin searches by a full ID, an ID prefix or a phone, then 403 naming query.q; by name it works; admins may search numbers', async () => {
    for (const q of [ID, ID.slice(0, 17), ID.slice(0, 6), PHONE.slice(0, 7), '13907995678', '+86 139 0799 5678']) {
      const res = await env.request.get('/people').query({ q }).set(bearer(manager.token));
      expect(res.status, q).toBe(403);
      expect(res.body.errors[0].path).toBe('query.q');
    }
    const byName = await env.request.get('/people').query({ q: '秀英' }).set(bearer(manager.token));
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    for (const q of [ID, ID.slice(0, 10), '13907995678', '+86 139 0799 5678']) {
      const res = await env.request.get('/people').query({ q }).set(bearer(t.adminToken));
      expect(res.body.items.map((p: { id: string }) => p.id), q).toEqual([personId]);
    }
    // A wrong candidate and a right one look the same to a non-admin: both refused.
    expect((await env.request.get('/people').query({ q: makeIdNumber('360302', BIRTH, 9) }).set(bearer(manager.token))).status).toBe(403);
  });

  it('when a cashier tries to browse the registry, then 403; checkout by ID or card still names the diner and the rule, masked', async () => {
    expect((await env.request.get('/people').set(bearer(cashier.token))).status).toBe(403);
    expect((await env.request.get(`/people/${personId}`).set(bearer(cashier.token))).status).toBe(403);
    const byId = await checkout(env, cashier.token, canteen, { idNumber: ID, slot: 'lunch' });
    expect(byId.status, JSON.stringify(byId.body)).toBe(201);
    expect(byId.body).toMatchObject({ diner: { personId, name: '刘秀英', idNumber: `3603**********${ID.slice(-4)}` }, rule: expect.any(String) });
    expect(JSON.stringify(byId.body)).not.toContain(ID);
    expect(JSON.stringify(byId.body)).not.toContain(BIRTH);
    const byCard = await checkout(env, cashier.token, canteen, { cardNumber: 'PX1007', slot: 'lunch' }); // second lunch: full price, still named
    expect(byCard.status).toBe(201);
    expect(byCard.body.diner.name).toBe('刘秀英');
  });
});

describe('the audit log shows ID numbers and phones masked to everyone but admins', () => {
  it('when the auditor reads the audit log, then no full ID number, phone or birth date appears, in before/after alike', async () => {
    const res = await env.request.get('/audit-log').query({ limit: 200 }).set(bearer(auditor.token));
    expect(res.status).toBe(200);
    const body = JSON.stringify(res.body);
    const update = res.body.items.find((r: { action: string }) => r.action === 'person.update');
    expect(update.before).toMatchObject({ idNumber: `3603**********${ID.slice(-4)}`, phone: '139****1234', birthDate: '1941-**-**' });
    expect(update.after).toMatchObject({ phone: '139****5678', address: '新泉村1号' });
    for (const secret of [ID, PHONE, '13907995678', BIRTH]) expect(body).not.toContain(secret);
    const created = res.body.items.find((r: { action: string }) => r.action === 'person.create');
    expect(created.after.statuses[0].note).toBe(`子女电话 139****1234，身份证 3603**********${ID.slice(-4)}`);
  });

  it('when an admin reads the audit log, then the rows are shown as written', async () => {
    const res = await env.request.get('/audit-log').query({ entity: 'Person', limit: 200 }).set(bearer(t.adminToken));
    const update = res.body.items.find((r: { action: string }) => r.action === 'person.update');
    expect(update.before).toMatchObject({ idNumber: ID, phone: PHONE, birthDate: BIRTH });
  });
});
