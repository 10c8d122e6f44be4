import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/time/index.js';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

/**
 * A tiny stand-in for OSRM's `table` service: Manhattan distance in metres, 5 m/s.
 * GET /table/v1/driving/{lon,lat;…}?sources=…&destinations=…&annotations=duration,distance
 */
const fake = { requests: 0, fail: false };
const metres = (a: number[], b: number[]) => Math.round((Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1])) * 111_000);

function osrm(): Server {
  return createServer((req, res) => {
    fake.requests++;
    const url = new URL(req.url!, 'http://x');
    const m = /^\/table\/v1\/driving\/(.+)$/.exec(url.pathname);
    res.setHeader('Content-Type', 'application/json');
    if (fake.fail || !m) {
      res.statusCode = 400;
      return res.end(JSON.stringify({ code: 'InvalidQuery', message: 'fake failure' }));
    }
    const coords = decodeURIComponent(m[1]).split(';').map((c) => c.split(',').map(Number));
    const idx = (name: string) => (url.searchParams.get(name) ?? coords.map((_, i) => i).join(';')).split(';').map(Number);
    const [sources, dests] = [idx('sources'), idx('destinations')];
    const distances = sources.map((s) => dests.map((d) => metres(coords[s], coords[d])));
    res.end(JSON.stringify({ code: 'Ok', distances, durations: distances.map((row) => row.map((x) => x / 5)) }));
  });
}

let env: TestEnv;
let server: Server;
let w: World;
const D = addDays(today('Asia/Shanghai'), 1);

beforeAll(async () => {
  server = osrm();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  env = await createTestEnv('delivery_osrm', { OSRM_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  env.startWorkers();
  w = await createWorld(env, { recipients: 5 });
  await generate(env, w, D);
});
afterAll(async () => {
  await env?.close();
  await new Promise((r) => server.close(r));
});

describe('travel matrix from OSRM (issue point 4)', () => {
  it('when OSRM_URL is set, then the plan uses the table service’s distances and durations', async () => {
    const plan = await planAndWait(env, w, D);
    expect(plan.params.matrix).toBe('osrm');
    expect(fake.requests).toBeGreaterThan(0);
    const kitchen = [plan.kitchen.lng, plan.kitchen.lat];
    for (const r of plan.routes) {
      const pts = [kitchen, ...r.stops.map((s: { lng: number; lat: number }) => [s.lng, s.lat]), kitchen];
      const legs = pts.slice(1).map((p, i) => metres(pts[i], p));
      expect(r.distanceM).toBe(legs.reduce((a, b) => a + b, 0));
      // The first door is reached exactly one OSRM duration after leaving the kitchen.
      // (instants are stored to the second, so allow one second of rounding)
      expect(Math.abs((Date.parse(r.stops[0].eta) - Date.parse(r.departAt)) / 1000 - legs[0] / 5)).toBeLessThanOrEqual(1);
    }
  });

  it('when OSRM fails, then the plan still comes out on crow-flies distances and says why', async () => {
    fake.fail = true;
    const plan = await planAndWait(env, w, D);
    fake.fail = false;
    expect(plan.params).toMatchObject({ matrix: 'haversine', matrixWarning: expect.stringMatching(/OSRM failed.*InvalidQuery/) });
    expect(plan.routes.flatMap((r: { stops: unknown[] }) => r.stops)).toHaveLength(5);
  });
});
