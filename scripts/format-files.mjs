// The files Prettier owns today (`npm run format`, `npm run format:check`). Older files join this list when
// their owner next edits them (docs/CONVENTIONS.md "Formatting"), so a format pass never collides with
// parallel work. One path per line.
const FILES = [
  '.dependency-cruiser.cjs',
  '.prettierrc.json',
  'scripts/format-files.mjs',
  'src/kernel/errors.ts',
  'src/http/errors.ts',
  'tests/unit/import-boundaries.test.ts',
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
