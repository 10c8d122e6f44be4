import type { Job } from 'bullmq';
import type { Deps } from '../deps.js';
import type { ApiRouter } from '../http/api-router.js';
import type { Importer } from '../imports/importer.js';
import type { Payload, QueueName } from '../queues/definitions.js';
import type { Queues } from '../queues/queues.js';
import type { ScheduleSync, TenantForSchedule } from '../queues/schedules.js';
import type { WebRouter } from '../web/web-router.js';

/**
 * What a domain plugs into the kernel. The kernel (app, workers, imports, schedules) knows only
 * these types; the one list of domains is src/modules.ts, which hands it over as `Modules`.
 */
export interface DomainModule {
  /** The folder, src/<name>/ (named in the errors of composeModules). */
  name: string;
  /** API routes; modules register in list order, which is the order of the OpenAPI document. */
  routes?: RouteRegistration[];
  /** Screens; registered in the order of `pageOrder` (the order of the navigation bar). */
  pages?: PageRegistration[];
  /** Recurring per-tenant jobs (BullMQ job schedulers), upserted at tenant changes and by housekeeping. */
  schedules?: ScheduleSync[];
  /** Spreadsheet import kinds (run by the people.import job of src/imports/). */
  importers?: Importer[];
  /** Called once after every finished import, whatever its kind. */
  afterImport?: AfterImport[];
  /** The processor of each queue this module owns (thin, in jobs/). */
  processors?: Processors;
  /** Puts back from the database what Redis may have lost (src/workers/housekeeping.ts). */
  recovery?: RecoveryStep[];
}

export type RouteRegistration = (api: ApiRouter, deps: Deps, modules: Modules) => void;
export type PageRegistration = (web: WebRouter, deps: Deps, modules: Modules) => void;
export type AfterImport = (deps: Pick<Deps, 'prisma' | 'queues' | 'config'>, tenantId: string) => Promise<unknown>;
export type Processor<Q extends QueueName> = (job: Job<Payload<Q>>, deps: Deps, modules: Modules) => Promise<unknown>;
export type Processors = { [Q in QueueName]?: Processor<Q> };

export interface RecoveryStep {
  /** Plural noun for the log line "<what> missing from Redis were queued again" when `run` resolves to a count > 0. */
  what?: string;
  run(deps: Deps): Promise<unknown>;
}

/** Every module, put together: what the kernel reads. Built once by composeModules. */
export interface Modules {
  /** In registration order of the routes. */
  readonly list: readonly DomainModule[];
  /** The modules with pages, in navigation order. */
  readonly pageOrder: readonly DomainModule[];
  readonly importers: Readonly<Record<string, Importer>>;
  readonly afterImport: readonly AfterImport[];
  readonly schedules: readonly ScheduleSync[];
  readonly processors: Processors;
  readonly recovery: readonly RecoveryStep[];
  /** Creates or updates every job scheduler of a tenant (idempotent: upsert by scheduler id). */
  syncTenantSchedules(queues: Queues, tenant: TenantForSchedule): Promise<void>;
}

/**
 * Checks and merges the modules: one owner per queue and per import kind, and a page order that
 * names every module with pages exactly once (a forgotten screen fails at start, not in use).
 */
export function composeModules(list: DomainModule[], opts: { pageOrder: string[] }): Modules {
  const byName = new Map(list.map((m) => [m.name, m]));
  if (byName.size !== list.length) throw new Error('composeModules: two modules have the same name');
  const withPages = list.filter((m) => m.pages?.length).map((m) => m.name);
  const pageOrder = opts.pageOrder.map(
    (name) => byName.get(name) ?? fail(`pageOrder names '${name}', which is no module`),
  );
  if (
    new Set(opts.pageOrder).size !== opts.pageOrder.length ||
    withPages.some((n) => !opts.pageOrder.includes(n)) ||
    pageOrder.some((m) => !m.pages?.length)
  ) {
    fail(`pageOrder must list each module with pages once: ${withPages.join(', ')}`);
  }
  const importers: Record<string, Importer> = {};
  const processors: Record<string, unknown> = {};
  for (const m of list) {
    for (const imp of m.importers ?? []) {
      if (importers[imp.kind]) fail(`import kind '${imp.kind}' is declared twice (${m.name})`);
      importers[imp.kind] = imp;
    }
    for (const [queue, processor] of Object.entries(m.processors ?? {})) {
      if (processors[queue]) fail(`queue '${queue}' has two processors (${m.name})`);
      processors[queue] = processor;
    }
  }
  const schedules = list.flatMap((m) => m.schedules ?? []);
  return {
    list,
    pageOrder,
    importers,
    afterImport: list.flatMap((m) => m.afterImport ?? []),
    schedules,
    processors: processors as Processors,
    recovery: list.flatMap((m) => m.recovery ?? []),
    async syncTenantSchedules(queues, tenant) {
      for (const sync of schedules) await sync(queues, tenant);
    },
  };
}

function fail(message: string): never {
  throw new Error(`composeModules: ${message}`);
}
