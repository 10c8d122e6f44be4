import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { PrismaClient } from './db/prisma.js';
import type { OutboxRelay } from './queues/outbox.js';
import type { Queues } from './queues/queues.js';

/** What services and processors need from the outside world; built once in the entry points. */
export interface Deps {
  config: Config;
  prisma: PrismaClient;
  redis: Redis;
  queues: Queues;
  /** Publishes jobs staged in transactions (src/queues/outbox.ts). */
  outbox: OutboxRelay;
}
