// The files Prettier owns today (`npm run format`, `npm run format:check`). Older files join this list when
// their owner next edits them (docs/CONVENTIONS.md "Formatting"), so a format pass never collides with
// parallel work. One path per line.
const FILES = [
  '.dependency-cruiser.cjs',
  '.prettierrc.json',
  'scripts/format-files.mjs',
  'src/kernel/errors.ts',
  'src/kernel/modules.ts',
  'src/modules.ts',
  'src/routes.ts',
  'src/pages.ts',
  'src/queues/schedules.ts',
  'src/routing/sequence-timing.ts',
  'src/workers/housekeeping.ts',
  'src/workers/queue-workers.ts',
  'src/http/errors.ts',
  'tests/unit/import-boundaries.test.ts',
  'tests/unit/modules.test.ts',
  'tests/unit/delivery/timing-same-rule.test.ts',
  'tests/fixtures/boundaries',
];
process.stdout.write(FILES.join(' '));
