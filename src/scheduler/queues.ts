/**
 * BullMQ queues and workers with the connections the bot wants: one ioredis
 * connection per queue or worker, made by createRedis(url, 'worker') so that commands wait for a
 * reconnect instead of failing (maxRetriesPerRequest: null, which BullMQ requires for workers).
 * Each factory returns a close() that closes the BullMQ object first and its connection after,
 * because BullMQ leaves a connection it was given open.
 */
import { Queue, Worker, type Processor, type QueueOptions, type WorkerOptions } from 'bullmq';
import type { Logger } from '../log.js';
import { QUEUE_PREFIX } from '../store/keys.js';
import { createRedis } from '../store/redis.js';

export interface QueueSettings {
  readonly redisUrl: string;
  /** BullMQ key prefix (QUEUE_PREFIX by default); tests give each run its own so queues never meet. */
  readonly prefix?: string;
  /** Where the connections' errors are logged (once a minute per reason). */
  readonly log?: Logger;
}

export interface Closable {
  close(): Promise<void>;
}

export function createQueue<Data, Name extends string = string>(
  name: string, settings: QueueSettings, options: Omit<QueueOptions, 'connection' | 'prefix'> = {},
): { queue: Queue<Data, unknown, Name> } & Closable {
  const connection = createRedis(settings.redisUrl, 'worker', {}, settings.log);
  const queue = new Queue<Data, unknown, Name>(name, { ...options, connection, prefix: settings.prefix ?? QUEUE_PREFIX });
  return {
    queue,
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

export function createWorker<Data, Name extends string = string>(
  name: string, processor: Processor<Data, unknown, Name>, settings: QueueSettings,
  options: Omit<WorkerOptions, 'connection' | 'prefix'> = {},
): { worker: Worker<Data, unknown, Name> } & Closable {
  const connection = createRedis(settings.redisUrl, 'worker', {}, settings.log);
  const worker = new Worker<Data, unknown, Name>(name, processor, {
    ...options, connection, prefix: settings.prefix ?? QUEUE_PREFIX,
  });
  // Without a listener an 'error' event (e.g. a lost connection) would crash the process.
  worker.on('error', () => undefined);
  return {
    worker,
    async close() {
      // Waits for running jobs to finish, so none is left stalled to run twice.
      await worker.close();
      connection.disconnect();
    },
  };
}
