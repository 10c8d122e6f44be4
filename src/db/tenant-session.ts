import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/**
 * Row-level security, the database's own wall between tenants (migration `…_row_level_security`):
 * every tenant-owned table has a policy `"tenantId" = app.tenant_id`, enforced for the role
 * TENANT_ROLE (not the owner, NOBYPASSRLS). Work done for one tenant runs as that role with the
 * tenant's id set; cross-tenant work (schedulers, housekeeping, migrations, sign-in by token hash)
 * runs as the connection's own login role.
 *
 * Which of the two a query is comes from the async context the tenant client opens around each of
 * its queries and transactions (src/db/prisma.ts). Every connection the pool hands out is brought
 * to that state first — role and tenant are session settings, so a pooled connection never carries
 * one tenant's setting into another tenant's or the scheduler's query. The state of each connection
 * is remembered, so a connection already in the right state costs no extra round trip.
 */
export const TENANT_ROLE = 'eldercare_tenant';

const tenantContext = new AsyncLocalStorage<string>();

/** Runs `fn` as work of `tenantId`: the queries it sends over the pool run under RLS. */
export function asTenant<T>(tenantId: string, fn: () => T): T {
  return tenantContext.run(tenantId, fn);
}

/** Runs `fn` outside any tenant's context (what a unit of work's body does with the base client). */
export function asSystem<T>(fn: () => T): T {
  return tenantContext.exit(fn);
}

/** '' = the login role with no tenant (cross-tenant work). */
const SYSTEM = '';
const stateOf = new WeakMap<pg.PoolClient, string>();

async function bringTo(client: pg.PoolClient, want: string): Promise<void> {
  if ((stateOf.get(client) ?? SYSTEM) === want) return;
  stateOf.delete(client); // unknown until the statement below succeeds
  if (want === SYSTEM) {
    await client.query(`SELECT set_config('role', 'none', false), set_config('app.tenant_id', '', false)`);
  } else {
    await client.query(`SELECT set_config('app.tenant_id', $1, false), set_config('role', '${TENANT_ROLE}', false)`, [want]);
  }
  stateOf.set(client, want);
}

/**
 * The pool of the one Prisma client. Transactions check out with `connect()`; single statements go
 * through pg-pool's `query()`, which checks out with `connect(cb)` in the caller's context as well.
 */
export class TenantAwarePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(cb: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(cb?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    const want = tenantContext.getStore() ?? SYSTEM;
    const ready = super.connect().then(async (client) => {
      try {
        await bringTo(client, want);
        return client;
      } catch (err) {
        client.release(err as Error); // a connection whose state is unknown is never reused
        throw err;
      }
    });
    if (!cb) return ready;
    ready.then((client) => cb(undefined, client, (e?: unknown) => client.release(e as Error)), (err) => cb(err as Error, undefined, () => {}));
  }
}
