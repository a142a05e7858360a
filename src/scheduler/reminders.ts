/**
 * Reminders on BullMQ: one delayed job per reminder, its id fixed by what it reminds about, that
 * subject's version and the occurrence (store/keys.ts), so re-adding is harmless and a rescheduled
 * subject gets new ids. The worker asks the kind's sender (src/services/reminders-*.ts) whether the
 * reminder is still due and to whom, and hands each send to the shell, which puts it in the outbox
 * under a key derived from the job id: a worker that dies after sending and before acknowledging
 * is re-run by another, and the outbox posts nothing twice. Quiet hours are applied when a job
 * comes due, with the committee's settings then: it is moved to the end of the window, same id.
 */
import { DelayedError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { Committee } from '../domain/index.js';
import { CommitteeSchema, QUIET_HOURS_EXEMPT, ReminderJobSchema, type ReminderJob } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import type { Logger } from '../log.js';
import { afterQuietHours } from '../rules/index.js';
import type { ServiceDeps } from '../services/context.js';
import { policyOf, sendKeyOf, type Reminders, type ReminderSend, type ReminderSenders } from '../services/reminders.js';
import { readDoc } from '../store/doc-store.js';
import { committeeKeys, reminderJobId as jobIdOf } from '../store/keys.js';
import { createQueue, createWorker, type QueueSettings } from './queues.js';

export const REMINDER_QUEUE = 'reminders';
export type { ReminderJob, ReminderKind } from '../domain/index.js';
export type { Reminders, ReminderSend, ReminderSender, ReminderSenders } from '../services/reminders.js';

export function reminderJobId(job: ReminderJob): string {
  return jobIdOf(job);
}

/** How long a subject's list of job ids is kept after its last scheduling. */
const SUBJECT_TTL_SECONDS = 400 * 86_400;

export function createReminderQueue(settings: QueueSettings) {
  return createQueue<ReminderJob>(REMINDER_QUEUE, settings, {
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 2_000 },
      // A finished job keeps its id a week, so a late re-add of a reminder that has run is ignored.
      removeOnComplete: { age: 7 * 86_400, count: 100_000 },
      removeOnFail: { age: 14 * 86_400 },
    },
  });
}

/** Scheduling and voiding, relative to the bot's clock (delays are real time from its `now`). */
export function createReminders(deps: { queue: Queue<ReminderJob>; redis: Redis; clock: Clock }): Reminders {
  return {
    async schedule(job, at) {
      const data = ReminderJobSchema.parse(job);
      const jobId = reminderJobId(data);
      // Listed before it is added: a void that runs between the two still finds it.
      const key = committeeKeys(data.committeeId).reminders(data.subject);
      await deps.redis.multi().sadd(key, jobId).expire(key, SUBJECT_TTL_SECONDS).exec();
      await deps.queue.add(data.kind, data, { jobId, delay: Math.max(0, at.getTime() - deps.clock.now().getTime()) });
    },
    async voidSubject(committeeId, subject) {
      const key = committeeKeys(committeeId).reminders(subject);
      const ids = await deps.redis.smembers(key);
      // A job that is running cannot be removed: its sender sees the new version or state and sends nothing.
      await Promise.all(ids.map((id) => deps.queue.remove(id)));
      if (ids.length > 0) await deps.redis.srem(key, ...ids);
    },
  };
}

/** Puts one send in the outbox (drawn by the shell: cards and their sealed buttons are not the scheduler's). */
export type ReminderDelivery = (committee: Committee, send: ReminderSend, key: string) => Promise<void>;

export interface ReminderWorkerOptions {
  readonly deps: ServiceDeps;
  readonly senders: ReminderSenders;
  readonly deliver: ReminderDelivery;
  readonly log: Logger;
  readonly concurrency?: number;
  /** BullMQ lock: how soon the job of a worker that died is run again by another. */
  readonly lockDurationMs?: number;
  /** Runs after a job's sends are in the outbox and before the job is acknowledged (a crash there must not double a send). */
  readonly afterDeliver?: (jobId: string) => Promise<void>;
}

/** The outbox key of one send of one reminder job. */
export const reminderSendKey = (jobId: string, send: ReminderSend): string => `remind|${jobId}|${sendKeyOf(send)}`;

export function reminderProcessor(options: ReminderWorkerOptions) {
  const { deps, senders, deliver, log } = options;
  return async (job: Job<ReminderJob>, token?: string): Promise<void> => {
    const data = ReminderJobSchema.parse(job.data);
    const jobId = job.id ?? reminderJobId(data);
    const committee = await readDoc(deps.redis, committeeKeys(data.committeeId).committee, CommitteeSchema);
    if (!committee) return;
    const now = deps.clock.now();
    if (!QUIET_HOURS_EXEMPT.includes(data.kind)) {
      const at = afterQuietHours(policyOf(committee).quietHours, now.getTime());
      if (at > now.getTime() && token !== undefined) {
        // Same job, same id: it waits for the morning, and is never dropped.
        await job.moveToDelayed(Date.now() + (at - now.getTime()), token);
        throw new DelayedError();
      }
    }
    const sender = senders[data.kind];
    if (sender === undefined) {
      log.warn('no sender for a reminder kind', { jobId, kind: data.kind });
      return;
    }
    let sends: ReminderSend[];
    try {
      sends = await sender(deps, data, now);
    } catch (error) {
      // A refusal is the state saying the reminder no longer applies (a meeting closed meanwhile): nothing to send, nothing to retry.
      if (!(error instanceof RefusedError)) throw error;
      log.info('reminder no longer applies', { jobId, kind: data.kind, refusal: error.refusal });
      return;
    }
    for (const send of sends) await deliver(committee, send, reminderSendKey(jobId, send));
    await options.afterDeliver?.(jobId);
  };
}

export function startReminderWorker(settings: QueueSettings, options: ReminderWorkerOptions) {
  const lockDuration = options.lockDurationMs ?? 30_000;
  const handle = createWorker<ReminderJob>(REMINDER_QUEUE, reminderProcessor(options), settings, {
    // A job is run again after a worker died holding it; twice, in case its taker dies too.
    concurrency: options.concurrency ?? 4, lockDuration, stalledInterval: lockDuration, maxStalledCount: 2,
  });
  handle.worker.on('failed', (job, error) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      options.log.error('reminder job failed for good', { jobId: job.id ?? null, kind: job.name, error: error.name });
    }
  });
  return handle;
}
