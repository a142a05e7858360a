/** Wires an outbox, its queue and a worker on the run's redis-server, each test in its own namespace. */
import type { JobsOptions } from 'bullmq';
import type { LarkApi } from '../../src/lark/api.js';
import { createOutbox, OUTBOX_QUEUE, type Outbox, type OutboxJob, type OutboxJobName } from '../../src/lark/outbox.js';
import { startOutboxWorker, type OutboxWorkerOptions } from '../../src/scheduler/outbox-worker.js';
import { createRateLimiter, FEISHU_LIMITS, type RateLimits } from '../../src/lark/rate-limit.js';
import { memoryLogger } from '../../src/log.js';
import { createQueue } from '../../src/scheduler/queues.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { freshId } from '../support/store.js';

export interface HarnessOptions {
  readonly redisUrl: string;
  readonly api: LarkApi;
  readonly limits?: RateLimits;
  readonly worker?: Partial<OutboxWorkerOptions>;
  readonly jobOptions?: JobsOptions;
  /** Start without a worker (e.g. to queue first, or to run it in another process). */
  readonly noWorker?: boolean;
}

export async function startHarness(options: HarnessOptions) {
  const namespace = freshId('ob');
  const settings = { redisUrl: options.redisUrl, prefix: `test-${namespace}` };
  const redis = createRedis(options.redisUrl, 'worker');
  await whenReady(redis);
  const queued = createQueue<OutboxJob, OutboxJobName>(OUTBOX_QUEUE, settings);
  const { queue } = queued;
  const outbox: Outbox = createOutbox({ queue, redis, namespace, ...(options.jobOptions === undefined ? {} : { jobOptions: options.jobOptions }) });
  const limiter = createRateLimiter(redis, options.limits ?? FEISHU_LIMITS, namespace);
  const log = memoryLogger('warn');
  const workerOptions: OutboxWorkerOptions = { api: options.api, limiter, redis, log, namespace, baseBackoffMs: 50, maxBackoffMs: 2000, ...options.worker };
  let worker = options.noWorker === true ? undefined : startOutboxWorker(settings, workerOptions);
  return {
    namespace, settings, outbox, queue, redis, log, limiter,
    startWorker() {
      worker ??= startOutboxWorker(settings, workerOptions);
      return worker;
    },
    /** Resolves when no job is waiting, delayed or active (polling: simple and robust). */
    async drained(timeoutMs = 60_000): Promise<void> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children');
        if (Object.values(counts).every((n) => n === 0)) return;
        if (Date.now() > until) throw new Error(`outbox not drained: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await worker?.close();
      await queue.obliterate({ force: true });
      await queued.close();
      await redis.quit();
    },
  };
}
