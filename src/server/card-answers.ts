/**
 * Card callbacks de-duplicated by `event_id`: the first delivery claims the id and runs the
 * handler, and its answer is stored so that a repeat of the same signed bytes gets the same
 * answer without running the handler again. The answer can be this member's card of a secret
 * ballot, so it is stored sealed (AES-256-GCM under a key of the bot's, padded to a fixed block)
 * and a copy of Redis or its append-only file shows neither the answer nor its length.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CardReply } from '../bot/context.js';
import { dedupKey } from './dedup.js';

const PENDING = 'pending';
/** Answers are padded to a multiple of this, so their length says nothing about a choice. */
const PAD_BYTES = 1024;
const POLL_MS = 50;

/** The sealing key, derived with a label of its own so that no other key is reused. */
export function deriveAnswerKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('yishi/card-answer/v1').digest();
}

function seal(key: Buffer, aad: string, reply: CardReply): string {
  const json = Buffer.from(JSON.stringify(reply), 'utf8');
  const padded = Buffer.concat([json, Buffer.alloc(PAD_BYTES - (json.length % PAD_BYTES), ' ')]);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const sealed = Buffer.concat([cipher.update(padded), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

function open(key: Buffer, aad: string, text: string): CardReply | null {
  try {
    const raw = Buffer.from(text, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(Buffer.from(aad));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as CardReply;
  } catch {
    // Sealed under another key (a rotated secret): the repeat is still never run again.
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CardAnswers {
  constructor(private readonly redis: Redis, private readonly key: Buffer, private readonly ttlSec: number) {}

  /** True for the first delivery of `eventId`, which then runs the handler; false for a repeat. */
  async claim(eventId: string): Promise<boolean> {
    return (await this.redis.set(dedupKey('card', eventId), PENDING, 'EX', this.ttlSec, 'NX')) === 'OK';
  }

  /** Keeps the answer given to the first delivery, for as long as the claim. */
  async store(eventId: string, reply: CardReply): Promise<void> {
    const key = dedupKey('card', eventId);
    await this.redis.set(key, seal(this.key, key, reply), 'EX', this.ttlSec);
  }

  /** The first delivery's answer, waiting up to `waitMs` while it is still being worked out; else null. */
  async answerOf(eventId: string, waitMs: number): Promise<CardReply | null> {
    const key = dedupKey('card', eventId);
    for (let waited = 0; ; waited += POLL_MS) {
      const value = await this.redis.get(key);
      if (value !== null && value !== PENDING) return open(this.key, key, value);
      if (waited + POLL_MS > waitMs) return null;
      await sleep(POLL_MS);
    }
  }
}
