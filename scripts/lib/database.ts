import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../../src/config.js';
import { embeddedUrl, runningPort, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { migrateDeploy } from '../../src/db/migrate.js';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * The database a CLI script should use: DATABASE_URL, else the embedded PostgreSQL of
 * `npm start` (reused when it is running, started here otherwise). Migrations are applied.
 */
export async function openDatabase(cfg: Config): Promise<{ url: string; stop: () => Promise<void> }> {
  if (cfg.DATABASE_URL) {
    await migrateDeploy(cfg.DATABASE_URL);
    return { url: cfg.DATABASE_URL, stop: async () => {} };
  }
  // `npm start` picks a free port when 54329 is taken: the data directory says which.
  const port = runningPort(cfg.DATA_DIR);
  if (port !== undefined && (await reachable(embeddedUrl(port)))) {
    await migrateDeploy(embeddedUrl(port));
    return { url: embeddedUrl(port), stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres(cfg.DATA_DIR);
  await migrateDeploy(embedded.url);
  return embedded;
}

/**
 * A throwaway database for a benchmark, on the server of DATABASE_URL (or the local one): created
 * here, dropped by `drop()` even while connections are open. Migrations are the caller's to run.
 */
export async function throwawayDatabase(cfg: Pick<Config, 'DATABASE_URL'>, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = cfg.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `eldercare_bench_${label}_${randomBytes(3).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
