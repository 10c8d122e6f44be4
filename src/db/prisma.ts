import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { ambientTransaction, runInTransaction, unitOfWorkTenant } from './transactions.js';
import { asTenant, TenantAwarePool } from './tenant-session.js';
import { logger } from '../logger.js';

export { Prisma };
export type { PrismaClient };

/**
 * Creates the one Prisma client of a process (driver adapter is mandatory in Prisma 7). A pooled
 * connection the server terminates (restart, failover, pg_terminate_backend) is dropped and logged;
 * unhandled, its 'error' event would crash the process.
 */
export function createPrisma(databaseUrl: string, poolMax = 10): PrismaClient {
  const dropped = (err: Error) => logger.warn({ err: err.message }, 'database connection lost; it is replaced on next use');
  const pool = new TenantAwarePool({ connectionString: databaseUrl, max: poolMax });
  // Every connection, idle or checked out: pg emits 'error' on the client itself when the server
  // ends it between two queries, and an unheard 'error' event is an uncaught exception.
  pool.on('connect', (client) => client.on('error', dropped));
  return new PrismaClient({ adapter: new PrismaPg(pool, { onPoolError: dropped, onConnectionError: dropped, disposeExternalPool: true }) });
}

/** Models without a tenantId column; every other model is scoped to one tenant. */
const UNSCOPED_MODELS = new Set<string>(['Tenant']);

const WHERE_OPERATIONS = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy',
  'update', 'updateMany', 'updateManyAndReturn', 'delete', 'deleteMany', 'upsert',
]);

type Args = Record<string, unknown> & { where?: object; data?: unknown; create?: object };

/**
 * Tenant scoping lives here and nowhere else: every query a tenant-scoped client makes is
 * filtered by its tenant (so another tenant's row is simply not found → 404), and every row it
 * creates is stamped with it, whatever the caller passed.
 */
function scope(tenantId: string, model: string | undefined, operation: string, args: Args): Args {
  if (!model || UNSCOPED_MODELS.has(model)) return args;
  const next: Args = { ...args };
  if (WHERE_OPERATIONS.has(operation)) next.where = { ...(args.where ?? {}), tenantId };
  if (operation === 'create') next.data = { ...(args.data as object), tenantId };
  if (operation === 'createMany' || operation === 'createManyAndReturn') {
    const rows = Array.isArray(args.data) ? args.data : [args.data];
    next.data = rows.map((row) => ({ ...(row as object), tenantId }));
  }
  if (operation === 'upsert') next.create = { ...(args.create ?? {}), tenantId };
  return next;
}

/**
 * Prisma batches the `findUnique` calls of one tick into one query, sent from the context of the
 * first caller — possibly another tenant's, whose row-level security would hide this tenant's row.
 * Outside a transaction they are sent as the equivalent `findFirst` (never batched): compound
 * unique keys (`tenantId_code: {…}`) become their fields.
 */
function asFindFirst(args: Args): Args {
  const where: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args.where ?? {})) {
    const compound = key.includes('_') && value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
    if (compound) Object.assign(where, value);
    else where[key] = value;
  }
  return { ...args, where };
}

const FIND_FIRST: Record<string, string> = { findUnique: 'findFirst', findUniqueOrThrow: 'findFirstOrThrow' };

function extendForTenant(base: PrismaClient, tenantId: string) {
  return base.$extends({
    name: 'tenant-scope',
    query: {
      // Every operation, raw SQL included, runs in the tenant's context (src/db/tenant-session.ts).
      $allOperations({ model, operation, args, query }) {
        const scoped = scope(tenantId, model, operation, args as Args);
        const firstOf = FIND_FIRST[operation];
        if (model && firstOf && unitOfWorkTenant() !== tenantId) {
          const delegate = (base as unknown as Record<string, Record<string, (a: Args) => Promise<unknown>>>)[model[0].toLowerCase() + model.slice(1)];
          return asTenant(tenantId, async () => await delegate[firstOf](asFindFirst(scoped)));
        }
        // Awaited inside: a Prisma promise runs when awaited, and must run in the tenant's context.
        return asTenant(tenantId, async () => await query(scoped as typeof args));
      },
    },
  });
}

export type TenantDb = ReturnType<typeof extendForTenant>;
/** A transaction client of a tenant-scoped client (still scoped). */
export type TenantTx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0];

/**
 * The tenant client as services see it: its `$transaction` is the one unit-of-work function
 * (src/db/transactions.ts), and while a unit of work runs for this tenant every query made through
 * the client — also outside an explicit `$transaction` — goes through that unit's transaction, so
 * an idempotent request reads its own writes and commits everything at once.
 */
function unitOfWorkView(db: TenantDb, tenantId: string): TenantDb {
  const rawTransaction = db.$transaction.bind(db) as TenantDb['$transaction'];
  const view: TenantDb = new Proxy(db, {
    get(target, prop) {
      if (prop === '$transaction') {
        return (arg: unknown, options?: object) =>
          // The array form would run queries built outside the transaction: only the callback form is allowed.
          Array.isArray(arg)
            ? Promise.reject(new Error('Use $transaction(async (tx) => …); the array form is not supported.'))
            : runInTransaction(view, rawTransaction, tenantId, arg as (tx: TenantTx) => Promise<unknown>, options);
      }
      const tx = ambientTransaction(view) as Record<PropertyKey, unknown> | undefined;
      const source = (tx && prop in tx ? tx : target) as Record<PropertyKey, unknown>;
      const value = source[prop];
      return typeof value === 'function' ? value.bind(source) : value;
    },
  });
  return view;
}

const cache = new WeakMap<PrismaClient, Map<string, TenantDb>>();

/** The tenant-scoped view of the client; cached per tenant because $extends is not free. */
export function tenantDb(base: PrismaClient, tenantId: string): TenantDb {
  let perTenant = cache.get(base);
  if (!perTenant) cache.set(base, (perTenant = new Map()));
  let db = perTenant.get(tenantId);
  if (!db) {
    if (perTenant.size > 1000) perTenant.clear();
    db = unitOfWorkView(extendForTenant(base, tenantId), tenantId);
    perTenant.set(tenantId, db);
  }
  return db;
}
