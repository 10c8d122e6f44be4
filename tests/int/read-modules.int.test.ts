/**
 * The read modules other domains use instead of the owner's tables (issue 20 §2): nursing's
 * inpatient stays, delivery's home-delivered meals with the slot kind (§3), and the People
 * registry's reads and writes — against the real database, tenant-scoped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { createPerson } from '../support/canteen/api-support.js';
import { plantHomeDeliveries, plantHospitalStay } from '../support/canteen/other-domains.js';
import { tenantDb } from '../../src/db/prisma.js';
import { instantAt } from '../../src/time/index.js';
import { inpatientStays } from '../../src/nursing/read.js';
import { homeDeliveredMeals, slotKindOf } from '../../src/delivery/read.js';
import {
  addressOf,
  livingPeopleNamed,
  personBasics,
  personExists,
  personIdByIdNumber,
  subsidyFactsBy,
  subsidyFactsOf,
} from '../../src/people/read.js';
import { placePersonByHand, recordGeocode } from '../../src/people/index.js';
import { geocodePerson } from '../../src/geocoding/service.js';
import type { Geocoder } from '../../src/geocoding/geocoder.js';

const ZONE = 'Asia/Shanghai';
let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
const who: Record<string, { id: string; idNumber: string }> = {};

beforeAll(async () => {
  env = await createTestEnv('read_modules');
  t = await env.tenant({ timeZone: ZONE });
  other = await env.tenant({ timeZone: ZONE });
  who.a = await createPerson(env, t, {
    name: '王秀兰',
    birthDate: '1944-02-02',
    statuses: [{ code: 'minimum_living', validFrom: '2024-01-01' }],
  });
  who.b = await createPerson(env, t, { name: '王建国', birthDate: '1950-03-03' });
  who.dead = await createPerson(env, t, { name: '王故', birthDate: '1940-04-04', deathDate: '2026-09-01' });
  who.elsewhere = await createPerson(env, other, { name: '王外', birthDate: '1946-05-05' });
}, 60_000);
afterAll(() => env?.close());

describe('nursing/read inpatientStays', () => {
  it('when stays overlap the range or are still open, then they come back as local dates; others, other people and other tenants do not', async () => {
    const db = env.deps.prisma;
    await plantHospitalStay(
      db,
      t.id,
      who.a.id,
      instantAt('2026-09-28', '09:00', ZONE),
      instantAt('2026-10-02', '23:30', ZONE),
    );
    await plantHospitalStay(
      db,
      t.id,
      who.a.id,
      instantAt('2026-08-01', '09:00', ZONE),
      instantAt('2026-08-05', '09:00', ZONE),
    ); // before the range
    await plantHospitalStay(db, t.id, who.b.id, instantAt('2026-10-31', '23:00', ZONE), null); // admitted on the last evening, still in
    await plantHospitalStay(db, other.id, who.elsewhere.id, instantAt('2026-10-10', '09:00', ZONE), null);
    const stays = await inpatientStays(tenantDb(db, t.id), {
      personIds: [who.a.id, who.b.id, who.elsewhere.id],
      from: '2026-10-01',
      to: '2026-10-31',
      timeZone: ZONE,
    });
    expect(stays.sort((x, y) => x.from.localeCompare(y.from))).toEqual([
      { personId: who.a.id, from: '2026-09-28', to: '2026-10-02' },
      { personId: who.b.id, from: '2026-10-31', to: null },
    ]);
  });
});

describe('delivery/read homeDeliveredMeals', () => {
  it('when meals are delivered in slots coded noon/supper, then each comes back with its kind; not-home stops and other dates do not', async () => {
    const db = env.deps.prisma;
    await plantHomeDeliveries(db, t.id, who.b.id, [
      { date: '2026-10-14', slot: 'noon', kind: 'lunch', outcome: 'delivered' },
      { date: '2026-10-14', slot: 'supper', kind: 'dinner', outcome: 'delivered' },
      { date: '2026-10-15', slot: 'noon', kind: 'lunch', outcome: 'not_home' },
      { date: '2026-11-01', slot: 'noon', kind: 'lunch', outcome: 'delivered' },
    ]);
    await plantHomeDeliveries(db, other.id, who.elsewhere.id, [
      { date: '2026-10-14', slot: 'lunch', outcome: 'delivered' },
    ]);
    const meals = await homeDeliveredMeals(tenantDb(db, t.id), {
      personIds: [who.b.id, who.elsewhere.id],
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(meals.sort((x, y) => x.kind.localeCompare(y.kind))).toEqual([
      { personId: who.b.id, localDate: '2026-10-14', kind: 'dinner' },
      { personId: who.b.id, localDate: '2026-10-14', kind: 'lunch' },
    ]);
  });

  it('when an order has no slot row, then its kind follows the code, else the time of day (the migration rule)', () => {
    expect(slotKindOf('breakfast', '11:00')).toBe('breakfast');
    expect(slotKindOf('early', '07:30')).toBe('breakfast');
    expect(slotKindOf('noon', '10:00')).toBe('lunch');
    expect(slotKindOf('late', '15:00')).toBe('dinner');
  });
});

describe('people/read and people/index', () => {
  it('when a diner is looked up by id, card or ID number, then the subsidy facts come back; another tenant’s person is not found', async () => {
    const db = tenantDb(env.deps.prisma, t.id);
    const byId = await subsidyFactsBy(db, { id: who.a.id });
    expect(byId).toMatchObject({
      id: who.a.id,
      name: '王秀兰',
      birthDate: '1944-02-02',
      deathDate: null,
      localHukou: true,
      statuses: [{ code: 'minimum_living', validFrom: '2024-01-01', validTo: null }],
    });
    expect((await subsidyFactsBy(db, { idNumber: who.a.idNumber }))?.id).toBe(who.a.id);
    expect(await subsidyFactsBy(db, { id: who.elsewhere.id })).toBeNull();
    expect((await subsidyFactsOf(db, [who.a.id, who.b.id, who.elsewhere.id])).map((p) => p.id).sort()).toEqual(
      [who.a.id, who.b.id].sort(),
    );
    expect(await personExists(db, who.b.id)).toBe(true);
    expect(await personExists(db, who.elsewhere.id)).toBe(false);
    expect(await personIdByIdNumber(db, who.b.idNumber)).toBe(who.b.id);
    expect(await personIdByIdNumber(db, who.elsewhere.idNumber)).toBeNull();
    expect(await personBasics(db, who.dead.id)).toEqual({ id: who.dead.id, name: '王故', deathDate: '2026-09-01' });
  });

  it('when living people are searched by name within a caller’s scope, then the dead, other tenants and people outside the scope are left out', async () => {
    const db = tenantDb(env.deps.prisma, t.id);
    expect((await livingPeopleNamed(db, { startsWith: '王', limit: 10 })).map((p) => p.name)).toEqual([
      '王建国',
      '王秀兰',
    ]);
    // nursing's scope: not in hospital now (王建国 was admitted on 31 Oct and is still in).
    const admittable = await livingPeopleNamed(db, {
      contains: '王',
      scope: { admissions: { none: { dischargedAt: null } } },
      limit: 10,
    });
    expect(admittable.map((p) => p.name)).toEqual(['王秀兰']);
    expect(await livingPeopleNamed(db, { startsWith: '王', limit: 1 })).toHaveLength(1);
  });

  it('when a geocode result arrives for an address the person no longer has, then it is not recorded; a hand placement is', async () => {
    const db = tenantDb(env.deps.prisma, t.id);
    await env.deps.prisma.person.update({ where: { id: who.b.id }, data: { address: '芦溪镇新街 2 号' } });
    expect(
      await recordGeocode(db, who.b.id, '芦溪镇老街 1 号', {
        lat: 27.6,
        lng: 114.0,
        geocodeStatus: 'ok',
        geocodeConfidence: 0.9,
        geocodeLevel: '门牌号',
      }),
    ).toBe(false);
    expect(await addressOf(db, who.b.id)).toEqual({
      address: '芦溪镇新街 2 号',
      geocodeStatus: null,
      geocodedAddress: null,
    });
    expect(
      await recordGeocode(db, who.b.id, '芦溪镇新街 2 号', {
        lat: 27.6,
        lng: 114.0,
        geocodeStatus: 'ok',
        geocodeConfidence: 0.9,
        geocodeLevel: '门牌号',
      }),
    ).toBe(true);
    expect(await addressOf(db, who.b.id)).toEqual({
      address: '芦溪镇新街 2 号',
      geocodeStatus: 'ok',
      geocodedAddress: '芦溪镇新街 2 号',
    });
    const placed = await placePersonByHand(db, who.b.id, '芦溪镇新街 2 号', { lat: 27.61, lng: 114.01 });
    expect(placed).toEqual({
      id: who.b.id,
      address: '芦溪镇新街 2 号',
      lat: 27.61,
      lng: 114.01,
      geocodeStatus: 'manual',
    });
    expect(
      await recordGeocode(tenantDb(env.deps.prisma, other.id), who.b.id, '芦溪镇新街 2 号', {
        geocodeStatus: 'failed',
      }),
    ).toBe(false);
  });
});

describe('the callers, through the read modules', () => {
  const geocoder = (answer: Awaited<ReturnType<Geocoder['geocode']>> | Error): Geocoder => ({
    provider: 'fake',
    geocode: async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });

  it('when geocoding answers for the current address, then the person gets the point; a geocoder down on the last attempt records failed', async () => {
    const p = await createPerson(env, t, { name: '地址', birthDate: '1951-01-01' });
    await env.deps.prisma.person.update({ where: { id: p.id }, data: { address: '芦溪镇上埠村 8 号' } });
    await geocodePerson(env.deps, t.id, p.id, {
      geocoder: geocoder({ found: true, lat: 27.63, lng: 114.03, confidence: 0.95, level: '门牌号' }),
    });
    expect(
      await env.deps.prisma.person.findUnique({
        where: { id: p.id },
        select: { lat: true, geocodeStatus: true, geocodedAddress: true },
      }),
    ).toEqual({ lat: 27.63, geocodeStatus: 'ok', geocodedAddress: '芦溪镇上埠村 8 号' });
    await env.deps.prisma.person.update({
      where: { id: p.id },
      data: { address: '芦溪镇上埠村 9 号', geocodeStatus: null },
    });
    await geocodePerson(env.deps, t.id, p.id, { geocoder: geocoder(new Error('timeout')), lastAttempt: true });
    expect(await addressOf(tenantDb(env.deps.prisma, t.id), p.id)).toEqual({
      address: '芦溪镇上埠村 9 号',
      geocodeStatus: 'failed',
      geocodedAddress: '芦溪镇上埠村 9 号',
    });
  });

  it('when a manager makes a person a recipient and places the door by hand, then the person is found and placed; an unknown person is 422', async () => {
    const manager = bearer((await t.user(['kitchen_manager'])).token);
    const kitchen = await env.request
      .post('/delivery/kitchens')
      .set(manager)
      .send({ name: '中心厨房', lat: 27.6, lng: 114.1 });
    expect(kitchen.status).toBe(201);
    const unknown = await env.request
      .post('/delivery/recipients')
      .set(manager)
      .send({ personId: who.elsewhere.id, kitchenId: kitchen.body.id });
    expect(unknown.status).toBe(422);
    const r = await env.request
      .post('/delivery/recipients')
      .set(manager)
      .send({ personId: who.a.id, kitchenId: kitchen.body.id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const placed = await env.request
      .patch(`/delivery/recipients/${r.body.id}/location`)
      .set(manager)
      .send({ lat: 27.62, lng: 114.02 });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body).toMatchObject({
      recipientId: r.body.id,
      personId: who.a.id,
      lat: 27.62,
      lng: 114.02,
      geocodeStatus: 'manual',
    });
  });
});
