// Proof of delivery through the one file store: S3 (against an in-process fake that speaks the
// PutObject/GetObject HTTP API) and local disk; shown to the manager, never to another tenant.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFileStore } from '../../src/storage/index.js';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

/** The bits of S3 the store uses: PUT and GET of /<bucket>/<key> (path style), NoSuchKey as XML. */
function fakeS3() {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const requests: { method: string; url: string; auth: boolean }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = decodeURIComponent((req.url ?? '').split('?')[0]);
      requests.push({ method: req.method ?? '', url, auth: String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256') });
      if (req.method === 'PUT') {
        objects.set(url, { body: Buffer.concat(chunks), type: String(req.headers['content-type'] ?? '') });
        res.writeHead(200, { ETag: '"fake"' }).end();
      } else if (req.method === 'GET' && objects.has(url)) {
        const o = objects.get(url)!;
        res.writeHead(200, { 'Content-Type': o.type, 'Content-Length': o.body.length }).end(o.body);
      } else {
        res.writeHead(404, { 'Content-Type': 'application/xml' })
          .end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      }
    });
  });
  return { server, objects, requests };
}

const s3 = fakeS3();
let env: TestEnv;
let w: World;
let stops: { id: string }[];
const TZ = afternoonZone();
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('a compressed photo')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a signature')]);
const dataUrl = (type: string, b: Buffer) => `data:${type};base64,${b.toString('base64')}`;

beforeAll(async () => {
  await new Promise<void>((r) => s3.server.listen(0, '127.0.0.1', () => r()));
  const port = (s3.server.address() as { port: number }).port;
  env = await createTestEnv('delivery-proof', {
    S3_BUCKET: 'proofs', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY_ID: 'test', S3_SECRET_ACCESS_KEY: 'test-secret',
  });
  env.startWorkers();
  w = await createWorld(env, { recipients: 3, vehicles: [{ capacity: 10 }], timeZone: TZ });
  await generate(env, w, today(TZ));
  const plan = await planAndWait(env, w, today(TZ));
  await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(bearer(w.manager.token));
  stops = plan.routes[0].stops;
}, 60_000);
afterAll(async () => {
  await env?.close();
  await new Promise((r) => s3.server.close(r));
});

const d = () => bearer(w.drivers[0].token);
const m = () => bearer(w.manager.token);

describe('proof of delivery in S3 (issue point 3)', () => {
  it('when the driver sends a photo and a signature of a delivered stop, then both are stored in S3 and the manager sees them', async () => {
    const stop = stops[0];
    const early = await env.request.post(`/delivery/stops/${stop.id}/proofs`).set(d()).send({ kind: 'photo', image: dataUrl('image/jpeg', JPEG) });
    expect(early.status).toBe(409); // not delivered yet
    expect((await env.request.post(`/delivery/stops/${stop.id}/outcome`).set(d()).send({ status: 'delivered' })).status).toBe(200);
    const photo = await env.request.post(`/delivery/stops/${stop.id}/proofs`).set(d()).set('Idempotency-Key', 'p1').send({ kind: 'photo', image: dataUrl('image/jpeg', JPEG) });
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    const sign = await env.request.post(`/delivery/stops/${stop.id}/proofs`).set(d()).send({ kind: 'signature', image: dataUrl('image/png', PNG) });
    expect(sign.status).toBe(201);
    // In the bucket, under the tenant, signed requests.
    const stored = s3.objects.get(`/proofs/${w.t.id}/proof/${photo.body.id}.jpg`);
    expect(stored?.body.equals(JPEG)).toBe(true);
    expect(stored?.type).toBe('image/jpeg');
    expect(s3.requests.every((r) => r.auth)).toBe(true);

    const list = await env.request.get(`/delivery/stops/${stop.id}/proofs`).set(m());
    expect(list.body.items.map((p: { kind: string }) => p.kind)).toEqual(['photo', 'signature']);
    const image = await env.request.get(photo.body.url).set(m()).buffer(true).parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    });
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\/jpeg/);
    expect((image.body as Buffer).equals(JPEG)).toBe(true);
  });

  it('when tenant B’s kitchen manager asks for A’s proof, its list or A’s board, then 404; the manager of A sees it on the board', async () => {
    const stop = stops[0];
    const [proof] = (await env.request.get(`/delivery/stops/${stop.id}/proofs`).set(m())).body.items;
    const other = await env.tenant();
    const otherManager = bearer((await other.user(['kitchen_manager'])).token);
    expect((await env.request.get(proof.url).set(otherManager)).status).toBe(404);
    expect((await env.request.get(`/delivery/stops/${stop.id}/proofs`).set(otherManager)).status).toBe(404);
    const boardOf = (auth: Record<string, string>) => env.request.get('/delivery/board').query({ kitchen: w.kitchenId, date: today(TZ), slot: 'lunch' }).set(auth);
    expect((await boardOf(otherManager)).status).toBe(404);
    const board = await boardOf(m());
    expect(board.status).toBe(200);
    const shown = board.body.drivers.flatMap((dr: { proofs: { stopId: string; items: { kind: string; url: string }[] }[] }) => dr.proofs);
    expect(shown.map((p: { stopId: string }) => p.stopId)).toEqual([stop.id]);
    expect(shown[0].items.map((i: { kind: string }) => i.kind)).toEqual(['photo', 'signature']);
    expect(shown[0].items[0].url).toBe(proof.url);
  });

  it('when the route is handed to another driver, then only the route’s driver of the moment sees its proofs', async () => {
    const stop = stops[0];
    const [proof] = (await env.request.get(`/delivery/stops/${stop.id}/proofs`).set(m())).body.items;
    const routeId = (await env.deps.prisma.routeStop.findUniqueOrThrow({ where: { id: stop.id } })).routeId;
    const second = await w.t.user(['driver']);
    expect((await env.request.get(proof.url).set(d())).status).toBe(200); // the driver's own route
    expect((await env.request.get(proof.url).set(bearer(second.token))).status).toBe(404); // not theirs
    const hand = (to: string) => env.request.post(`/delivery/routes/${routeId}/driver`).set(m()).send({ driverUserId: to });
    expect((await hand(second.id)).status).toBe(200);
    expect((await env.request.get(proof.url).set(bearer(second.token))).status).toBe(200);
    expect((await env.request.get(proof.url).set(d())).status).toBe(404);
    expect((await env.request.get(`/delivery/stops/${stop.id}/proofs`).set(d())).status).toBe(404);
    expect((await hand(w.drivers[0].id)).status).toBe(200);
  });

  it('when another tenant or another driver asks for the image, then 404; bytes that are not the claimed image are 400', async () => {
    const stop = stops[0];
    const [proof] = (await env.request.get(`/delivery/stops/${stop.id}/proofs`).set(m())).body.items;
    const other = await env.tenant();
    expect((await env.request.get(proof.url).set(bearer(other.adminToken))).status).toBe(404);
    const stranger = await w.t.user(['driver']);
    expect((await env.request.get(proof.url).set(bearer(stranger.token))).status).toBe(404);
    const fake = await env.request.post(`/delivery/stops/${stop.id}/proofs`).set(d()).send({ kind: 'photo', image: dataUrl('image/jpeg', PNG) });
    expect(fake.status).toBe(400);
    expect(fake.body.errors[0].path).toBe('body.image');
    const notImage = await env.request.post(`/delivery/stops/${stop.id}/proofs`).set(d()).send({ kind: 'photo', image: 'data:text/html;base64,PGI+' });
    expect(notImage.status).toBe(400);
    // A file missing from the store is a 404 with a sentence, not a 500.
    s3.objects.clear();
    const gone = await env.request.get(proof.url).set(m());
    expect(gone.status).toBe(404);
    expect(gone.body.detail).toContain('missing from storage');
  });
});

