import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1500 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export const REDIS_HELP = `Redis is required for the job queues and none answers at the configured REDIS_URL.
Install and start it (Debian/Ubuntu: "sudo apt-get install -y redis-server && redis-server --daemonize yes";
macOS: "brew install redis && brew services start redis"; Docker: "docker run -p 6379:6379 redis:7"),
or set REDIS_URL to a Redis you can reach, then run the command again.`;

/**
 * Makes sure a Redis answers at `url`. If none does and `redis-server` is on PATH, starts one as
 * a child process (data under <dataDir>/redis, noeviction, append-only). Otherwise throws REDIS_HELP.
 */
export async function ensureRedis(url: string, dataDir: string): Promise<ChildProcess | undefined> {
  if (await answers(url)) return undefined;
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(REDIS_HELP);
  const u = new URL(url);
  if (!['127.0.0.1', 'localhost', '::1'].includes(u.hostname)) throw new Error(REDIS_HELP);
  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    found.stdout.trim(),
    ['--port', u.port || '6379', '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`redis-server was started but does not answer at ${url}.\n${REDIS_HELP}`);
}
