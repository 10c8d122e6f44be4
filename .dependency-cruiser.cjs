/**
 * Import boundaries (docs/CONVENTIONS.md "Boundaries"). Runs in `npm test` via `npm run lint:deps`.
 * Layers: solvers (pure) ← kernel ← domains ← composition root (src/modules.ts, src/routes.ts,
 * src/pages.ts, src/app.ts, jobs/). KNOWN lists existing imports that break a rule today; each is a
 * debt to pay off (issue 20), not a licence: new code must not add to them.
 */
const SOLVERS = 'src/(routing|roster|subsidy)/';
const KERNEL = 'src/(kernel|http|db|web|i18n|queues|time|storage|audit|workers|imports)/';
const KERNEL_NOT_TIME = 'src/(kernel|http|db|web|i18n|queues|storage|audit|workers|imports)/';
const DOMAINS = 'src/(delivery|canteen|nursing|people|tenancy|voice|notify|geocoding|jobs-view)/';

/** Existing kernel → domain imports (the kernel should receive these from src/modules.ts). */
const KNOWN_KERNEL_TO_DOMAIN = [
  // Schedules: the tenant-settings route calls syncTenantSchedules, so the list cannot live in modules.ts yet.
  '^src/queues/schedules\\.ts$',
  // Import kinds registered by the kernel's import registry instead of by the domains' modules.
  '^src/imports/registry\\.ts$',
  // The import service geocodes addresses of imported rows.
  '^src/imports/service\\.ts$',
];

/** Existing domain → domain imports that bypass the owner's read.ts / index.ts. */
const KNOWN_CROSS_DOMAIN = [
  // people's zod schemas and id-card parser shared by delivery and canteen inputs (to go into src/people/read.ts).
  '^src/people/(schemas|id-card|import-residents)\\.ts$',
  // people → geocoding (a person's location) and people → delivery (orders of a removed person).
  '^src/geocoding/(service|person-location)\\.ts$',
  '^src/delivery/order-service\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'solver-is-pure',
      severity: 'error',
      comment: 'Solvers (routing, roster, subsidy) import only each other, node and luxon: no kernel, no domain.',
      // src/time (luxon helpers, no I/O) is allowed; the worker-thread adapters are the solvers' I/O edge.
      from: { path: `^${SOLVERS}`, pathNot: '^src/routing/(solver-worker|solve-in-worker)\\.ts$' },
      to: { path: `^(${KERNEL_NOT_TIME}|${DOMAINS}|src/[^/]+\\.ts$)` },
    },
    {
      name: 'kernel-knows-no-domain',
      severity: 'error',
      comment: 'The kernel keeps only types; domains are handed to it by the composition root (src/modules.ts).',
      from: { path: `^${KERNEL}`, pathNot: KNOWN_KERNEL_TO_DOMAIN.length ? KNOWN_KERNEL_TO_DOMAIN : undefined },
      to: { path: `^(${DOMAINS}|src/(modules|routes|pages|app)\\.ts$)` },
    },
    {
      name: 'domain-reads-through-owner',
      severity: 'error',
      comment: "A domain imports another domain only through that domain's root read.ts or index.ts.",
      from: { path: '^src/(delivery|canteen|nursing|people|tenancy|voice|notify|geocoding|jobs-view)/' },
      to: {
        path: `^${DOMAINS}`,
        pathNot: ['^src/$1/', '^src/[^/]+/(read|index)\\.ts$', ...KNOWN_CROSS_DOMAIN],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