describe('proofs follow the outcome to a re-published plan', () => {
  it('when the manager publishes a new plan of the day, then the proof moves to the order’s new stop: board, list and image there; the old address is 404', async () => {
    const stop = stops[1];
    expect((await env.request.post(`/delivery/stops/${stop.id}/outcome`).set(d()).send({ status: 'delivered' })).status).toBe(200);
    const photo = await env.request.post(`/delivery/stops/${stop.id}/proofs`).set(d()).send({ kind: 'photo', image: dataUrl('image/jpeg', JPEG) });
    expect(photo.status).toBe(201);
    const order = (await env.deps.prisma.routeStop.findUniqueOrThrow({ where: { id: stop.id } })).orderId;
    const next = await planAndWait(env, w, today(TZ));
    expect((await env.request.post(`/delivery/route-plans/${next.id}/publish`).set(m())).status).toBe(200);
    const moved = await env.deps.prisma.routeStop.findFirstOrThrow({ where: { orderId: order, route: { routePlanId: next.id } } });
    expect(moved.outcome).toBe('delivered');
    const board = await env.request.get('/delivery/board').query({ kitchen: w.kitchenId, date: today(TZ), slot: 'lunch' }).set(m());
    const shown = board.body.drivers.flatMap((dr: { proofs: { stopId: string; items: { url: string }[] }[] }) => dr.proofs);
    const mine = shown.find((p: { stopId: string }) => p.stopId === moved.id);
    expect(mine?.items.map((i: { url: string }) => i.url)).toEqual([`/delivery/stops/${moved.id}/proofs/${photo.body.id}`]);
    const image = await env.request.get(mine.items[0].url).set(d());
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\/jpeg/);
    expect((await env.request.get(photo.body.url).set(m())).status).toBe(404);
    const routes = (await env.request.get('/me/routes').set(d())).body.routes;
    const card = routes.flatMap((r: { stops: { id: string; proofCount: number }[] }) => r.stops).find((s: { id: string }) => s.id === moved.id);
    expect(card.proofCount).toBe(1);
  });
});

describe('local disk store (the default)', () => {
  it('when a file is put, then it comes back; an unknown key is null; a key with .. is refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'files-'));
    try {
      const store = new LocalFileStore(dir);
      await store.put('t1/proof/a.jpg', JPEG, 'image/jpeg');
      expect((await store.get('t1/proof/a.jpg'))?.equals(JPEG)).toBe(true);
      expect(await store.get('t1/proof/b.jpg')).toBeNull();
      await expect(store.put('t1/../../etc/x', JPEG, 'image/jpeg')).rejects.toThrow(/Unsafe/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
