/**
 * The outbox's worker: takes a slot in the shared rate windows, makes the call, and decides from
 * the typed error whether to retry (429, 5xx, 230020, network: exponential backoff with jitter,
 * never sooner than `x-ogw-ratelimit-reset`) or give up (UnrecoverableError). Safe to run twice
 * for the same job: sends carry the key's uuid and are remembered by key once sent.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { createQueue, createWorker, type QueueSettings } from './queues.js';
import { runScript } from '../store/scripts.js';
import { patchJobId } from '../store/keys.js';
import type { LarkApi, Receiver, SentMessage } from '../lark/api.js';
import { LarkApiError } from '../lark/errors.js';
import { CARD_TTL_SECONDS, DEFAULT_JOB_OPTIONS, OUTBOX_QUEUE, SENT_TTL_SECONDS, outboxKeys, type OutboxFile, type OutboxJob, type OutboxJobName, type OutboxKeys, type OutboxMessage } from '../lark/outbox.js';
import type { RateLimiter, RateTarget } from '../lark/rate-limit.js';

export interface OutboxWorkerOptions {
  readonly api: LarkApi;
  readonly limiter: RateLimiter;
  /** For the outbox's own records (scripts, sent ids). */
  readonly redis: Redis;
  readonly log: Logger;
  readonly namespace?: string;
  readonly concurrency?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs, with ±25 % jitter. */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A rate-limit grant that took longer than this to reach us is dropped and taken again. */
  readonly staleGrantMs?: number;
  /** Longer rate-limit waits park the job as delayed instead of holding a worker slot. */
  readonly maxInlineWaitMs?: number;
  /**
   * Pause between two patches of one card when newer content is waiting: updates arriving in the
   * pause collapse into the next patch, and patches spread evenly instead of bursting to the limit.
   */
  readonly patchSpacingMs?: number;
  /** BullMQ lock: how soon a crashed worker's job is picked up again. */
  readonly lockDurationMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = (ms: number, spread = 0.25) => Math.round(ms * (1 - spread + Math.random() * 2 * spread));

/** Delay before retry number `attemptsMade` (1-based), at least what the gateway asked for. */
export function backoffDelay(attemptsMade: number, error: unknown, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  const asked = error instanceof LarkApiError ? (error.retryAfterMs ?? 0) : 0;
  // Spread the retries of many jobs told the same reset, so they do not return in one burst.
  return asked > 0 ? Math.max(jitter(exponential), asked + jitter(baseMs, 0.5)) : jitter(exponential);
}

function targetOf(job: OutboxJob): RateTarget | undefined {
  switch (job.kind) {
    case 'send': return 'chatId' in job.to ? { kind: 'chat', id: job.to.chatId } : { kind: 'user', id: job.to.openId };
    case 'reply': return { kind: 'chat', id: job.chatId };
    case 'patch': return { kind: 'update', id: job.messageId };
    case 'update': return job.messageId === undefined ? undefined : { kind: 'update', id: job.messageId };
    case 'urgent': return undefined;
  }
}

/** Adds the patch job of one generation of a card (an id already added is ignored). */
export type AddPatch = (messageId: string, generation: number) => Promise<void>;

interface Context {
  readonly options: OutboxWorkerOptions;
  readonly addPatch: AddPatch;
  readonly keys: OutboxKeys;
  readonly job: Job<OutboxJob, unknown, OutboxJobName>;
  readonly token: string | undefined;
}

/** Waits for a slot in every window of the call; a long wait parks the job (not an attempt). */
async function admit(ctx: Context, target: RateTarget | undefined): Promise<void> {
  const maxInline = ctx.options.maxInlineWaitMs ?? 2000;
  const staleMs = ctx.options.staleGrantMs ?? 40;
  for (let stale = 0; ; ) {
    const asked = performance.now();
    const wait = await ctx.options.limiter.tryAcquire(target);
    // The slot is stamped when Redis grants it. If the grant reached us late (a busy event loop),
    // calls granted over a longer span could leave together and arrive faster than the limit:
    // the slot is spent, so take a fresh one instead, a few times at most (a Redis that is always
    // slow must not make us spend every slot).
    if (wait === 0 && (performance.now() - asked <= staleMs || stale >= 3)) return;
    if (wait === 0) {
      stale += 1;
      continue;
    }
    if (wait > maxInline && ctx.token !== undefined) {
      await ctx.job.moveToDelayed(Date.now() + wait + jitter(50, 1), ctx.token);
      throw new DelayedError();
    }
    await sleep(wait + jitter(10, 1));
  }
}

/**
 * Posts once per key. A patch of the key that came before the post (enqueuePatchOf) becomes the
 * card's latest content in the same step that records the post, and its patch job is added like
 * any other; a retry after a crash between the two adds it then.
 */
