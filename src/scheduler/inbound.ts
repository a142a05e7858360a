/**
 * The durable inbound queue: a message event is queued in Redis before Feishu
 * gets its 200, so a crash after the acknowledgement cannot lose the command. The job id comes
 * from the event id, so a re-delivery that slips past the dedup claim is still queued once.
 */
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { errorCodeOf, type Bot } from '../bot/bot.js';
import type { Logger } from '../log.js';
import { QueuedEventSchema, type QueuedEvent } from '../bot/events.js';
import type { Metrics } from '../metrics.js';
import { inboundJobId } from '../store/keys.js';
import { createQueue, createWorker, type QueueSettings } from './queues.js';

export const INBOUND_QUEUE = 'inbound';
/** How long an add may take before the request is answered 503 (Feishu then retries). */
const ENQUEUE_TIMEOUT_MS = 1_500;

export type InboundQueue = Queue<QueuedEvent>;


/** Attempts of a command and the first retry's delay (doubling after); tests shorten the delay. */
export interface InboundRetry {
  readonly attempts: number;
  readonly backoffMs: number;
}
const DEFAULT_RETRY: InboundRetry = { attempts: 5, backoffMs: 1_000 };

export function createInboundQueue(settings: QueueSettings, retry: InboundRetry = DEFAULT_RETRY) {
  return createQueue<QueuedEvent>(INBOUND_QUEUE, settings, {
    defaultJobOptions: {
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      // Kept a day so the job id still guards against a late re-delivery; failures a week for inspection.
      removeOnComplete: { age: 86_400, count: 50_000 },
      removeOnFail: { age: 7 * 86_400 },
    },
  });
}

/** Queues one event; resolves once Redis has it. Rejects after a short timeout (outcome unknown). */
export async function enqueueInbound(queue: InboundQueue, event: QueuedEvent): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS);
  });
  try {
    await Promise.race([queue.add(event.type, event, { jobId: inboundJobId(event.eventId) }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waiting, active and delayed jobs: the queue depth reported on /metrics. */
export async function inboundDepth(queue: InboundQueue): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

export interface InboundWorkerOptions {
  readonly concurrency?: number;
  readonly metrics?: Metrics;
}

/**
 * Runs `bot.receive` for each queued event; the job data is parsed again at this edge. When the
 * last attempt fails the sender is told before the job is given up, inside the attempt, so that a
 * crash after the failure cannot skip the reply (and a re-run posts it once: its key is fixed).
 */
export function startInboundWorker(settings: QueueSettings, bot: Bot, log: Logger, options: InboundWorkerOptions = {}) {
  const processor = async (job: Job<QueuedEvent>): Promise<void> => {
    const event = QueuedEventSchema.parse(job.data);
    try {
      await bot.receive(event);
    } catch (error) {
      const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) {
        await bot.tellFailed(event).catch((cause: unknown) => log.error('could not tell the sender a command failed', { jobId: job.id ?? null, code: errorCodeOf(cause) }));
      }
      throw error;
    }
  };
  const handle = createWorker<QueuedEvent>(INBOUND_QUEUE, processor, settings, { concurrency: options.concurrency ?? 4 });
  handle.worker.on('completed', () => options.metrics?.inc('yishi_inbound_jobs_total', { outcome: 'completed' }));
  handle.worker.on('failed', (job, error) => {
    options.metrics?.inc('yishi_inbound_jobs_total', { outcome: 'failed' });
    // One line per final failure; earlier attempts are retried quietly.
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      log.error('inbound job failed for good', { jobId: job.id ?? null, type: job.name, code: errorCodeOf(error) });
    }
  });
  return handle;
}
