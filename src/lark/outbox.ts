/**
 * The outbox: every call that changes something in Feishu goes through a durable BullMQ queue
 * ('outbox'), so a crash or a rate limit delays a message but never loses or doubles it
 * (so no callback ever waits on the Feishu API). Enqueueing returns as soon as Redis has the job.
 *
 * - One logical send = one caller-chosen `key` (e.g. `notice|m-7|oc_x`). The job id and Feishu's
 *   `uuid` are both derived from it, so adding twice queues once and a resend posts once.
 * - Card updates are coalesced: the latest content of a card lives in one Redis hash and at most
 *   one patch job per card is pending; its worker sends whatever is latest when it runs.
 * - Job data holds only what the message needs (its card or text and where it goes). Never put a
 *   ballot choice in a card sent to a chat: job data is stored in clear text.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { hashedId, outboxJobId, outboxKeys as storeOutboxKeys, patchJobId } from '../store/keys.js';
import { runScript } from '../store/scripts.js';
import type { Card, Receiver } from './api.js';

export const OUTBOX_QUEUE = 'outbox';

/** A card or a plain text. */
export type OutboxMessage = { readonly card: Card } | { readonly text: string };
/** A document posted as a `file` message (uploaded first). Its bytes ride in the job: never a secret choice. */
export type OutboxFile = { readonly file: { readonly name: string; readonly base64: string } };

export type OutboxJob =
  | { kind: 'send'; key: string; uuid: string; to: Receiver; message: OutboxMessage | OutboxFile }
  | { kind: 'reply'; key: string; uuid: string; messageId: string; chatId: string; message: OutboxMessage }
  | { kind: 'patch'; messageId: string }
  | { kind: 'update'; key: string; token: string; card: Card; messageId?: string }
  | { kind: 'urgent'; key: string; messageId: string; openIds: string[] };
export type OutboxJobName = OutboxJob['kind'];

/** Cards can be patched for 14 days; keep their latest content a day longer. */
export const CARD_TTL_SECONDS = 15 * 86_400;
/** How long a sent message's id is remembered by key (beyond Feishu's one-hour uuid window). */
export const SENT_TTL_SECONDS = 7 * 86_400;

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 15,
  backoff: { type: 'lark' },
  // A completed job keeps its id for Feishu's uuid window, so the same key added again is ignored.
  removeOnComplete: { age: 3600, count: 100_000 },
  removeOnFail: { age: 7 * 86_400 },
};

/** Feishu's idempotency key for a logical send: 41 characters (≤ 50). */
export const uuidOf = (key: string): string => hashedId(key);

/** Redis keys of the outbox's own records; `namespace` keeps tests (or two apps) apart. */
export const outboxKeys = (namespace = 'app') => storeOutboxKeys(namespace);
export type OutboxKeys = ReturnType<typeof outboxKeys>;

export interface Outbox {
  enqueueSend(input: { to: Receiver; key: string } & (OutboxMessage | OutboxFile)): Promise<{ jobId: string; uuid: string }>;
  /** `chatId` is the chat of the message replied to: replies count against that chat's limit. */
  enqueueReply(input: { messageId: string; chatId: string; key: string } & OutboxMessage): Promise<{ jobId: string; uuid: string }>;
  /** Replaces a shared card for everyone; repeated calls before it is sent collapse to the latest. */
  enqueuePatch(input: { messageId: string; card: Card }): Promise<{ jobId: string }>;
  /**
   * Replaces the card that the send with `key` posted; when that send has not posted yet, the
   * card is brought up to this content as it posts, so a change in between is never lost.
   */
  enqueuePatchOf(input: { key: string; card: Card }): Promise<void>;
  /** `messageId`, when known, makes the update count against that card's 5/s like a patch. */
  enqueueDelayedUpdate(input: { token: string; card: Card; key: string; messageId?: string }): Promise<{ jobId: string }>;
  enqueueUrgent(input: { messageId: string; openIds: readonly string[]; key: string }): Promise<{ jobId: string }>;
  /** The message id a send or reply with this key produced, once it has been sent. */
  sentMessageId(key: string): Promise<string | undefined>;
}

const messageOf = (input: OutboxMessage): OutboxMessage => ('card' in input ? { card: input.card } : { text: input.text });
const sendOf = (input: OutboxMessage | OutboxFile): OutboxMessage | OutboxFile =>
  ('file' in input ? { file: { name: input.file.name, base64: input.file.base64 } } : messageOf(input));

export function createOutbox(deps: { queue: Queue<OutboxJob, unknown, OutboxJobName>; redis: Redis; namespace?: string; jobOptions?: JobsOptions }): Outbox {
  const keys = outboxKeys(deps.namespace);
  const options = { ...DEFAULT_JOB_OPTIONS, ...deps.jobOptions };
  const add = async (job: OutboxJob, jobId: string) => {
    await deps.queue.add(job.kind, job, { ...options, jobId });
    return jobId;
  };
  return {
    async enqueueSend(input) {
      const uuid = uuidOf(input.key);
      const jobId = await add({ kind: 'send', key: input.key, uuid, to: input.to, message: sendOf(input) }, outboxJobId('send', input.key));
      return { jobId, uuid };
    },
    async enqueueReply(input) {
      const uuid = uuidOf(input.key);
      const job: OutboxJob = { kind: 'reply', key: input.key, uuid, messageId: input.messageId, chatId: input.chatId, message: messageOf(input) };
      return { jobId: await add(job, outboxJobId('reply', input.key)), uuid };
    },
    async enqueuePatch(input) {
      const gen = Number(await runScript(deps.redis, 'card-latest', [keys.card(input.messageId)], [JSON.stringify(input.card), CARD_TTL_SECONDS]));
      // Added every time: if this generation's job exists BullMQ ignores the add; if a crash
      // between the script and the add lost it, the next update of the card brings it back.
      return { jobId: await add({ kind: 'patch', messageId: input.messageId }, patchJobId(input.messageId, gen)) };
    },
    async enqueuePatchOf(input) {
      const sent = await runScript(deps.redis, 'card-later', [keys.sent(input.key), keys.later(input.key)], [JSON.stringify(input.card), SENT_TTL_SECONDS]);
      if (typeof sent === 'string') await this.enqueuePatch({ messageId: sent, card: input.card });
    },
    async enqueueDelayedUpdate(input) {
      const job: OutboxJob = { kind: 'update', key: input.key, token: input.token, card: input.card, ...(input.messageId === undefined ? {} : { messageId: input.messageId }) };
      return { jobId: await add(job, outboxJobId('update', input.key)) };
    },
    async enqueueUrgent(input) {
      return { jobId: await add({ kind: 'urgent', key: input.key, messageId: input.messageId, openIds: [...input.openIds] }, outboxJobId('urgent', input.key)) };
    },
    async sentMessageId(key) {
      return (await deps.redis.get(keys.sent(key))) ?? undefined;
    },
  };
}
