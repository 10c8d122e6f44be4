import type { PrismaClient } from '../../src/db/prisma.js';

/**
 * One md5 per table of the whole database (every row, as JSON, in a stable order), to prove a
 * refused request changed nothing. `lastUsedAt` of tokens is left out: authentication refreshes
 * it on its own, at most once a minute, whatever the answer.
 */
export async function fingerprinter(prisma: PrismaClient): Promise<() => Promise<Record<string, string>>> {
  const tables = (await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`)
    .map((t) => t.table_name);
  const row = (t: string) => `(to_jsonb(x) - 'lastUsedAt')::text`;
  const sql = `SELECT ${tables
    .map((t) => `(SELECT count(*) || ':' || md5(coalesce(string_agg(${row(t)}, '|' ORDER BY ${row(t)}), '')) FROM "${t}" x) AS "${t}"`)
    .join(', ')}`;
  return async () => (await prisma.$queryRawUnsafe<Record<string, string>[]>(sql))[0];
}

/** Names of the tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}
