import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestEnv } from '../harness.js';

/**
 * Starts tests/support/delivery/delivery-worker.ts as a real worker process on the test's database,
 * Redis and queue prefix, and resolves once its BullMQ workers are ready. Tests SIGKILL it to show
 * that jobs survive a worker crash; `children` collects the processes so afterAll can kill leftovers.
 */
export async function startWorkerProcess(env: TestEnv, children: ChildProcess[], startTimeoutMs = 20_000): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./delivery-worker.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: env.deps.config.DATABASE_URL, REDIS_URL: env.deps.config.REDIS_URL, QUEUE_PREFIX: env.prefix, LOG_LEVEL: 'silent', NODE_ENV: 'test',
      // A short job lock, so that a killed worker's active job is taken over within seconds.
      JOB_LOCK_MS: '3000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker process did not start')), startTimeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
  });
  return child;
}

/** SIGKILLs a worker process (no clean shutdown: its BullMQ locks stay behind) and waits for it to exit. */
export async function killWorkerProcess(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
}
