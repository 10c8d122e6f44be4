import { Queue } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { ServiceUnavailableError, ValidationError } from '../http/errors.js';
import { defaultJobOptions, queueJobOptions, queuePayloads, QUEUE_NAMES } from './definitions.js';
import type { Payload, QueueName } from './definitions.js';
import { say } from '../i18n/index.js';
import { httpMessages } from '../http/messages.js';
import { zodIssuesToFieldErrors } from '../http/validate.js';

/**
 * Producer side of every queue. Uses a connection with no offline queue, so when Redis is
 * down an API call fails at once with 503 instead of hanging.
 */
export class Queues {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: Redis,
    readonly prefix: string,
  ) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: { ...defaultJobOptions, ...queueJobOptions[name] },
      });
      queue.on('error', () => {}); // surfaced per call below; avoid unhandled 'error' events
      this.queues.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return QUEUE_NAMES.map((n) => this.get(n));
  }

  /**
   * Fails fast (503) before a write that needs the queue: at once when Redis is down, within the
   * command deadline (REDIS_COMMAND_TIMEOUT_MS) when it is frozen. Checked before the transaction,
   * so a refused request writes nothing; jobs themselves go through the outbox (src/queues/outbox.ts).
   */
  async assertAvailable(): Promise<void> {
    const unavailable = () => new ServiceUnavailableError(say(httpMessages.queueDown));
    if (this.connection.status !== 'ready') throw unavailable();
    await this.connection.ping().catch(() => {
      throw unavailable();
    });
  }

  /** Validates the payload with the queue's schema and adds the job. */
  async add<Q extends QueueName>(name: Q, payload: Payload<Q>, opts: JobsOptions = {}) {
    const parsed = queuePayloads[name].safeParse(payload);
    if (!parsed.success) {
      throw new ValidationError(zodIssuesToFieldErrors('job', parsed.error.issues));
    }
    if (this.connection.status !== 'ready') throw new ServiceUnavailableError(say(httpMessages.queueDown));
    try {
      return await this.get(name).add(name, parsed.data, opts);
    } catch (err) {
      throw new ServiceUnavailableError(say(httpMessages.queueDown));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
