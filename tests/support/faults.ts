// Fault injection for the reliability tests: a Redis of their own (so SIGSTOP/SIGKILL/restart hurts
// nobody else) and database "steps" at which every backend of the app is terminated.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { adminUrl, databaseUrl } from './pg-urls.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server on a free port, with no persistence: a restart comes back empty. */
export class OwnRedis {
  child?: ChildProcess;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'fault-redis-'));
  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort());
    await r.restart();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) with an empty data set. */
  async restart(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    for (let i = 0; i < 100; i++) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`redis-server did not start on ${this.port}`);
  }

  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  /** Dies at once (no save): everything it held is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Database steps: a trigger on each named table sleeps while the test's `fault_step` table names
 * it, so the test knows the request is exactly there and terminates the app's backends.
 */
export class DbFaults {
  private constructor(private readonly admin: pg.Client, private readonly dbName: string) {}

  static async install(dbName: string, tables: string[]): Promise<DbFaults> {
    const admin = new pg.Client({ connectionString: databaseUrl(dbName) });
    await admin.connect();
    await admin.query(`CREATE TABLE IF NOT EXISTS fault_step (tbl text, op text)`);
    await admin.query(`
      CREATE OR REPLACE FUNCTION fault_pause() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM fault_step WHERE tbl = TG_TABLE_NAME AND op = TG_OP) THEN PERFORM pg_sleep(30); END IF;
        RETURN NULL;
      END $$`); // SECURITY DEFINER: the app's tenant work runs as a role that may not read fault_step
    for (const t of tables) {
      await admin.query(`CREATE OR REPLACE TRIGGER "fault_${t}" AFTER INSERT OR UPDATE ON "${t}" FOR EACH ROW EXECUTE FUNCTION fault_pause()`);
    }
    return new DbFaults(admin, dbName);
  }

  async pauseAt(tbl: string, op: 'INSERT' | 'UPDATE'): Promise<void> {
    await this.admin.query('DELETE FROM fault_step');
    await this.admin.query('INSERT INTO fault_step VALUES ($1, $2)', [tbl, op]);
  }

  async clear(): Promise<void> {
    await this.admin.query('DELETE FROM fault_step');
  }

  /** Waits until some backend of the app sleeps in the trigger (the request reached the step). */
  async waitForPause(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await this.admin.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event = 'PgSleep'`, [this.dbName]);
      if (rows.length) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the request never reached the fault step');
  }

  /** pg_terminate_backend of every backend of the app (all but the test's own connection). */
  async killAppBackends(): Promise<number> {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> $2 AND backend_type = 'client backend'`,
        [this.dbName, await this.ownPid()]);
      return rows.length;
    } finally {
      await admin.end();
    }
  }

  private async ownPid(): Promise<number> {
    return (await this.admin.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  }

  async close(): Promise<void> {
    await this.admin.end();
  }
}
