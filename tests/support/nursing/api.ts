import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { bearer, eventually } from '../harness.js';
import type { TestEnv, TestTenant } from '../harness.js';

/**
 * Helpers for the nursing integration tests: a hospital tenant with the defaults, and short
 * calls for the common set-up (all through the HTTP API).
 */
export const ZONE = 'Asia/Shanghai';

/** A local date `days` after today in the hospital zone. */
export function dayFromToday(days: number): string {
  return DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
}

/** The instant of a local date + time in the hospital zone, as ISO with offset. */
export function at(date: string, time: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toISO()!;
}

export interface Hospital {
  tenant: TestTenant;
  coord: { id: string; token: string };
  call(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown, token?: string): Promise<{ status: number; body: any; text: string; headers: Record<string, string> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  ok<T = any>(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown, token?: string): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function hospital(env: TestEnv): Promise<Hospital> {
  const tenant = await env.tenant({ timeZone: ZONE });
  const coord = await tenant.user(['hospital_coordinator']);
  const call: Hospital['call'] = async (method, path, body, token = coord.token) => {
    // Like a real client: every write carries a fresh Idempotency-Key (some routes require one).
    const req = env.request[method](path).set(bearer(token));
    if (method !== 'get') req.set('Idempotency-Key', randomUUID());
    const res = body === undefined ? await req : await req.send(body as object);
    return { status: res.status, body: res.body, text: res.text, headers: res.headers as Record<string, string> };
  };
  const ok: Hospital['ok'] = async (method, path, body, token) => {
    const res = await call(method, path, body, token);
    if (res.status >= 300) throw new Error(`${method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  await ok('post', '/nursing/setup/defaults');
  return { tenant, coord, call, ok };
}

let seq = 0;
export async function person(h: Hospital, gender: 'male' | 'female' = 'female', name?: string): Promise<string> {
  seq++;
  const p = await h.ok('post', '/people', { name: name ?? `病人${seq}${randomBytes(2).toString('hex')}`, gender, birthDate: '1940-05-06' });
  return p.id;
}

export interface AideInput {
  name?: string; gender?: 'male' | 'female'; certificateExpiry?: string; skills?: string[]; homeWardIds?: string[];
  maxWeeklyHours?: number; minRestHours?: number; maxConsecutiveDays?: number; leaveDates?: string[]; userId?: string;
}
export async function aide(h: Hospital, input: AideInput = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  seq++;
  return h.ok('post', '/nursing/aides', {
    name: input.name ?? `护理员${seq}`, gender: input.gender ?? 'female', certificateNo: `CERT-${seq}`,
    certificateExpiry: input.certificateExpiry ?? '2099-12-31', skills: input.skills ?? [], homeWardIds: input.homeWardIds ?? [],
    ...(input.maxWeeklyHours ? { maxWeeklyHours: input.maxWeeklyHours } : {}), ...(input.minRestHours !== undefined ? { minRestHours: input.minRestHours } : {}),
    ...(input.leaveDates ? { leaveDates: input.leaveDates } : {}), ...(input.userId ? { userId: input.userId } : {}),
    ...(input.maxConsecutiveDays ? { maxConsecutiveDays: input.maxConsecutiveDays } : {}),
  });
}

/** Admits a new person to a ward bed and books consented, active care. Returns the booking. */
export async function patient(h: Hospital, o: {
  wardId: string; bed?: string; barthel: number; levelCode?: string; overrideReason?: string; gender?: 'male' | 'female';
  admittedAt?: string; startDate?: string; genderPreference?: 'male' | 'female'; genderRequired?: boolean; consent?: boolean; signedAt?: string;
}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const personId = await person(h, o.gender ?? 'female');
  const adm = await h.ok('post', '/nursing/admissions', { personId, wardId: o.wardId, ...(o.bed ? { bedCode: o.bed } : {}), ...(o.admittedAt ? { admittedAt: o.admittedAt } : {}) });
  const consent = o.consent === false ? undefined : { signerName: '家属', relation: '儿子', method: 'paper', ...(o.signedAt ? { signedAt: o.signedAt } : {}) };
  return h.ok('post', '/nursing/bookings', {
    admissionId: adm.id, barthelScore: o.barthel, ...(o.levelCode ? { levelCode: o.levelCode } : {}), ...(o.overrideReason ? { overrideReason: o.overrideReason } : {}),
    ...(o.startDate ? { startDate: o.startDate } : {}), ...(o.genderPreference ? { genderPreference: o.genderPreference } : {}),
    ...(o.genderRequired ? { genderRequired: true } : {}), ...(consent ? { consent, activate: true } : {}),
  });
}

/** Requests a roster and waits for the job to finish; returns the finished run. */
export async function roster(h: Hospital, fromDate: string, toDate: string, wardIds?: string[]): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const queued = await h.ok('post', '/nursing/rosters', { fromDate, toDate, ...(wardIds ? { wardIds } : {}) });
  expect(queued.status).toBe('queued');
  const run = await eventually(async () => {
    const r = await h.ok('get', `/nursing/rosters/${queued.id}`);
    return r.status === 'done' || r.status === 'failed' ? r : undefined;
  }, 60_000, 150);
  if (run.status === 'failed') throw new Error(`roster failed: ${run.error}`);
  return run;
}
