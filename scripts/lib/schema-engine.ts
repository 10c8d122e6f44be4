// Drives Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) through
// @prisma/adapter-pg. The migrate CLI needs a native engine binary it downloads from Prisma's
// servers, which some machines cannot reach; the WASM build is the same engine.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);
// Node has WebAssembly at run time; its type declarations live in the DOM lib, which we do not load.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const WebAssembly = (globalThis as any).WebAssembly;

/** Node 20 cannot `import` a .wasm file: instantiate it by hand with the JS glue's imports. */
async function loadWasmModule() {
  const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const glue = await import(path.join(pkgDir, 'schema_engine_bg.js'));
  const bytes = readFileSync(path.join(pkgDir, 'schema_engine_bg.wasm'));
  const module = await WebAssembly.compile(bytes);
  const imports: Record<string, Record<string, unknown>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    imports[imp.module] ??= {};
    imports[imp.module][imp.name] = glue[imp.name];
  }
  const instance = await WebAssembly.instantiate(module, imports);
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return glue;
}

export function readSchemaFiles(dir: string) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.prisma'))
    .sort()
    .map((f) => ({ path: path.join(dir, f), content: readFileSync(path.join(dir, f), 'utf8') }));
}

export function readMigrationsList(baseDir: string) {
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: readFileSync(path.join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/** pg reads host/user/database from an object config, so the adapter can pick the shadow database name. */
function pgConfigFromUrl(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: u.pathname.slice(1) || 'postgres',
  };
}

/**
 * adapter-pg cannot map Postgres' internal `"char"` type (OID 18), which the engine's
 * introspection queries select from pg_catalog: report those columns as text instead.
 */
class CharAsTextPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async query(...args: any[]): Promise<any> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = await (super.query as any)(...args);
    for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  }
}

type PgConfig = ReturnType<typeof pgConfigFromUrl>;

async function adminQuery(config: PgConfig, sql: string) {
  const client = new pg.Client({ ...config, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * adapter-pg's own shadow database is dropped while its pool is still connected, which Postgres
 * refuses; this factory ends the pool first, then drops the database.
 */
function shadowAwareFactory(config: PgConfig) {
  const main = new PrismaPg(new CharAsTextPool(config), { disposeExternalPool: true });
  return Object.assign(main, {
    async connectToShadowDb() {
      const database = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      await adminQuery(config, `CREATE DATABASE "${database}"`);
      const shadow = await new PrismaPg(new CharAsTextPool({ ...config, database }), { disposeExternalPool: true }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await adminQuery(config, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      };
      return shadow;
    },
  });
}

/** Returns the SQL that takes the database built by `migrationsDir` to the state described by `schemaDir`. */
export async function diffMigrationsToSchema(databaseUrl: string, migrationsDir: string, schemaDir: string): Promise<string> {
  const glue = await loadWasmModule();
  const adapter = bindMigrationAwareSqlAdapterFactory(shadowAwareFactory(pgConfigFromUrl(databaseUrl)));
  const engine = await glue.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from: { tag: 'migrations', ...readMigrationsList(migrationsDir) },
      to: { tag: 'schemaDatamodel', files: readSchemaFiles(schemaDir) },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return String(result.stdout ?? '');
  } finally {
    engine.free();
  }
}
