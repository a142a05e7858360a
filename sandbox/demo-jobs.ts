/**
 * The bot's queued work for the demo, found by where it goes (the demo chats, people and
 * messages) and removed before a reset, so no old command or card lands in the fresh demo. A job
 * of any other chat or committee is left alone. A running job is waited for, since it cannot be taken back.
 */
import type { Job, Queue } from 'bullmq';
import type { QueuedEvent } from '../src/bot/events.js';
import type { ReminderJob } from '../src/domain/index.js';
import type { OutboxJob } from '../src/lark/outbox.js';

export interface DemoQueues {
  readonly inbound: Queue<QueuedEvent>;
  readonly outbox: Queue<OutboxJob>;
  readonly reminders: Queue<ReminderJob>;
}

export interface DemoTargets {
  /** Reminders are found by their committee: they name no chat or person. */
  readonly committeeId: string;
  readonly chatIds: readonly string[];
  readonly openIds: readonly string[];
  readonly messageIds: readonly string[];
}

// Finished jobs too: they hold what was sent to the old demo, and their ids guard nothing after a reset.
const NOT_RUNNING = ['waiting', 'delayed', 'prioritized', 'paused', 'waiting-children', 'failed', 'completed'] as const;
const ACTIVE_WAIT_MS = 10_000;

function outboxTargets(job: OutboxJob): string[] {
  switch (job.kind) {
    case 'send': return 'chatId' in job.to ? [job.to.chatId] : [job.to.openId];
    case 'reply': return [job.chatId, job.messageId];
    case 'update': return job.messageId === undefined ? [] : [job.messageId];
    case 'patch':
    case 'urgent': return [job.messageId];
  }
}

function inboundTargets(event: QueuedEvent): string[] {
  if ('chatId' in event) return [event.chatId, event.senderOpenId];
  const chatId = event.body.chat_id;
  return typeof chatId === 'string' ? [chatId] : [];
}

async function drop<T>(queue: Queue<T>, targetsOf: (data: T) => string[], wanted: ReadonlySet<string>): Promise<number> {
  const ours = (job: Job<T> | undefined): job is Job<T> => job !== undefined && targetsOf(job.data).some((t) => wanted.has(t));
  let removed = 0;
  for (const job of (await queue.getJobs([...NOT_RUNNING])).filter(ours)) {
    // A job that started meanwhile cannot be removed; it is waited for below.
    removed += await job.remove().then(() => 1, () => 0);
  }
  const deadline = Date.now() + ACTIVE_WAIT_MS;
  while ((await queue.getJobs(['active'])).some(ours) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return removed;
}

export async function dropDemoJobs(queues: DemoQueues, targets: DemoTargets): Promise<number> {
  const wanted = new Set([...targets.chatIds, ...targets.openIds, ...targets.messageIds]);
  return (await drop(queues.inbound, inboundTargets, wanted)) + (await drop(queues.outbox, outboxTargets, wanted))
    + (await drop(queues.reminders, (job) => [job.committeeId], new Set([targets.committeeId])));
}
