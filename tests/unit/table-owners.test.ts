import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignTableAccess, modelOwners } from '../support/table-owners.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('table owners (issue 20 §2: a domain reads another domain only through its read module)', () => {
  it('when the code base is scanned, then no domain touches a Prisma model another domain owns', () => {
    const found = foreignTableAccess(root).map((a) => `${a.file}:${a.line} ${a.model} (owned by ${a.owner})`);
    expect(found, 'use the owner’s read.ts / index.ts (docs/CONVENTIONS.md "Boundaries")').toEqual([]);
  });

  it('when the schema is read, then the contested tables have the owners the rule assumes', () => {
    const owners = modelOwners(path.join(root, 'prisma/schema'));
    expect(
      Object.fromEntries(
        [
          'Person',
          'PersonStatus',
          'Admission',
          'RouteStop',
          'DailyOrder',
          'MealSlot',
          'CanteenMeal',
          'GeocodeCache',
          'User',
        ].map((m) => [m, owners.get(m)]),
      ),
    ).toEqual({
      Person: 'people',
      PersonStatus: 'people',
      Admission: 'nursing',
      RouteStop: 'delivery',
      DailyOrder: 'delivery',
      MealSlot: 'delivery',
      CanteenMeal: 'canteen',
      GeocodeCache: 'geocoding',
      User: 'kernel',
    });
  });

  it('when a domain reads another domain’s table (a fixture), then each access is reported with its line; own and kernel tables are not', () => {
    const fixture = path.join(root, 'tests/fixtures/table-owners');
    expect(foreignTableAccess(fixture)).toEqual([
      { file: 'src/canteen/audit.ts', line: 3, model: 'Admission', owner: 'nursing' },
      { file: 'src/canteen/audit.ts', line: 6, model: 'Person', owner: 'people' },
      { file: 'src/canteen/audit.ts', line: 8, model: 'Admission', owner: 'nursing' },
    ]);
  });
});
