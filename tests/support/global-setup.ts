import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { adminUrl } from './pg-urls.js';
import { ensureTemplate, templateName } from './template-db.js';

/**
 * Builds one migrated template database per set of migrations; every integration test file
 * clones its own database from it (CREATE DATABASE … TEMPLATE), so files run in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = templateName();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await ensureTemplate(admin, template);
    // Templates of older migration sets only take space; one still in use by another run stays.
    const stale = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'eldercare\\_tpl\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_build\\_%'", [template]);
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
