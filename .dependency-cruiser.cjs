/**
 * Import boundaries (docs/CONVENTIONS.md "Boundaries"). Runs in `npm test` via `npm run lint:deps`.
 * Layers: solvers (pure) ← kernel ← domains ← thin job processors (jobs/) ← the one composition
 * root (src/modules.ts) ← entry points (src/server.ts, src/dev-start.ts, jobs/worker.ts).
 * An exception names the imported module (the target) only, never a whole importing file, and says why.
 */
const SOLVERS = 'src/(routing|roster|subsidy)/';
const KERNEL_DIRS = 'kernel|http|db|web|i18n|queues|time|storage|audit|workers|imports|jobs-view';
/** Kernel files outside the kernel folders: the app and its route/page mechanism, deps, config, logging. */
const KERNEL_FILES = 'src/(app|routes|pages|deps|bootstrap|config|logger|privacy)\\.ts$';
const KERNEL = `src/(${KERNEL_DIRS})/|${KERNEL_FILES}`;
const KERNEL_NOT_TIME = `src/(${KERNEL_DIRS.replace('|time', '')})/|${KERNEL_FILES}`;
const DOMAINS = 'src/(delivery|canteen|nursing|people|tenancy|voice|notify|geocoding)/';
/** What only the composition root and the entry points may import: the thin processors, the root, the entries. */
const ROOT = 'jobs/|src/(modules|server|dev-start)\\.ts$';
const ENTRY_POINTS = '^(src/(server|dev-start)\\.ts|jobs/worker\\.ts)$';

module.exports = {
  forbidden: [
    {
      name: 'solver-is-pure',
      severity: 'error',
      comment: 'Solvers (routing, roster, subsidy) import only each other, node and luxon: no kernel, no domain.',
      from: { path: `^${SOLVERS}` },
      to: {
        path: `^(${KERNEL_NOT_TIME}|${DOMAINS}|${ROOT})`,
        // Exceptions (targets): src/time is luxon helpers without I/O; src/workers/thread.ts is the one way
        // a solver runs in a worker thread (its adapters solve-in-worker.ts / solver-worker.ts import it).
        pathNot: '^src/workers/thread\\.ts$',
      },
    },
    {
      name: 'kernel-knows-no-domain',
      severity: 'error',
      comment: 'The kernel keeps only types and mechanism; domains are handed to it by src/modules.ts.',
      from: { path: `^(${KERNEL})` },
      to: { path: `^(${DOMAINS}|${ROOT})` },
    },
    {
      name: 'domains-listed-once',
      severity: 'error',
      comment: 'Entry points take the domains from src/modules.ts, never from a domain or processor directly.',
      from: { path: ENTRY_POINTS },
      to: { path: `^(${DOMAINS}|jobs/(?!worker\\.ts$))` },
    },
    {
      name: 'root-is-not-imported-back',
      severity: 'error',
      comment:
        'Domains and processors import no processor, not the composition root and no entry point (import circles).',
      from: { path: `^(${DOMAINS}|jobs/(?!worker\\.ts$))` },
      to: { path: `^(${ROOT})` },
    },
    {
      name: 'domain-reads-through-owner',
      severity: 'error',
      comment: "A domain imports another domain only through that domain's root read.ts or index.ts.",
      from: { path: `^${DOMAINS}` },
      to: {
        path: `^${DOMAINS}`,
        pathNot: ['^src/$1/', '^src/[^/]+/(read|index)\\.ts$'],
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
