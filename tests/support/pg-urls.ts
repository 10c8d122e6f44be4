// Where the test Postgres is: the machine's server (CI and here), overridable for other set-ups.
const BASE = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function adminUrl(): string {
  return BASE;
}

export function databaseUrl(name: string): string {
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  return u.toString();
}

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
