// Demo step for central-kitchen meal delivery: a kitchen, three vans for driver1..3, ~80 residents
// imported as recipients with meal plans (the CSV import), tomorrow's orders, tomorrow's lunch
// planned and published; prints the dashboard and one driver's list.
import { addDays, today } from '../../src/time/index.js';
import type { DemoContext } from './context.js';
import { TOWNSHIP_CENTRE } from './township.js';
import { labels } from '../../src/delivery/label-messages.js';

const zh = labels('zh-CN');

const DIETS = ['普通', '普通', '普通', '糖尿病', '低盐', '软食', '碎食', '清真', '素食'];
const NOTES = ['', '', '', '耳背，请大声敲门', '钥匙在邻居家', '狗拴在院里', '二楼，走后门'];

async function poll<T>(fn: () => Promise<T | undefined>, what: string, onTick?: (n: number) => void): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    onTick?.(i);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not finish`);
}

export const deliveryDemoStep = {
  title: 'Central-kitchen meal delivery (助餐送餐)',
  async run(ctx: DemoContext) {
    const { api, log } = ctx;
    const manager = ctx.users.manager.token;
    const kitchen = await api('post', '/delivery/kitchens', manager, { name: TOWNSHIP_CENTRE.name, address: '江西省萍乡市芦溪县芦溪镇', lat: TOWNSHIP_CENTRE.lat, lng: TOWNSHIP_CENTRE.lng, capacityPerSlot: 300 });
    for (const [i, name] of ['driver1', 'driver2', 'driver3'].entries()) {
      await api('post', '/delivery/vehicles', manager, { kitchenId: kitchen.id, driverUserId: ctx.users[name].id, name: `送餐车${i + 1}号`, capacity: 30, shiftStart: '09:30', shiftEnd: '13:30' });
    }
    const slots = await api('get', '/delivery/slots', manager);
    log(`Kitchen ${kitchen.name}; slots ${slots.items.map((s: { code: string; kind: string; windowStart: string; windowEnd: string }) => `${s.code} (${s.kind}) ${s.windowStart}–${s.windowEnd}`).join(', ')}; 3 vans × 30 boxes.`);

    // ~80 residents (every third of the demo township) become recipients through the CSV import.
    const chosen = ctx.personIds.filter((_, i) => i % 3 === 0).slice(0, 80);
    const rows = ['身份证号,厨房,餐型,过敏,入户备注,紧急联系人,网格员,网格员电话,餐次,送餐日,开始日期,份数'];
    for (const [i, id] of chosen.entries()) {
      const p = await api('get', `/people/${id}`, ctx.tokens.admin);
      // Two in three eat lunch (some also dinner); the others only dinner — 3 vans can serve ~55 doors in a 75-minute window.
      const slots = i % 3 === 2 ? '晚餐' : i % 4 === 0 ? '午餐;晚餐' : '午餐';
      const days = i % 5 === 0 ? '1-5' : '每天';
      rows.push([p.idNumber, TOWNSHIP_CENTRE.name, DIETS[Math.floor(i / 3) % DIETS.length], i % 7 === 0 ? '花生' : '', NOTES[i % NOTES.length],
        `家属${i}/子女/1370000${String(1000 + i).slice(-4)}`, '网格员 刘敏', '13907990001', slots, days, '2026-01-01', i % 10 === 0 ? '2' : '1'].join(','));
    }
    const upload = await fetch(`${ctx.baseUrl}/imports/recipients`, { method: 'POST', headers: { Authorization: `Bearer ${manager}`, 'Content-Type': 'text/csv' }, body: rows.join('\n') });
    const run = (await upload.json()) as { id: string };
    const report = await poll(async () => {
      const r = await api('get', `/imports/${run.id}`, manager);
      return r.status === 'done' || r.status === 'failed' ? r : undefined;
    }, 'recipients import');
    log(`Imported recipients: ${report.created} created, ${report.rejected} rejected.`);

    const tomorrow = addDays(today(ctx.timeZone), 1);
    const someone = (await api('get', '/delivery/recipients?limit=5', manager)).items[2];
    await api('post', `/delivery/recipients/${someone.id}/holds`, manager, { fromDate: tomorrow, toDate: addDays(tomorrow, 6), reason: 'hospitalised', note: '住院一周' });
    const gen = await api('post', '/delivery/orders/generate', manager, { date: tomorrow });
    log(`Orders for ${tomorrow}: ${gen.created} created (${gen.skippedOnHold} skipped: on hold — ${someone.name} is in hospital).`);

    const created = await api('post', '/delivery/route-plans', manager, { date: tomorrow, slot: 'lunch', kitchenId: kitchen.id, timeLimitMs: 3000 });
    let lastShown = -1;
    const plan = await poll(async () => {
      const p = await api('get', `/delivery/route-plans/${created.id}`, manager);
      if (p.status === 'failed') throw new Error(`route plan failed: ${p.error}`);
      if (p.status === 'running' && p.progress >= lastShown + 25) {
        lastShown = p.progress;
        log(`  solving… ${p.progress}%`);
      }
      return p.status === 'done' ? p : undefined;
    }, 'route plan');
    await api('post', `/delivery/route-plans/${plan.id}/publish`, manager);
    log(`Lunch ${tomorrow}: ${plan.vehiclesUsed} routes, ${plan.stopCount} stops, ${(plan.distanceM / 1000).toFixed(1)} km, ${plan.unassigned.length} unassigned — published.`);
    for (const r of plan.routes) {
      log(`  route ${r.routeNo} ${r.vehicleName} (${r.driverName}): ${r.stops.length} stops, ${r.load} meals, leaves ${r.departLocal}, back ${r.returnLocal}, ${(r.distanceM / 1000).toFixed(1)} km`);
    }
    for (const u of plan.unassigned) log(`  unassigned: ${u.name} — ${u.detail}`);

    const dash = await api('get', `/delivery/dashboard?date=${tomorrow}`, manager);
    log('\nDashboard:');
    for (const s of dash.slots) {
      log(`  ${s.slot.padEnd(7)} orders ${s.orders} (meals ${s.meals}) · routes ${s.routes} · unrouted ${s.unrouted} · delivered ${s.delivered} · late ${s.late} · not home ${s.notHome} · refused ${s.refused} · on-time ${s.onTimeRate ?? '–'} · ${s.totalKm} km`);
    }

    const prod = await api('get', `/delivery/production?date=${tomorrow}&slot=lunch`, manager);
    log(`\nProduction (lunch): ${prod.counts.total} meals — ${Object.entries(prod.counts.byDiet).map(([k, v]) => `${zh.diets[k] ?? k} ${v}`).join(', ')}`);

    const mine = await api('get', `/me/routes?date=${tomorrow}`, ctx.users.driver1.token);
    for (const r of mine.routes) {
      log(`\ndriver1's list — route ${r.routeNo}, leave ${r.kitchen.name} at ${r.departLocal}:`);
      for (const s of r.stops) {
        log(`  ${String(s.stopNo).padStart(2)}. ${s.etaLocal}  ${s.name}  ${s.address}  ☎ ${s.phone}  [${zh.diets[s.diet] ?? s.diet}${s.allergies.length ? ` ⚠${s.allergies.join(',')}` : ''}]${s.accessNotes ? `  «${s.accessNotes}»` : ''}`);
      }
    }
    log(`\nMap:        ${ctx.serviceUrl}/delivery/route-plans/${plan.id}/map.svg`);
    log(`Production: ${ctx.serviceUrl}/delivery/production.html?date=${tomorrow}&slot=lunch`);
    log(`Driver app: ${ctx.serviceUrl}/driver   (phones are shown in full only on the day of the route)`);
  },
};
