/**
 * The migration that gives delivery slots their kind (issue 20 §3) backfills slots that existed
 * before it: from the code when the code is a kind, else from the window start (before 10:00
 * breakfast, before 15:00 lunch, else dinner). Run on a database migrated up to the one before,
 * with slots written the way the old code wrote them, then migrated to the end.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations, migrateDeploy, migrationsDir } from '../../src/db/migrate.js';
import { databaseUrl, withAdminClient } from '../support/pg-urls.js';

const MIGRATION = '20261203130000_delivery_slot_kind';
const dbName = `eldercare_t_migration_slot_kind_${randomBytes(4).toString('hex')}`;
const before = mkdtempSync(path.join(tmpdir(), 'migrations-'));

const admin = withAdminClient;

afterAll(async () => {
  rmSync(before, { recursive: true, force: true });
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
});

describe(`migration ${MIGRATION}`, () => {
  it('when slots existed before it, then each gets the kind its code names, else the one of its window start', async () => {
    const all = listMigrations(migrationsDir());
    expect(all.map((m) => m.name)).toContain(MIGRATION);
    for (const m of all.filter((x) => x.name < MIGRATION))
      cpSync(path.join(migrationsDir(), m.name), path.join(before, m.name), { recursive: true });
    await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
    await migrateDeploy(databaseUrl(dbName), before);

    const db = new pg.Client({ connectionString: databaseUrl(dbName) });
    await db.connect();
    try {
      const tenantId = randomUUID();
      await db.query(`INSERT INTO "Tenant" (id, name) VALUES ($1, 'Old tenant')`, [tenantId]);
      const slots: [code: string, windowStart: string][] = [
        ['lunch', '10:45'],
        ['dinner', '16:45'],
        ['breakfast', '11:30'], // the code wins over the time
        ['zao', '07:30'],
        ['noon', '11:00'],
        ['wu2', '14:59'],
        ['supper', '15:00'],
        ['ye', '19:00'],
      ];
      for (const [code, windowStart] of slots) {
        await db.query(
          `INSERT INTO "MealSlot" (id, "tenantId", code, name, "readyTime", "windowStart", "windowEnd") VALUES ($1, $2, $3, $3, $4, $4, '23:59')`,
          [randomUUID(), tenantId, code, windowStart],
        );
      }
      expect(await migrateDeploy(databaseUrl(dbName))).toContain(MIGRATION);
      const { rows } = await db.query<{ code: string; kind: string }>(
        `SELECT code, kind::text FROM "MealSlot" ORDER BY "windowStart", code`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.code, r.kind]))).toEqual({
        lunch: 'lunch',
        dinner: 'dinner',
        breakfast: 'breakfast',
        zao: 'breakfast',
        noon: 'lunch',
        wu2: 'lunch',
        supper: 'dinner',
        ye: 'dinner',
      });
      // Required from now on: a slot written without a kind is refused by the database.
      await expect(
        db.query(
          `INSERT INTO "MealSlot" (id, "tenantId", code, name, "readyTime", "windowStart", "windowEnd") VALUES ($1, $2, 'x', 'x', '10:00', '10:00', '11:00')`,
          [randomUUID(), tenantId],
        ),
      ).rejects.toThrow(/null value in column "kind"/);
    } finally {
      await db.end();
    }
  }, 120_000);
});
