/**
 * Which domain owns which Prisma model, and where a domain's code touches another domain's model
 * directly (`db.person.findFirst(`, `tx.admission\n  .create(`, raw SQL `FROM "RouteStop"`). A domain
 * reads another's data through the owner's read.ts / index.ts instead (docs/CONVENTIONS.md
 * "Boundaries"); tests/unit/table-owners.test.ts fails on any such access.
 *
 * Owners: a model in prisma/schema/<domain>.prisma belongs to that domain. In base.prisma, the
 * People registry's models belong to `people`, the geocoding cache to `geocoding`, and the rest
 * (Tenant, User and the kernel's bookkeeping: tokens, sessions, audit, idempotency, outbox, imports)
 * is shared kernel state that any domain may read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const BASE_OWNERS: Record<string, string> = { Person: 'people', PersonStatus: 'people', GeocodeCache: 'geocoding' };
const KERNEL = 'kernel';
export const DOMAINS = ['delivery', 'canteen', 'nursing', 'people', 'tenancy', 'voice', 'notify', 'geocoding'];
const OPERATIONS = 'find\\w*|create\\w*|update\\w*|upsert|delete\\w*|count|aggregate|groupBy';

/** Model name → owning domain (or `kernel`), read from the schema folder. */
export function modelOwners(schemaDir: string): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.prisma'))) {
    const domain = file.replace(/\.prisma$/, '');
    for (const [, model] of readFileSync(path.join(schemaDir, file), 'utf8').matchAll(/^model (\w+)/gm)) {
      owners.set(model, domain === 'base' ? (BASE_OWNERS[model] ?? KERNEL) : domain);
    }
  }
  return owners;
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

export interface TableAccess {
  file: string;
  line: number;
  model: string;
  owner: string;
}

/** Every direct access of a domain's code (under root/src/<domain>) to a model another domain owns. */
export function foreignTableAccess(root: string, schemaDir = path.join(root, 'prisma/schema')): TableAccess[] {
  const owners = modelOwners(schemaDir);
  const client = new Map([...owners.keys()].map((m) => [m[0].toLowerCase() + m.slice(1), m]));
  const call = new RegExp(`\\.\\s*(\\w+)\\s*\\.\\s*(?:${OPERATIONS})\\s*\\(`, 'g');
  const rawSql = /\b(?:FROM|JOIN|UPDATE|INTO)\s+"(\w+)"/g;
  const found: TableAccess[] = [];
  for (const domain of DOMAINS) {
    for (const file of filesUnder(path.join(root, 'src', domain))) {
      const text = readFileSync(file, 'utf8');
      const lineOf = (index: number) => text.slice(0, index).split('\n').length;
      const hits = [
        ...[...text.matchAll(call)].map((m) => ({ model: client.get(m[1]), index: m.index })),
        ...[...text.matchAll(rawSql)].map((m) => ({ model: owners.has(m[1]) ? m[1] : undefined, index: m.index })),
      ];
      for (const h of hits) {
        const owner = h.model && owners.get(h.model);
        if (!owner || owner === KERNEL || owner === domain) continue;
        found.push({ file: path.relative(root, file), line: lineOf(h.index), model: h.model!, owner });
      }
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
