/**
 * purgeCommittee (the sandbox's 重置演示) removes one committee's keys, its memberships and its
 * messages' card records, and nothing of any other committee: not one whose id begins with the
 * same letters, not a shared person's other membership, not another message's card.
 */
import { describe, expect, it } from 'vitest';
import { committeeKeys, membershipKey, outboxKeys } from '../../src/store/keys.js';
import { purgeCommittee } from '../../src/store/purge.js';
import { freshId, useRedis } from '../support/store.js';

const store = useRedis();

async function fill(committeeId: string, members: readonly string[]): Promise<void> {
  const keys = committeeKeys(committeeId);
  await store.redis.set(keys.committee, '{"version":1}');
  await store.redis.set(keys.doc('topic', 't1'), '{"version":1}');
  await store.redis.sadd(keys.index('topic'), 't1');
  await store.redis.rpush(keys.auditLog, 'entry');
  await store.redis.hset(keys.ballot('b1').tally, 'yes', '0');
  for (const openId of members) await store.redis.sadd(membershipKey(openId), committeeId);
}

const keysOf = async (committeeId: string) => (await store.redis.keys(`${committeeKeys(committeeId).tag}:*`)).sort();

describe('purgeCommittee', () => {
  it('removes every key of the committee and nothing of one whose id it prefixes', async () => {
    const id = freshId('c');
    const longer = `${id}0`;
    const shared = `ou_${freshId('p')}`;
    await fill(id, [shared, `ou_${freshId('p')}`]);
    await fill(longer, [shared]);
    const namespace = freshId('ns');
    await store.redis.set(outboxKeys(namespace).card('om_demo'), 'card');
    await store.redis.set(outboxKeys(namespace).card('om_other'), 'card');
    const before = await keysOf(longer);
    expect(before.length).toBe(5);

    const removed = await purgeCommittee(store.redis, { committeeId: id, openIds: [shared], messageIds: ['om_demo'], outboxNamespace: namespace });
    expect(removed).toBe(5);
    expect(await keysOf(id)).toEqual([]);
    expect(await keysOf(longer)).toEqual(before);
    expect(await store.redis.smembers(membershipKey(shared))).toEqual([longer]);
    expect(await store.redis.exists(outboxKeys(namespace).card('om_demo'))).toBe(0);
    expect(await store.redis.exists(outboxKeys(namespace).card('om_other'))).toBe(1);
  });

  it('is harmless on a committee that is not there', async () => {
    expect(await purgeCommittee(store.redis, { committeeId: freshId('c'), openIds: [], messageIds: [] })).toBe(0);
  });
});
