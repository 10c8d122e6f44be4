// npm run bench:delivery-day -- [--recipients 400] [--vans 25] [--time-limit 5]
//
// A county kitchen's day through the real API, server and workers in this process, on a throwaway
// PostgreSQL database: tomorrow's orders (and the idempotent re-run), the lunch route plan (the
// `routes.plan` job with its solver thread), publishing, the production sheet, the dashboard, the
// map and one driver's list. Recipients live in villages within ~8 km of the kitchen. The same
// server answering GET /me is the reference measured in the same run.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createTenantWithAdmin } from '../src/tenancy/service.js';
import { addDays, today } from '../src/time/index.js';
import { withService } from './lib/service.js';

const { values } = parseArgs({ options: { recipients: { type: 'string', default: '400' }, vans: { type: 'string', default: '25' }, 'time-limit': { type: 'string', default: '5' } } });
const recipientCount = Number(values.recipients);
const vanCount = Number(values.vans);
const timeLimitMs = Number(values['time-limit']) * 1000;
const ZONE = 'Asia/Shanghai';
const KITCHEN = { lat: 27.6305, lng: 114.0312 };

/** Deterministic pseudo-random numbers, so every run plans the same township. */
let seed = 7;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);

await withService('delivery', async ({ deps, baseUrl }) => {
  const created = await createTenantWithAdmin(deps.prisma, { name: 'bench delivery', timeZone: ZONE });
  const tenantId = created.tenant.id;
  const api = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
  };
  const admin = created.token.token;

  const kitchen = await api<{ id: string }>(admin, 'POST', '/delivery/kitchens', { name: '县中心厨房', ...KITCHEN, capacityPerSlot: 2000 });
  const drivers: { id: string; token: string }[] = [];
  for (let v = 0; v < vanCount; v++) {
    const user = await api<{ id: string }>(admin, 'POST', '/users', { username: `driver${v}`, displayName: `送餐员${v}`, roles: ['driver'] });
    drivers.push({ id: user.id, token: (await api<{ token: string }>(admin, 'POST', `/users/${user.id}/tokens`, { name: 'bench' })).token });
    await api(admin, 'POST', '/delivery/vehicles', { kitchenId: kitchen.id, driverUserId: user.id, name: `送餐车${v + 1}号`, capacity: 30, shiftStart: '09:30', shiftEnd: '13:30' });
  }
  // Recipients in 40 villages up to ~8 km away, lunch every day, a quarter also dinner.
  const villages = Array.from({ length: 40 }, () => ({ lat: KITCHEN.lat + (rnd() - 0.5) * 0.14, lng: KITCHEN.lng + (rnd() - 0.5) * 0.16 }));
  const persons = Array.from({ length: recipientCount }, (_, i) => {
    const v = villages[i % villages.length];
    return { id: randomUUID(), tenantId, name: `老人${i}`, gender: i % 2 ? 'male' as const : 'female' as const, birthDate: addDays('1930-01-01', i * 13 % 9000), lat: v.lat + (rnd() - 0.5) * 0.004, lng: v.lng + (rnd() - 0.5) * 0.004, livesAlone: true };
  });
  await deps.prisma.person.createMany({ data: persons });
  const recipients = persons.map((p) => ({ id: randomUUID(), tenantId, personId: p.id, kitchenId: kitchen.id, allergies: [] }));
  await deps.prisma.recipient.createMany({ data: recipients });
  await deps.prisma.mealPlan.createMany({
    data: recipients.map((r, i) => ({ tenantId, recipientId: r.id, slotCodes: i % 4 === 0 ? ['lunch', 'dinner'] : ['lunch'], weekdays: [1, 2, 3, 4, 5, 6, 7], startDate: '2026-01-01' })),
  });

  const date = addDays(today(ZONE), 1);
  const rows: { step: string; seconds: number; result: string }[] = [];
  const step = async <T>(name: string, work: () => Promise<T>, describe: (r: T) => string): Promise<T> => {
    const t0 = performance.now();
    const r = await work();
    rows.push({ step: name, seconds: (performance.now() - t0) / 1000, result: describe(r) });
    return r;
  };
  const me = () => step('GET /me (reference)', () => api(admin, 'GET', '/me'), () => '');
  await me();
  await step('orders: generate tomorrow', () => api<{ created: number }>(admin, 'POST', '/delivery/orders/generate', { date }), (r) => `${r.created} created`);
  await step('orders: generate again (idempotent)', () => api<{ unchanged: number; created: number }>(admin, 'POST', '/delivery/orders/generate', { date }), (r) => `${r.created} created, ${r.unchanged} unchanged`);
  type Plan = { id: string; status: string; routes: { stops: unknown[]; distanceKm?: number }[]; unassigned: { reason: string }[]; totals?: Record<string, number> };
  const plan = await step(`lunch route plan (job, solver ${timeLimitMs / 1000} s)`, async () => {
    const { id } = await api<{ id: string }>(admin, 'POST', '/delivery/route-plans', { date, slot: 'lunch', kitchenId: kitchen.id, timeLimitMs });
    for (;;) {
      const p = await api<Plan>(admin, 'GET', `/delivery/route-plans/${id}`);
      if (p.status === 'done') return p;
      if (p.status === 'failed') throw new Error(`plan failed: ${JSON.stringify(p)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, (p) => `${p.routes.length} routes, ${p.routes.reduce((a, r) => a + r.stops.length, 0)} stops, ${p.unassigned.length} unassigned${p.unassigned.length ? ` (${[...new Set(p.unassigned.map((u) => u.reason))].join(', ')})` : ''}`);
  await step('publish', () => api(admin, 'POST', `/delivery/route-plans/${plan.id}/publish`, {}), () => 'published');
  await step('production sheet (JSON)', () => api<{ labels?: unknown[] }>(admin, 'GET', `/delivery/production?date=${date}&slot=lunch&kitchen=${kitchen.id}`), (r) => `${r.labels?.length ?? '?'} labels`);
  await step('production sheet (HTML)', () => api<string>(admin, 'GET', `/delivery/production.html?date=${date}&slot=lunch&kitchen=${kitchen.id}`), (r) => `${Math.round(r.length / 1024)} KiB`);
  await step('dashboard', () => api(admin, 'GET', `/delivery/dashboard?date=${date}`), () => '');
  await step('route map (SVG)', () => api<string>(admin, 'GET', `/delivery/route-plans/${plan.id}/map.svg`), (r) => `${Math.round(r.length / 1024)} KiB`);
  await step('a driver\u2019s list (GET /me/routes)', () => api<{ routes: { stops: unknown[] }[] }>(drivers[0].token, 'GET', `/me/routes?date=${date}`), (r) => `${r.routes.reduce((a, x) => a + x.stops.length, 0)} stops`);
  await me();

  console.log(`\nA county kitchen's day: ${recipientCount} recipients, ${vanCount} vans × 30 boxes, date ${date}\n`);
  console.log('| step | seconds | result |');
  console.log('|---|---:|---|');
  for (const r of rows) console.log(`| ${r.step} | ${r.seconds.toFixed(3)} | ${r.result} |`);
});
