import { AsyncLocalStorage } from 'node:async_hooks';
import type { TenantDb, TenantTx } from './prisma.js';

/** What runs when the unit of work commits (publishing staged jobs, best-effort Redis clean-ups). */
type AfterCommit = () => unknown;

interface UnitOfWork {
  tenantId: string;
  root: TenantDb;
  tx: TenantTx;
  savepoints: number;
  afterCommit: AfterCommit[];
}

export interface TransactionOptions {
  maxWait?: number;
  timeout?: number;
  isolationLevel?: 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
}

const current = new AsyncLocalStorage<UnitOfWork>();

/** The defaults of a unit of work: a request that waits longer than this for the database fails. */
const DEFAULTS: TransactionOptions = { maxWait: 10_000, timeout: 20_000 };

/**
 * The ONE place a tenant transaction is opened. Everything a unit of work writes — the service
 * call, its audit rows, the idempotency record, the outbox rows of the jobs it enqueues — goes
 * through the transaction opened here, so it commits together or not at all.
 *
 * Nested calls (a service's own `db.$transaction` inside an idempotent request) join the outer
 * transaction through a SAVEPOINT: the inner block can fail and be retried (the checkout's
 * subsidy-key clash) without aborting the outer one, and nothing commits before the outer commit.
 *
 * Row-level security hooks in here: the first statement of the transaction is where
 * `set_config('app.tenant_id', tenantId, true)` belongs.
 */
export async function runInTransaction<T>(
  root: TenantDb,
  rawTransaction: TenantDb['$transaction'],
  tenantId: string,
  fn: (tx: TenantTx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const outer = current.getStore();
  if (outer && outer.root === root) return inSavepoint(outer, fn);
  const afterCommit: AfterCommit[] = [];
  const result = await rawTransaction(
    (tx: TenantTx) => current.run({ tenantId, root, tx, savepoints: 0, afterCommit }, () => fn(tx)),
    { ...DEFAULTS, ...options },
  );
  // Outside the (now closed) transaction's context: a hook must never reuse its client.
  current.exit(() => {
    for (const hook of afterCommit) {
      void Promise.resolve()
        .then(hook)
        .catch(() => {});
    }
  });
  return result as T;
}

async function inSavepoint<T>(uow: UnitOfWork, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  const name = `uow_${++uow.savepoints}`;
  await uow.tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    const result = await fn(uow.tx);
    await uow.tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (err) {
    await uow.tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
    throw err;
  }
}

/** The transaction of the unit of work running for `root` (a tenant's client), if any. */
export function ambientTransaction(root: TenantDb): TenantTx | undefined {
  const uow = current.getStore();
  return uow && uow.root === root ? uow.tx : undefined;
}

/**
 * Runs `hook` once the current unit of work has committed (never if it rolls back); with no unit
 * of work, at once. For side effects outside the database that must not precede the commit.
 */
export function afterCommit(hook: AfterCommit): void {
  const uow = current.getStore();
  if (uow) uow.afterCommit.push(hook);
  else void Promise.resolve().then(hook).catch(() => {});
}
