import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.js';
import { closeDeps, createDeps, onShutdown } from './bootstrap.js';
import { config } from './config.js';
import type { Deps } from './deps.js';
import { migrateDeploy } from './db/migrate.js';
import { answerClientErrorsAsProblems } from './http/client-error.js';
import { logger } from './logger.js';
import { modules } from './modules.js';

/** Listens and resolves with the server once it accepts connections. */
export function listen(deps: Deps, port = deps.config.PORT, host = deps.config.HOST): Promise<Server> {
  const app = buildApp(deps, modules);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    answerClientErrorsAsProblems(server);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/**
 * Production API process: `node dist/server.js` (a two-line entry written by the build that calls
 * this); the worker runs as its own process, `node dist/jobs/worker.js`.
 */
async function main() {
  const cfg = config();
  if (!cfg.DATABASE_URL) throw new Error('DATABASE_URL is required (use `npm start` for an embedded database).');
  await migrateDeploy(cfg.DATABASE_URL);
  const deps = await createDeps(cfg, cfg.DATABASE_URL);
  const server = await listen(deps);
  logger.info({ port: cfg.PORT }, 'API listening');
  onShutdown(async () => {
    await closeServer(server);
    await closeDeps(deps);
  });
}

/** Starts the API or exits with the reason; the built entry and `tsx src/server.ts` both call it. */
export function runApi(): void {
  main().catch((err) => {
    logger.fatal({ err }, 'API failed to start');
    process.exit(1);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runApi();
