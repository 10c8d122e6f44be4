import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { pickPort, portIsFree, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import type { EmbeddedDatabase } from '../../src/db/embedded-postgres.js';

/** `npm start` next to another checkout that already holds the port: it must pick another. */
function occupy(port = 0): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen({ port, host: '127.0.0.1' }, () => resolve(s));
  });
}
const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port;

const dirs: string[] = [];
const started: EmbeddedDatabase[] = [];
const servers: net.Server[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eldercare-embedded-'));
  chmodSync(dir, 0o755); // the server runs as the OS user postgres
  dirs.push(dir);
  return path.join(dir, 'data');
}
afterAll(async () => {
  for (const db of started) await db.stop();
  for (const s of servers) await new Promise((r) => s.close(r));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('embedded PostgreSQL port', () => {
  it('when the preferred port is taken, then pickPort answers another, free one', async () => {
    const busy = await occupy();
    servers.push(busy);
    expect(await portIsFree(portOf(busy))).toBe(false);
    const picked = await pickPort(portOf(busy));
    expect(picked).not.toBe(portOf(busy));
    expect(await portIsFree(picked)).toBe(true);
  });

  it('when 54329 is held by someone else, then the embedded server starts on a free port and answers', async () => {
    // Hold 54329 if we can (another checkout may already hold it — the same situation).
    const held = await occupy(54329).catch(() => undefined);
    if (held) servers.push(held);
    const db = await startEmbeddedPostgres(tempDataDir());
    started.push(db);
    expect(db.port).not.toBe(54329);
    expect(db.url).toContain(`:${db.port}/`);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const res = await client.query('SELECT 1 AS one');
    await client.end();
    expect(res.rows[0].one).toBe(1);
  }, 60_000);

  it('when an explicit port is taken, then the start fails with a sentence naming the port, never "undefined"', async () => {
    const busy = await occupy();
    servers.push(busy);
    const err = await startEmbeddedPostgres(tempDataDir(), { port: portOf(busy) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(String(portOf(busy)));
    expect((err as Error).message).not.toContain('undefined');
  });

  it('when this data directory already runs its server, then a second start says so', async () => {
    const dataDir = path.join(dirs[0], 'data'); // the one the second test started
    const err = await startEmbeddedPostgres(dataDir).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/already running on port \d+/);
  }, 30_000);
});
