/**
 * open_id → committees, for a private chat where only the sender is known. A committee document
 * and a user's index key live in different cluster slots, so no script can write both at once.
 * The index is therefore kept a superset of the truth and every reader checks the roster: entries
 * are added before the committee commit that needs them, and a member who leaves a roster keeps a
 * stale entry that readers skip (removing it after the commit could race a change adding him back).
 */
import type { Redis } from 'ioredis';
import { membershipKey } from './keys.js';

export async function addMemberships(redis: Redis, openIds: readonly string[], committeeId: string): Promise<void> {
  if (openIds.length === 0) return;
  const batch = redis.pipeline();
  for (const openId of openIds) batch.sadd(membershipKey(openId), committeeId);
  await batch.exec();
}

/** Only for entries this process added for a commit that never happened. */
export async function removeMemberships(redis: Redis, openIds: readonly string[], committeeId: string): Promise<void> {
  if (openIds.length === 0) return;
  const batch = redis.pipeline();
  for (const openId of openIds) batch.srem(membershipKey(openId), committeeId);
  await batch.exec();
}

/** Committee ids that may have this user on their roster, sorted; the caller checks each roster. */
export async function candidateCommittees(redis: Redis, openId: string): Promise<string[]> {
  return (await redis.smembers(membershipKey(openId))).sort();
}
