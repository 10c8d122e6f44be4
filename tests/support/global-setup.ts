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
