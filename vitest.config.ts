import { defineConfig } from 'vitest/config';

// Unit tests (tests/unit) are pure; integration tests (tests/int) talk to the real
// Postgres and Redis. The global setup builds one migrated template database per run;
// each integration file clones its own database from it and uses its own BullMQ prefix.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test' },
  },
});
