import { AsyncLocalStorage } from 'node:async_hooks';
import type { TenantDb, TenantTx } from './prisma.js';
import { asSystem, asTenant, TENANT_ROLE } from './tenant-session.js';

/** What runs once the unit of work committed (publishing staged jobs, best-effort Redis clean-ups). */
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
 * Row-level security: the first statement of the transaction sets the tenant's role and id for
 * this transaction only (SET LOCAL), whatever state the pooled connection was in. The body runs
 * outside the tenant's context: what it sends through the tenant client goes through this
 * transaction; what it sends through the base client stays cross-tenant work, as before.
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
  const result = await asTenant(tenantId, async () => await rawTransaction(
    async (tx: TenantTx) => {
      await tx.$executeRawUnsafe(`SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.tenant_id', $1, true)`, tenantId);
      return asSystem(() => current.run({ tenantId, root, tx, savepoints: 0, afterCommit }, () => fn(tx)));
    },
    { ...DEFAULTS, ...options },
  ));
  if (afterCommit.length) await runHooks(afterCommit);
  return result as T;
}

/** How long a committed unit of work waits for its after-commit hooks before answering anyway. */
const HOOK_WAIT_MS = 1_000;

/** Runs the hooks outside the (closed) transaction's context, waiting at most HOOK_WAIT_MS; failures are theirs. */
async function runHooks(hooks: AfterCommit[]): Promise<void> {
  const settled = current.exit(() => Promise.allSettled(hooks.map((hook) => Promise.resolve().then(hook))));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([settled, new Promise((r) => (timer = setTimeout(r, HOOK_WAIT_MS)))]);
  clearTimeout(timer);
}

async function inSavepoint<T>(uow: UnitOfWork, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  const name = `uow_${++uow.savepoints}`;
  const hooksBefore = uow.afterCommit.length;
  await uow.tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    const result = await fn(uow.tx);
    await uow.tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (err) {
    await uow.tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
    uow.afterCommit.length = hooksBefore; // what the rolled-back block asked for never happens
    throw err;
  }
}

/** The tenant whose unit of work the caller runs in, if any. */
export function unitOfWorkTenant(): string | undefined {
  return current.getStore()?.tenantId;
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
