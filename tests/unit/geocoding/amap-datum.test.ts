// The AMap geocoder answers in GCJ-02; what we store (and OSRM, the route solver and the
// navigation links start from) is WGS-84. Against a local fake speaking the AMap format.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amapGeocoder } from '../../../src/geocoding/adapters.js';

// eviltransform's Beijing reference pair: WGS-84 and its GCJ-02.
const WGS = { lat: 39.911954, lng: 116.377817 };
const GCJ = '116.38404722455657,39.91334545536069'; // AMap writes "lng,lat"

const server = createServer((req, res) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify(
      q.get('address') === '北京市西城区'
        ? { status: '1', info: 'OK', count: '1', geocodes: [{ location: GCJ, level: '门牌号' }] }
        : { status: '1', info: 'OK', count: '0', geocodes: [] },
    ),
  );
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/geocode/geo`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('AMap geocoder datum', () => {
  it('when AMap answers GCJ-02, then the stored point is WGS-84 (within 2 m of the reference), not the offset one', async () => {
    const r = await amapGeocoder({ url, key: 'k', timeoutMs: 2000 }).geocode('北京市西城区');
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(Math.abs(r.lat - WGS.lat) * 111_000).toBeLessThan(2);
    expect(Math.abs(r.lng - WGS.lng) * 85_000).toBeLessThan(2);
    // The GCJ-02 value itself is ~550 m east: storing it would misplace the door.
    expect(Math.abs(r.lng - 116.38404722455657) * 85_000).toBeGreaterThan(400);
  });
});
