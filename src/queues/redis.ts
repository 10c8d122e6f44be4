import { Redis } from 'ioredis';

/**
 * API producers: fail fast when Redis is down (no offline queue, one retry per request) and when
 * it is frozen or slow (every command has a deadline, so an API call answers 503 within about a
 * second instead of hanging on a connection that is open but silent).
 */
export function createProducerRedis(url: string, commandTimeoutMs = 800): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, commandTimeout: commandTimeoutMs, connectTimeout: 2_000 });
}

/** Workers: BullMQ requires maxRetriesPerRequest: null for blocking commands. */
export function createWorkerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Resolves when the connection is ready, rejects after `timeoutMs`. */
export function waitForRedis(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/** Deletes every key under a BullMQ prefix (a test's or a benchmark's throwaway queues). */
export async function deleteQueuePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
