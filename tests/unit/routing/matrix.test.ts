/** Matrix providers: haversine sanity and OSRM table against a local fake OSRM server. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineMatrix } from '../../../src/routing/matrix/haversine.js';
import { osrmTableMatrix } from '../../../src/routing/matrix/osrm.js';
import type { LatLon } from '../../../src/routing/matrix/types.js';

describe('haversineMatrix', () => {
  it('when measuring Paris–London, then the distance is the known 343.5 km within 1 %', () => {
    const m = haversineMatrix([{ lat: 48.8566, lon: 2.3522 }, { lat: 51.5074, lon: -0.1278 }], { roadFactor: 1 });
    expect(Math.abs(m.distances[1] - 343_500) / 343_500).toBeLessThan(0.01);
    expect(m.distances[2]).toBeCloseTo(m.distances[1], 6);
    expect(m.distances[0]).toBe(0);
  });

  it('when using the defaults, then roads are 1.3× longer and driven at 30 km/h', () => {
    const pts = [{ lat: 52.0, lon: 5.0 }, { lat: 52.01, lon: 5.0 }];
    const crow = haversineMatrix(pts, { roadFactor: 1 }).distances[1];
    const m = haversineMatrix(pts);
    expect(m.distances[1]).toBeCloseTo(crow * 1.3, 6);
    expect(m.durations[1]).toBeCloseTo(m.distances[1] / (30 / 3.6), 6);
  });
});

/** Fake table entry for a pair of coordinates, so the assembled matrix can be checked exactly. */
const fakeDuration = (a: LatLon, b: LatLon): number => Math.round(Math.abs(a.lon - b.lon) * 1e4 + Math.abs(a.lat - b.lat) * 1e3);
const fakeDistance = (a: LatLon, b: LatLon): number => fakeDuration(a, b) * 7 + 1;

describe('osrmTableMatrix', () => {
  let server: Server;
  let baseUrl = '';
  const requests: { sources: number; destinations: number }[] = [];
  // Answers are held back by `delayMs`, so the test can see how many requests overlap.
  let delayMs = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => inFlight--);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      const url = new URL(req.url ?? '/', 'http://x');
      const m = /^\/table\/v1\/driving\/(.+)$/.exec(url.pathname);
      res.setHeader('content-type', 'application/json');
      if (!m) {
        res.statusCode = 400;
        res.end(JSON.stringify({ code: 'InvalidUrl', message: 'bad path' }));
        return;
      }
      const coords = decodeURIComponent(m[1]).split(';').map((c) => {
        const [lon, lat] = c.split(',').map(Number);
        return { lon, lat };
      });
      if (coords.some((c) => c.lat === 7)) return; // a server that never answers
      if (coords.some((c) => c.lon === 0)) {
        res.statusCode = 400;
        res.end(JSON.stringify({ code: 'NoSegment', message: 'Could not find a matching segment' }));
        return;
      }
      const sources = (url.searchParams.get('sources') ?? '').split(';').map(Number);
      const destinations = (url.searchParams.get('destinations') ?? '').split(';').map(Number);
      requests.push({ sources: sources.length, destinations: destinations.length });
      const unreachable = (i: number, j: number): boolean => coords[i].lat === 9 || coords[j].lat === 9;
      res.end(JSON.stringify({
        code: 'Ok',
        durations: sources.map((i) => destinations.map((j) => (unreachable(i, j) && i !== j ? null : fakeDuration(coords[i], coords[j])))),
        distances: sources.map((i) => destinations.map((j) => (unreachable(i, j) && i !== j ? null : fakeDistance(coords[i], coords[j])))),
      }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const points: LatLon[] = Array.from({ length: 7 }, (_, i) => ({ lat: 52 + i * 0.01, lon: 4 + ((i * 37) % 11) * 0.013 }));

  it('when the input is larger than a chunk, then the blocks assemble into the full matrix', async () => {
    requests.length = 0;
    const m = await osrmTableMatrix(points, { baseUrl, chunkSize: 3 });
    expect(m.size).toBe(7);
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) {
        expect(m.durations[i * 7 + j]).toBe(fakeDuration(points[i], points[j]));
        expect(m.distances[i * 7 + j]).toBe(fakeDistance(points[i], points[j]));
      }
    }
    // ceil(7/3)² blocks, none larger than the chunk size.
    expect(requests).toHaveLength(9);
    for (const r of requests) {
      expect(r.sources).toBeLessThanOrEqual(3);
      expect(r.destinations).toBeLessThanOrEqual(3);
    }
  });

  it('when the input fits one chunk, then a single request is made', async () => {
    requests.length = 0;
    const m = await osrmTableMatrix(points, { baseUrl: `${baseUrl}/` });
    expect(requests).toHaveLength(1);
    expect(m.durations[1 * 7 + 5]).toBe(fakeDuration(points[1], points[5]));
  });

  it('when OSRM answers null for a pair, then the entry is Infinity', async () => {
    const m = await osrmTableMatrix([points[0], { lat: 9, lon: 4 }], { baseUrl, chunkSize: 1 });
    expect(m.durations[1]).toBe(Infinity);
    expect(m.distances[2]).toBe(Infinity);
    expect(m.durations[3]).toBe(0);
  });

  it('when OSRM answers a non-Ok code, then the error names the code and message', async () => {
    await expect(osrmTableMatrix([points[0], { lat: 52, lon: 0 }], { baseUrl })).rejects.toThrow(/NoSegment.*matching segment/);
  });

  it('when many blocks are needed, then at most `concurrency` requests are in flight and the matrix is still exact', async () => {
    requests.length = 0;
    delayMs = 30;
    maxInFlight = 0;
    try {
      const m = await osrmTableMatrix(points, { baseUrl, chunkSize: 2, concurrency: 3 });
      expect(requests).toHaveLength(16);
      expect(maxInFlight).toBe(3);
      for (let i = 0; i < 7; i++) {
        for (let j = 0; j < 7; j++) expect(m.durations[i * 7 + j]).toBe(fakeDuration(points[i], points[j]));
      }
      maxInFlight = 0;
      await osrmTableMatrix(points, { baseUrl, chunkSize: 2, concurrency: 1 });
      expect(maxInFlight).toBe(1);
    } finally {
      delayMs = 0;
    }
  });

  it('when the server never answers, then the call fails after the deadline instead of hanging', async () => {
    const t0 = Date.now();
    await expect(osrmTableMatrix([points[0], { lat: 7, lon: 4 }], { baseUrl, timeoutMs: 300 })).rejects.toThrow(/no answer within 300 ms/);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('when concurrency is not a positive integer, then the call is refused', async () => {
    await expect(osrmTableMatrix(points, { baseUrl, concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});
