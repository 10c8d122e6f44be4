// npm run db:migrate — applies pending migrations to DATABASE_URL.
import { config } from '../src/config.js';
import { migrateDeploy } from '../src/db/migrate.js';

const url = config().DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set.');
  process.exit(2);
}
const applied = await migrateDeploy(url);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
