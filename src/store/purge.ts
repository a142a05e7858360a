/**
 * Removes one committee from the store, for the sandbox's 重置演示: every key under its hash tag,
 * its entry in its people's membership sets, and the outbox's card records of its messages. Keys
 * of any other committee are never read or touched, so a Redis shared with a real body is safe.
 */
import type { Redis } from 'ioredis';
import { committeeKeys, membershipKey, outboxKeys } from './keys.js';

/** SCAN's glob treats `[`, `]`, `*`, `?` and `\` as special: a tag is matched literally. */
const literal = (text: string): string => text.replace(/[[\]*?\\]/g, (c) => `\\${c}`);

export interface PurgeTarget {
  readonly committeeId: string;
  /** Everyone who may have the committee in their membership set. */
  readonly openIds: readonly string[];
  /** Messages the bot sent for the committee: their latest card contents are dropped too. */
  readonly messageIds: readonly string[];
  /** The outbox's namespace ('app' unless the app was given its own). */
  readonly outboxNamespace?: string;
}

export async function purgeCommittee(redis: Redis, target: PurgeTarget): Promise<number> {
  const { tag } = committeeKeys(target.committeeId);
  let removed = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${literal(tag)}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) removed += await redis.del(...keys);
  } while (cursor !== '0');
  const batch = redis.pipeline();
  for (const openId of target.openIds) batch.srem(membershipKey(openId), target.committeeId);
  const outbox = outboxKeys(target.outboxNamespace ?? 'app');
  for (const messageId of target.messageIds) batch.del(outbox.card(messageId));
  await batch.exec();
  return removed;
}
