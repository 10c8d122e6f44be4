// npm run bench:desk -- [--recipients 1500] [--vans 50] [--time-limit 5] [--runs 30]
//
// The planning desk (/app/desk) for a county kitchen's day, through the real server and workers in
// this process on a throwaway database: page weight (HTML and the assets a first visit loads, raw and
// gzip) and server time p50/p95 of the desk page, next to GET /me measured in the same run.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { SESSION_COOKIE, createSession } from '../src/http/sessions.js';
import { createTenantWithAdmin } from '../src/tenancy/service.js';
import { addDays, today } from '../src/time/index.js';
import { withService } from './lib/service.js';

const { values } = parseArgs({ options: { recipients: { type: 'string', default: '1500' }, vans: { type: 'string', default: '50' }, 'time-limit': { type: 'string', default: '5' }, runs: { type: 'string', default: '30' } } });
const recipientCount = Number(values.recipients);
const vanCount = Number(values.vans);
const timeLimitMs = Number(values['time-limit']) * 1000;
const runs = Number(values.runs);
const ZONE = 'Asia/Shanghai';
const KITCHEN = { lat: 27.6305, lng: 114.0312 };
let seed = 11;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

await withService('desk', async ({ deps, baseUrl }) => {
  const created = await createTenantWithAdmin(deps.prisma, { name: 'bench desk', timeZone: ZONE });
  const tenantId = created.tenant.id;
  const admin = created.token.token;
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  const kitchen = await api<{ id: string }>('POST', '/delivery/kitchens', { name: '县中心厨房', ...KITCHEN, capacityPerSlot: 3000 });
  for (let v = 0; v < vanCount; v++) {
    const user = await api<{ id: string }>('POST', '/users', { username: `driver${v}`, displayName: `送餐员${v}`, roles: ['driver'] });
    await api('POST', '/delivery/vehicles', { kitchenId: kitchen.id, driverUserId: user.id, name: `送餐车${v + 1}号`, capacity: 30, shiftStart: '09:30', shiftEnd: '13:30' });
  }
  const villages = Array.from({ length: 60 }, () => ({ lat: KITCHEN.lat + (rnd() - 0.5) * 0.14, lng: KITCHEN.lng + (rnd() - 0.5) * 0.16 }));
  const persons = Array.from({ length: recipientCount }, (_, i) => {
    const v = villages[i % villages.length];
    return { id: randomUUID(), tenantId, name: `老人${i}`, gender: i % 2 ? 'male' as const : 'female' as const, birthDate: addDays('1930-01-01', (i * 13) % 9000), lat: v.lat + (rnd() - 0.5) * 0.004, lng: v.lng + (rnd() - 0.5) * 0.004, livesAlone: i % 3 === 0 };
  });
  await deps.prisma.person.createMany({ data: persons });
  const recipients = persons.map((p, i) => ({ id: randomUUID(), tenantId, personId: p.id, kitchenId: kitchen.id, allergies: i % 7 === 0 ? ['花生'] : [], diet: i % 5 === 0 ? 'diabetic' as const : 'regular' as const }));
  await deps.prisma.recipient.createMany({ data: recipients });
  await deps.prisma.mealPlan.createMany({ data: recipients.map((r) => ({ tenantId, recipientId: r.id, slotCodes: ['lunch'], weekdays: [1, 2, 3, 4, 5, 6, 7], startDate: '2026-01-01' })) });
  const date = addDays(today(ZONE), 1);
  await api('POST', '/delivery/orders/generate', { date });
  const { id: planId } = await api<{ id: string }>('POST', '/delivery/route-plans', { date, slot: 'lunch', kitchenId: kitchen.id, timeLimitMs });
  let plan: { status: string; routes: { stops: unknown[] }[]; unassigned: unknown[] };
  do {
    await new Promise((r) => setTimeout(r, 200));
    plan = await api('GET', `/delivery/route-plans/${planId}`);
  } while (plan.status === 'queued' || plan.status === 'running');

  // A manager's browser session (the desk is a page; the API reference uses the same user's session too).
  const manager = await api<{ id: string }>('POST', '/users', { username: 'manager', displayName: '王经理', roles: ['kitchen_manager'], password: 'correct-horse-9' });
  const { secret } = await createSession(deps.prisma, { id: manager.id, tenantId }, 'password');
  const cookie = `${SESSION_COOKIE}=${secret}`;
  const timed = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookie, Accept: 'text/html,application/json' } });
    const body = await res.text();
    if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
    return { ms: performance.now() - t0, body };
  };
  const deskPath = `/app/desk?kitchen=${kitchen.id}&date=${date}&slot=lunch&plan=${planId}`;
  const first = await timed(deskPath);
  await timed('/me');
  const desk: number[] = [];
  const me: number[] = [];
  for (let i = 0; i < runs; i++) {
    desk.push((await timed(deskPath)).ms);
    me.push((await timed('/me')).ms);
  }
  const assets = [...first.body.matchAll(/(?:src|href)="(\/app\/assets\/[^"]+)"/g)].map((m) => m[1]);
  let assetRaw = 0;
  let assetGzip = 0;
  for (const a of assets) {
    const buf = Buffer.from(await (await fetch(`${baseUrl}${a}`)).arrayBuffer());
    assetRaw += buf.length;
    assetGzip += gzipSync(buf).length;
  }
  // Sortable is loaded by the page script once the routes are drawn.
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const stops = plan.routes.reduce((s, r) => s + r.stops.length, 0);
  console.log(`\nPlanning desk: ${recipientCount} doors, ${vanCount} vans × 30, plan ${plan.status}: ${plan.routes.length} routes, ${stops} stops, ${plan.unassigned.length} unassigned; ${runs} runs each\n`);
  console.log('| what | value |');
  console.log('|---|---:|');
  console.log(`| desk HTML (raw / gzip) | ${kib(first.body.length)} / ${kib(gzipSync(first.body).length)} |`);
  console.log(`| assets of a first visit (${assets.length} files + Sortable on demand; raw / gzip) | ${kib(assetRaw)} / ${kib(assetGzip)} |`);
  console.log(`| GET ${'/app/desk'} p50 / p95 | ${pct(desk, 50).toFixed(1)} ms / ${pct(desk, 95).toFixed(1)} ms |`);
  console.log(`| GET /me p50 / p95 (same session, same run) | ${pct(me, 50).toFixed(1)} ms / ${pct(me, 95).toFixed(1)} ms |`);
});
