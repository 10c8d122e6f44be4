import pg from 'pg';
import type { Config } from '../../src/config.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { migrateDeploy } from '../../src/db/migrate.js';

const EMBEDDED_URL = 'postgresql://postgres:postgres@127.0.0.1:54329/eldercare';

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
  if (await reachable(EMBEDDED_URL)) {
    await migrateDeploy(EMBEDDED_URL);
    return { url: EMBEDDED_URL, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres(cfg.DATA_DIR);
  await migrateDeploy(embedded.url);
  return embedded;
}