async function sendOnce(ctx: Context, key: string, run: () => Promise<SentMessage>): Promise<string> {
  const recordKey = ctx.keys.sent(key);
  // Sent before (a retry after the reply was lost, maybe beyond Feishu's one-hour uuid window).
  const known = await ctx.options.redis.get(recordKey);
  if (known !== null) {
    const [version, sent, pending, gen] = await ctx.options.redis.hmget(ctx.keys.card(known), 'version', 'sent', 'pending', 'gen');
    if (pending === '1' && Number(version ?? 0) > Number(sent ?? 0)) await ctx.addPatch(known, Number(gen ?? 0));
    return known;
  }
  const data = ctx.job.data;
  await admit(ctx, targetOf(data));
  const sent = await run();
  const later = [recordKey, ctx.keys.later(key), ctx.keys.card(sent.messageId)];
  const posted = (data.kind === 'send' || data.kind === 'reply') && 'card' in data.message ? JSON.stringify(data.message.card) : '';
  const gen = Number(await runScript(ctx.options.redis, 'card-posted', later, [sent.messageId, SENT_TTL_SECONDS, CARD_TTL_SECONDS, posted]));
  if (gen > 0) await ctx.addPatch(sent.messageId, gen);
  return sent.messageId;
}

/** Sends the latest content of a card until no newer one is waiting. */
async function patchLatest(ctx: Context, messageId: string): Promise<void> {
  const cardKey = ctx.keys.card(messageId);
  for (;;) {
    const [content, version, sent] = await ctx.options.redis.hmget(cardKey, 'content', 'version', 'sent');
    const latest = Number(version ?? 0);
    if (typeof content !== 'string' || latest <= Number(sent ?? 0)) {
      await runScript(ctx.options.redis, 'card-sent', [cardKey], [latest, '1']);
      return;
    }
    await admit(ctx, { kind: 'update', id: messageId });
    await ctx.options.api.patchCard(messageId, JSON.parse(content) as Record<string, unknown>);
    const newer = Number(await runScript(ctx.options.redis, 'card-sent', [cardKey], [latest, '0']));
    if (newer === 0) return;
    await sleep(ctx.options.patchSpacingMs ?? 250);
  }
}

/** A file is uploaded on every attempt until its message is sent: an upload is harmless twice, the message is not. */
async function sendMessage(api: LarkApi, to: Receiver, message: OutboxMessage | OutboxFile, uuid: string): Promise<SentMessage> {
  if ('file' in message) {
    const fileKey = await api.uploadFile({ name: message.file.name, bytes: Buffer.from(message.file.base64, 'base64') });
    return api.sendFile(to, fileKey, { uuid });
  }
  return 'card' in message ? api.sendCard(to, message.card, { uuid }) : api.sendText(to, message.text, { uuid });
}

async function perform(ctx: Context): Promise<unknown> {
  const data = ctx.job.data;
  const { api } = ctx.options;
  switch (data.kind) {
    case 'send':
      return sendOnce(ctx, data.key, () => sendMessage(api, data.to, data.message, data.uuid));
    case 'reply':
      return sendOnce(ctx, data.key, () => api.reply(data.messageId, data.message, { uuid: data.uuid }));
    case 'patch':
      return patchLatest(ctx, data.messageId);
    case 'update':
      await admit(ctx, targetOf(data));
      return api.delayedUpdate(data.token, data.card);
    case 'urgent':
      await admit(ctx, undefined);
      return api.urgent(data.messageId, data.openIds);
  }
}

/** The BullMQ processor; exported so tests can run it on a real queue with their own worker. */
export function outboxProcessor(options: OutboxWorkerOptions, addPatch: AddPatch) {
  const keys = outboxKeys(options.namespace);
  return async (job: Job<OutboxJob, unknown, OutboxJobName>, token?: string): Promise<unknown> => {
    const ctx: Context = { options, addPatch, keys, job, token };
    try {
      return await perform(ctx);
    } catch (error) {
      if (error instanceof DelayedError || !(error instanceof LarkApiError)) throw error;
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (error.retryable && !last) throw error;
      // Log once, at the end: ids and codes only.
      options.log.error('outbox call failed for good', { jobId: job.id, kind: job.data.kind, method: error.method, larkCode: error.larkCode, httpStatus: error.httpStatus, logId: error.logId });
      if (job.data.kind === 'patch') await runScript(options.redis, 'card-sent', [keys.card(job.data.messageId)], [0, '1']);
      throw new UnrecoverableError(error.message);
    }
  };
}

/** Starts the outbox worker on the 'outbox' queue, with a queue handle of its own for the patch jobs it adds. */
export function startOutboxWorker(settings: QueueSettings, options: OutboxWorkerOptions) {
  const base = options.baseBackoffMs ?? 1000;
  const max = options.maxBackoffMs ?? 60_000;
  const own = createQueue<OutboxJob, OutboxJobName>(OUTBOX_QUEUE, settings);
  const addPatch: AddPatch = async (messageId, generation) => {
    await own.queue.add('patch', { kind: 'patch', messageId }, { ...DEFAULT_JOB_OPTIONS, jobId: patchJobId(messageId, generation) });
  };
  const worker = createWorker<OutboxJob, OutboxJobName>(OUTBOX_QUEUE, outboxProcessor(options, addPatch), settings, {
    concurrency: options.concurrency ?? 20,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: Math.min(30_000, options.lockDurationMs ?? 30_000),
    settings: { backoffStrategy: (attemptsMade, _type, error) => backoffDelay(attemptsMade, error, base, max) },
  });
  return {
    worker: worker.worker,
    async close() {
      await worker.close();
      await own.close();
    },
  };
}
