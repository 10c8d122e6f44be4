import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { makeIdNumber } from '../../src/people/id-card.js';

let env: TestEnv;
let t: TestTenant;
let manager: { id: string; token: string };

beforeAll(async () => {
  env = await createTestEnv('people');
  t = await env.tenant();
  manager = await t.user(['kitchen_manager']);
});
afterAll(() => env?.close());

const idFor = (birth: string, seq: number) => makeIdNumber('360323', birth, seq);

describe('people registry', () => {
  it('when a person is created, then admins see the full ID number and others a masked one', async () => {
    const idNumber = idFor('1940-03-15', 21);
    const res = await env.request.post('/people').set(bearer(manager.token))
      .send({ name: '刘秀英', gender: 'female', birthDate: '1940-03-15', idNumber, phone: '13912345678', livesAlone: true });
    expect(res.status).toBe(201);
    expect(res.body.idNumber).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    const asAdmin = await env.request.get(`/people/${res.body.id}`).set(bearer(t.adminToken));
    expect(asAdmin.body.idNumber).toBe(idNumber);
    expect(asAdmin.body.phone).toBe('13912345678');
    const list = await env.request.get('/people').set(bearer(manager.token));
    const row = list.body.items.find((p: { id: string }) => p.id === res.body.id);
    expect(row.phone).toBe('139****5678');
    expect(row.idNumber).not.toBe(idNumber);
  });

  it('when the ID number fails its checksum, then 400 names body.idNumber and nothing is written', async () => {
    const good = idFor('1941-01-01', 31);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await env.deps.prisma.person.count();
    const res = await env.request.post('/people').set(bearer(manager.token)).send({ name: 'X', gender: 'male', birthDate: '1941-01-01', idNumber: bad });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.idNumber', message: 'The check character does not match (mistyped digit?).' })]);
    expect(await env.deps.prisma.person.count()).toBe(before);
    // A zh-CN reader (no Accept-Language) reads the same check in Chinese.
    const zh = await env.request.post('/people').set('Authorization', `Bearer ${manager.token}`).send({ name: 'X', gender: 'male', birthDate: '1941-01-01', idNumber: bad });
    expect(zh.body.errors).toEqual([expect.objectContaining({ path: 'body.idNumber', message: '身份证号校验码不符（是否有数字输错？）。' })]);
    const format = await env.request.post('/people').set('Authorization', `Bearer ${manager.token}`).send({ name: 'X', gender: 'male', birthDate: '1941-01-01', idNumber: '12345' });
    expect(format.body.errors[0].message).toBe('身份证号应为17位数字加1位校验码（数字或X）。');
  });

  it('when the birth date does not match the one inside the ID number, then 400 on body.idNumber', async () => {
    const res = await env.request.post('/people').set(bearer(manager.token))
      .send({ name: 'X', gender: 'male', birthDate: '1941-01-02', idNumber: idFor('1941-01-01', 33) });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: 'body.idNumber', message: 'The ID number encodes birth date 1941-01-01, not 1941-01-02.' });
    const zh = await env.request.post('/people').set('Authorization', `Bearer ${manager.token}`)
      .send({ name: 'X', gender: 'male', birthDate: '1941-01-02', idNumber: idFor('1941-01-01', 33) });
    expect(zh.body.errors[0]).toMatchObject({ path: 'body.idNumber', message: '身份证号中的出生日期是1941-01-01，不是1941-01-02。' });
  });

  it('when the same ID number is registered twice, then 409', async () => {
    const p = { name: 'Y', gender: 'male', birthDate: '1942-02-02', idNumber: idFor('1942-02-02', 41) };
    expect((await env.request.post('/people').set(bearer(manager.token)).send(p)).status).toBe(201);
    const dup = await env.request.post('/people').set(bearer(manager.token)).send({ ...p, name: 'Z' });
    expect(dup.status).toBe(409);
    expect(dup.headers['content-type']).toMatch(/problem\+json/);
    expect(dup.body.detail).toBe('A person with this ID number is already registered.');
    const zh = await env.request.post('/people').set('Authorization', `Bearer ${manager.token}`).send({ ...p, name: 'Z' });
    expect(zh.body).toMatchObject({ detail: '已有人员使用该身份证号登记。', errors: [{ path: 'body.idNumber', message: '本机构已登记过该身份证号。' }] });
  });

  it('when asked on a date, then age and active statuses are computed on that local date', async () => {
    const res = await env.request.post('/people').set(bearer(manager.token)).send({
      name: '王德明', gender: 'male', birthDate: '1936-11-23', idNumber: idFor('1936-11-23', 51),
      statuses: [{ code: 'minimum_living', validFrom: '2025-01-01', validTo: '2026-06-30' }, { code: 'extreme_poverty', validFrom: '2026-07-01' }],
    });
    // Age on an arbitrary date is for admins (others could bisect for the birthday); statuses on a date are for all readers.
    const onEve = await env.request.get(`/people/${res.body.id}`).query({ on: '2026-11-22' }).set(bearer(t.adminToken));
    expect(onEve.body.age).toBe(89);
    const onDay = await env.request.get(`/people/${res.body.id}`).query({ on: '2026-11-23' }).set(bearer(manager.token));
    const onDayAdmin = await env.request.get(`/people/${res.body.id}`).query({ on: '2026-11-23' }).set(bearer(t.adminToken));
    expect(onDayAdmin.body.age).toBe(90);
    expect(onDay.body.statuses.map((s: { code: string; activeOnDate: boolean }) => [s.code, s.activeOnDate]))
      .toEqual([['minimum_living', false], ['extreme_poverty', true]]);
    const mid = await env.request.get(`/people/${res.body.id}`).query({ on: '2026-06-30' }).set(bearer(manager.token));
    expect(mid.body.statuses.map((s: { activeOnDate: boolean }) => s.activeOnDate)).toEqual([true, false]);
  });

  it('when a status is ended, then it stays in history with its end date; an end before the start is refused', async () => {
    const p = await env.request.post('/people').set(bearer(manager.token)).send({
      name: 'S', gender: 'female', birthDate: '1944-04-04', statuses: [{ code: 'empty_nest', validFrom: '2025-01-01' }],
    });
    const statusId = p.body.statuses[0].id;
    const ended = await env.request.post(`/people/${p.body.id}/statuses/${statusId}/end`).set(bearer(manager.token)).send({ validTo: '2026-01-31' });
    expect(ended.body.statuses[0]).toMatchObject({ validTo: '2026-01-31' });
    const bad = await env.request.post(`/people/${p.body.id}/statuses/${statusId}/end`).set(bearer(manager.token)).send({ validTo: '2024-01-01' });
    expect(bad.status).toBe(409);
  });

  it('when listing with a cursor, then pages do not overlap and end with a null cursor; search finds by name and by ID prefix', async () => {
    const fresh = await env.tenant();
    for (let i = 0; i < 5; i++) {
      await env.request.post('/people').set(bearer(fresh.adminToken)).send({ name: `张${i}`, gender: 'male', birthDate: '1950-01-01', idNumber: idFor('1950-01-01', 600 + i) });
    }
    const first = await env.request.get('/people').query({ limit: 2 }).set(bearer(fresh.adminToken));
    const second = await env.request.get('/people').query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(fresh.adminToken));
    const third = await env.request.get('/people').query({ limit: 2, cursor: second.body.nextCursor }).set(bearer(fresh.adminToken));
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.body.nextCursor).toBeNull();
    const byName = await env.request.get('/people').query({ q: '张3' }).set(bearer(fresh.adminToken));
    expect(byName.body.items.map((p: { name: string }) => p.name)).toEqual(['张3']);
    const byId = await env.request.get('/people').query({ q: idFor('1950-01-01', 602).slice(0, 17) }).set(bearer(fresh.adminToken));
    expect(byId.body.items.map((p: { name: string }) => p.name)).toEqual(['张2']);
  });

  it('when an update makes the ID number disagree with the stored birth date, then 409 and nothing changes', async () => {
    const p = await env.request.post('/people').set(bearer(manager.token)).send({ name: 'U', gender: 'male', birthDate: '1943-03-03' });
    const res = await env.request.patch(`/people/${p.body.id}`).set(bearer(manager.token)).send({ idNumber: idFor('1943-03-04', 71) });
    expect(res.status).toBe(409);
    const zh = await env.request.patch(`/people/${p.body.id}`).set('Authorization', `Bearer ${manager.token}`).send({ idNumber: idFor('1943-03-04', 71) });
    expect(zh.body).toMatchObject({ detail: '身份证号与出生日期不一致。', errors: [{ message: '与出生日期1943-03-03不符。' }] });
    const missing = await env.request.get('/people/00000000-0000-7000-8000-000000000000').set('Authorization', `Bearer ${manager.token}`);
    expect(missing.body.detail).toBe('未找到该人员。');
    const after = await env.request.get(`/people/${p.body.id}`).set(bearer(t.adminToken));
    expect(after.body.idNumber).toBeNull();
  });
});
