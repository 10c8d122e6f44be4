import { defineConfig } from 'prisma/config';

// The URL is read directly (not with env()) so `prisma generate` works without a database.
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test' },
});
