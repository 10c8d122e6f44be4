import { createHash } from 'node:crypto';
import type pg from 'pg';
import { listMigrations, migrateDeploy, migrationsDir } from '../../src/db/migrate.js';
import { databaseUrl } from './pg-urls.js';

/** The template's name: one per set of migrations. */
export function templateName(): string {
  const hash = createHash('sha256').update(listMigrations(migrationsDir()).map((m) => m.checksum).join()).digest('hex').slice(0, 12);
  return `eldercare_tpl_${hash}`;
}

/**
 * Builds the migrated template if it does not exist. Also called by a test file that finds it
 * gone: another checkout's run (other migrations) on the same server drops templates it thinks
 * stale, possibly while this run still clones from it.
 */
export async function ensureTemplate(admin: pg.Client, template: string): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
  if (exists.rowCount !== 0) return;
  const building = `${template}_build_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  await admin.query(`CREATE DATABASE "${building}"`);
  await migrateDeploy(databaseUrl(building));
  // Renamed only once complete, so a crashed build never leaves a half-migrated template.
  await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async (err) => {
    await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
    if (!/already exists/.test(String(err))) throw err;
  });
}
