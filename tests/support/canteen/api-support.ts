/**
 * Helpers shared by the canteen integration tests (tests/int/canteen-*.int.test.ts). Everything
 * goes through the HTTP API of the test environment.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import supertest from 'supertest';
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { bearer } from '../harness.js';
import type { TestEnv, TestTenant } from '../harness.js';
import { makeIdNumber } from '../../../src/people/id-card.js';

/**
 * A zone in which it is now between 11:00 and 13:00, so that "today" cannot roll over while a test
 * that voids a meal of today runs, whenever the suite is started.
 */
export function zoneNearNoon(now = new Date()): string {
  const zones = [
    'Pacific/Pago_Pago', 'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Chicago',
    'America/New_York', 'America/Halifax', 'America/Sao_Paulo', 'Atlantic/South_Georgia', 'Atlantic/Cape_Verde', 'UTC',
    'Europe/Paris', 'Europe/Athens', 'Europe/Moscow', 'Asia/Dubai', 'Asia/Karachi', 'Asia/Dhaka', 'Asia/Bangkok',
    'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Brisbane', 'Pacific/Noumea', 'Pacific/Auckland', 'Pacific/Tongatapu', 'Pacific/Kiritimati',
  ];
  const distance = (z: string) => {
    const t = DateTime.fromJSDate(now, { zone: z });
    return Math.abs(t.hour * 60 + t.minute - 12 * 60);
  };
  return zones.reduce((best, z) => (distance(z) < distance(best) ? z : best));
}

/** Birth date of someone who is `age` on `onDate` (their birthday `daysAfterBirthday` days before). */
export function bornAged(onDate: string, age: number, daysAfterBirthday = 30): string {
  return DateTime.fromISO(onDate, { zone: 'UTC' }).minus({ years: age, days: daysAfterBirthday }).toISODate()!;
}

let seq = 0;
export interface PersonInput {
  name?: string;
  birthDate: string;
  localHukou?: boolean;
  cardNumber?: string;
  deathDate?: string;
  statuses?: { code: string; validFrom: string; validTo?: string | null }[];
}

/** Registers a person (as admin) with a valid ID number; returns id and idNumber. */
export async function createPerson(env: TestEnv, t: TestTenant, p: PersonInput): Promise<{ id: string; idNumber: string }> {
  seq += 1;
  const idNumber = makeIdNumber('360302', p.birthDate, (seq * 7) % 1000);
  const res = await env.request.post('/people').set(bearer(t.adminToken)).send({
    name: p.name ?? `居民${seq}`, gender: seq % 2 ? 'male' : 'female', birthDate: p.birthDate, idNumber, ...pick(p),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, idNumber };
}

function pick(p: PersonInput) {
  const { name: _n, birthDate: _b, ...rest } = p;
  return rest;
}

/** A valid ID number that nobody in the tenant holds. */
export function strangerIdNumber(birthDate = '1950-05-05'): string {
  seq += 1;
  return makeIdNumber('110101', birthDate, 500 + (seq % 400));
}

export async function createCanteen(env: TestEnv, t: TestTenant, name: string, prices: Record<string, number>, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await env.request.post('/canteens').set(bearer(t.adminToken)).send({ name, prices, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

export async function bindOperator(env: TestEnv, t: TestTenant, canteenId: string, userId: string): Promise<void> {
  const res = await env.request.post(`/canteens/${canteenId}/operators`).set(bearer(t.adminToken)).send({ userId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const listening = new WeakMap<TestEnv, { server: Server; request: ReturnType<typeof supertest> }>();

/**
 * supertest(app) starts a fresh HTTP server for every request; seeding hundreds of checkouts goes
 * much faster through one server that stays up. Close it with {@link stopListening}.
 */
function requestFor(env: TestEnv): ReturnType<typeof supertest> {
  let l = listening.get(env);
  if (!l) {
    const server = env.app.listen(0, '127.0.0.1');
    l = { server, request: supertest(server) };
    listening.set(env, l);
  }
  return l.request;
}

export async function stopListening(env: TestEnv | undefined): Promise<void> {
  const l = env && listening.get(env);
  if (!l) return;
  listening.delete(env!);
  await new Promise<void>((resolve) => {
    l.server.close(() => resolve());
    l.server.closeAllConnections();
  });
}

/** POST /canteens/:id/meals with a fresh (or the given) Idempotency-Key. */
export function checkout(env: TestEnv, token: string, canteenId: string, body: Record<string, unknown>, key: string = randomUUID()) {
  return requestFor(env).post(`/canteens/${canteenId}/meals`).set(bearer(token)).set('Idempotency-Key', key).send(body);
}

/** The instant of a local date and time in a zone, as ISO with offset (what a till sends). */
export function servedAt(localDate: string, time: string, zone: string): string {
  return DateTime.fromISO(`${localDate}T${time}`, { zone }).toISO()!;
}

/**
 * A meal served in the past (or outside the serving hours), recorded the way the rules allow it:
 * by the tenant's admin with a manager override. An override that is not needed is ignored.
 */
export function recordLate(env: TestEnv, t: TestTenant, canteenId: string, body: Record<string, unknown>, key?: string) {
  return checkout(env, t.adminToken, canteenId, { ...body, override: { reason: '补录纸质台账（测试）' } }, key);
}

/** Stamps meals as recorded when served, as an online till would have (audit fixtures of past months). */
export async function stampRecordedLive(env: TestEnv, mealIds: string[]): Promise<void> {
  await env.deps.prisma.$executeRaw`UPDATE "CanteenMeal" SET "recordedAt" = "servedAt", "overrideKinds" = '{}', "overrideReason" = NULL, "overrideBy" = NULL
    WHERE id = ANY(${mealIds}::uuid[])`;
}
