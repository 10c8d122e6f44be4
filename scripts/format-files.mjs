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
  'src/geocoding/read.ts',
  'src/delivery/navigation.ts',
  'tests/unit/geocoding',
  'tests/int/web-board-proof.int.test.ts',
  'src/nursing/care-notes-service.ts',
  'src/nursing/roster-notices.ts',
  'tests/int/nursing-roster-notices.int.test.ts',
  'tests/int/nursing-care-notes.int.test.ts',
  'tests/int/web-nursing-care-notes.int.test.ts',
  'tests/unit/nursing/roster-notice-summary.test.ts',
];
process.stdout.write(FILES.join(' '));
