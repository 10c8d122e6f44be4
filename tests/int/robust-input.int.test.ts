import type { Server } from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../src/server.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';

/**
 * Bad input that used to answer 500 or be stored silently changed: NUL bytes, lone surrogates,
 * invalid UTF-8, a JSON route sent text/plain (read as `{}` and run with every default), made-up
 * cursors, broken multipart uploads, headers too large.
 */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
let env: TestEnv;
let t: TestTenant;
let server: Server;
let port: number;
beforeAll(async () => {
  env = await createTestEnv('robust_input');
  t = await env.tenant({ timeZone: 'Asia/Shanghai' });
  server = await listen(env.deps, 0, '127.0.0.1');
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  if (server) await closeServer(server);
  await env?.close();
});

const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);
const problem = (res: { status: number; headers: Record<string, string> }, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
};

describe('text no field may carry', () => {
  it('when a body string has a NUL byte or a lone surrogate, then 400 names the field and nothing is stored', async () => {
    const before = await env.deps.prisma.person.count();
    for (const name of ['张\u0000三', '张\ud800三', '\udc00']) {
      const res = await env.request.post('/people').set(bearer(t.adminToken)).send({ name, gender: 'male', birthDate: '1950-01-01' });
      problem(res, 400);
      expect(paths(res)).toEqual(['body.name']);
    }
    // Nested arrays and record keys too.
    const nested = await env.request.post('/people').set(bearer(t.adminToken))
      .send({ name: '李四', gender: 'male', birthDate: '1950-01-01', statuses: [{ code: 'empty_nest', validFrom: '2026-01-01', note: 'x\u0000' }] });
    expect(paths(nested)).toEqual(['body.statuses.0.note']);
    expect(await env.deps.prisma.person.count()).toBe(before);
  });

  it('when the JSON bytes are not UTF-8 (a CESU-8 surrogate), then 400 instead of a silent U+FFFD', async () => {
    const raw = Buffer.concat([Buffer.from('{"name":"x'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","gender":"male","birthDate":"1950-01-01"}')]);
    const res = await fetch(`http://127.0.0.1:${port}/people`, { method: 'POST', headers: { ...bearer(t.adminToken), 'Content-Type': 'application/json' }, body: raw });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(paths({ body: (await res.json()) as { errors?: { path: string }[] } })).toEqual(['body']);
    expect(await env.deps.prisma.person.count({ where: { name: { contains: '\ufffd' } } })).toBe(0);
  });

  it('when a query value or path segment has a NUL byte or broken percent-encoding, then 400', async () => {
    problem(await env.request.get('/people?q=%00abc').set(bearer(t.adminToken)), 400);
    expect(paths(await env.request.get('/people?q=%00abc').set(bearer(t.adminToken)))).toEqual(['query.q']);
    problem(await env.request.get('/people/%ED%A0%80').set(bearer(t.adminToken)), 400);
    problem(await env.request.post(`/nursing/aides/${UNKNOWN}/leave`).set(bearer(t.adminToken)).send({ dates: ['2026-12-01'], reason: '病\ud800假' }), 400);
  });
});

describe('media types and cursors', () => {
  it('when a JSON route gets a text/plain body, then 415 and no orders are generated for the default date', async () => {
    const res = await env.request.post('/delivery/orders/generate').set(bearer(t.adminToken)).set('Content-Type', 'text/plain').send('{"date":"2026-12-02"}');
    problem(res, 415);
    expect(await env.deps.prisma.dailyOrder.count()).toBe(0);
    const none = await env.request.post('/delivery/orders/generate').set(bearer(t.adminToken)).set('Content-Type', 'application/x-www-form-urlencoded').send('date=2026-12-02');
    problem(none, 415);
    // Only application/json is parsed, so a +json subtype would also be read as {}: 415 too.
    problem(await env.request.post('/delivery/orders/generate').set(bearer(t.adminToken)).set('Content-Type', 'application/merge-patch+json').send('{}'), 415);
    // No body at all is fine: the defaults apply (here: no recipients, nothing generated).
    expect((await env.request.post('/delivery/orders/generate').set(bearer(t.adminToken))).status).toBeLessThan(300);
  });

  it('when a cursor is made up or garbled, then 400 names it; a real nextCursor still pages', async () => {
    for (const cursor of [UNKNOWN, 'garbage', `${UNKNOWN}.AAAAAAAAAA`]) {
      const res = await env.request.get('/people').query({ cursor }).set(bearer(t.adminToken));
      problem(res, 400);
      expect(paths(res)).toEqual(['query.cursor']);
    }
    for (let i = 0; i < 3; i++) await env.request.post('/people').set(bearer(t.adminToken)).send({ name: `翻页${i}`, gender: 'female', birthDate: '1950-01-01' });
    const first = await env.request.get('/people?limit=2').set(bearer(t.adminToken));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await env.request.get('/people').query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(t.adminToken));
    expect(second.status).toBe(200);
    expect(second.body.items.length).toBeGreaterThan(0);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});

describe('broken uploads', () => {
  const upload = () => env.request.post('/imports/residents').set(bearer(t.adminToken));
  const csv = Buffer.from('姓名,身份证号\n张三,360102195005051234\n');

  it('when a multipart upload has two files, another field name or a NUL in the file name, then 400 names body.file', async () => {
    const runs = await env.deps.prisma.importRun.count();
    const two = await upload().attach('file', csv, 'a.csv').attach('file', csv, 'b.csv');
    problem(two, 400);
    expect(paths(two)).toEqual(['body.file']);
    const wrongField = await upload().attach('upload', csv, 'a.csv');
    problem(wrongField, 400);
    expect(paths(wrongField)).toEqual(['body.file']);
    const nulName = await upload().attach('file', csv, 'a\u0000.csv');
    problem(nulName, 400);
    expect(paths(nulName)).toEqual(['body.file']);
    expect(await env.deps.prisma.importRun.count()).toBe(runs);
  });

  it('when a multipart body is truncated, then 400 (not 500)', async () => {
    const boundary = 'XyZ';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n姓名\n张三`;
    const res = await upload().set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
    problem(res, 400);
    expect(paths(res)).toEqual(['body.file']);
  });

  it('when an upload route gets a JSON body, then 415', async () => {
    problem(await upload().send({ file: 'x' }), 415);
  });
});

describe('requests the HTTP parser refuses', () => {
  /** Raw HTTP over a socket: supertest cannot send headers this large. */
  function raw(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
  }

  it('when the headers are too large, then 431 answers problem+json', async () => {
    const answer = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/Content-Type: application\/problem\+json/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).status).toBe(431);
  });

  it('when the request line is not HTTP, then 400 problem+json', async () => {
    const answer = await raw('NOT HTTP\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).type).toBe('/problems/bad-request');
  });
});
