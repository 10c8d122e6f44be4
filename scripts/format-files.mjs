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
  'src/notify/receipts.ts',
  'src/notify/receipt-routes.ts',
  'src/notify/receipt-sources.ts',
  'src/notify/inbox.ts',
  'src/notify/web/inbox-pages.ts',
  'jobs/route-depart.ts',
  'tests/int/notify-receipts.int.test.ts',
  'tests/int/notify-first-stop.int.test.ts',
  'tests/int/notify-inbox-page.int.test.ts',
];
process.stdout.write(FILES.join(' '));
