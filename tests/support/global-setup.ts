import { createHash } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { listMigrations, migrateDeploy, migrationsDir } from '../../src/db/migrate.js';
import { adminUrl, databaseUrl } from './pg-urls.js';

/**
 * Builds one migrated template database per set of migrations; every integration test file
 * clones its own database from it (CREATE DATABASE … TEMPLATE), so files run in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const hash = createHash('sha256').update(listMigrations(migrationsDir()).map((m) => m.checksum).join()).digest('hex').slice(0, 12);
  const template = `eldercare_tpl_${hash}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_build_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      await admin.query(`CREATE DATABASE "${building}"`);
      await migrateDeploy(databaseUrl(building));
      // Renamed only once complete, so a crashed build never leaves a half-migrated template.
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async (err) => {
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
        if (!/already exists/.test(String(err))) throw err;
      });
    }
    // Templates of older migration sets only take space. Several worktrees with different migration
    // sets run tests on this server at once, so only templates beyond the newest few (by oid, i.e.
    // creation order) are dropped — dropping a template another run is about to clone broke its run.
    const stale = await admin.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'eldercare\\_tpl\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_build\\_%' ORDER BY oid DESC OFFSET 8",
      [template],
    );
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => {});
  } finally {
    await admin.end();
  }
  project.provide('templateDb', template);
  return async () => {};
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}
