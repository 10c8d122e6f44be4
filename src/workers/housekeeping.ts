import type { Deps } from '../deps.js';
import type { Modules } from '../kernel/modules.js';
import { logger } from '../logger.js';
import { syncAllSchedules } from '../queues/schedules.js';

export const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

/**
 * Puts back what Redis may have lost, from the database: every tenant's job schedulers, then the
 * modules' recovery steps (pending welfare checks, welfare ladder steps not run yet, notification
 * messages not sent). Every step is idempotent, so the worker runs them at start, as soon as the
 * job outbox relay finds Redis came back empty (it checks on every reconnect and every
 * REDIS_CHECK_EVERY_MS), and every 10 minutes as a safety net. A failed round is logged and
 * retried at the next tick. (Lost one-off jobs come back from the job outbox itself.)
 */
export function startHousekeeping(
  deps: Deps,
  modules: Modules,
  everyMs = HOUSEKEEPING_EVERY_MS,
): { first: Promise<void>; stop(): void } {
  const restore = async () => {
    await syncAllSchedules(deps, modules);
    for (const step of modules.recovery) {
      const requeued = await step.run(deps);
      if (step.what && typeof requeued === 'number' && requeued > 0)
        logger.warn({ requeued }, `${step.what} missing from Redis were queued again`);
    }
  };
  const round = () =>
    restore().catch((err) => logger.error({ err: (err as Error).message }, 'housekeeping round failed'));
  const timer = setInterval(round, everyMs);
  timer.unref();
  let stopped = false;
  deps.outbox.onRedisReset(async () => {
    if (!stopped) await restore(); // a failure makes the relay check (and restore) again shortly
  });
  return {
    first: round(),
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
