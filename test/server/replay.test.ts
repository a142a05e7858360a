/**
 * Feishu re-delivers a failed push after 15 s, 5 min, 1 h and 6 h, perhaps with its first signature
 * and timestamp. With the default window such a late retry is processed, once; a replay of a push
 * that was accepted is a duplicate for as long as the window admits it; past the window it is stale.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SKEW_SEC } from '../../src/config.js';
import { manualClock } from '../../src/clock.js';
import { dedupKey } from '../../src/server/dedup.js';
import { receive } from '../../src/server/receiver.js';
import { useRedis } from '../support/store.js';
import { envelope, harness, sealed } from './receiver-harness.js';

const ctx = useRedis();
const HOUR = 3_600_000;
const FIRST = '2026-12-01T08:00:00Z';

function push(at: Date) {
  const eventId = randomBytes(16).toString('hex');
  const messageId = `om_${randomBytes(8).toString('hex')}`;
  const body = envelope('im.message.receive_v1', eventId, {
    sender: { sender_id: { open_id: 'ou_a' }, sender_type: 'user' },
    message: { message_id: messageId, chat_id: 'oc_1', chat_type: 'group', message_type: 'text', content: '{"text":"/帮助"}' },
  });
  return { eventId, messageId, ...sealed(body, at) };
}

describe('replay window against Feishu\'s retry ladder', () => {
  it('processes, once, a retry sent 6 h later with its original signature after the first delivery failed', async () => {
    const clock = manualClock(FIRST);
    const h = harness(ctx.redis, clock, { maxSkewSec: DEFAULT_MAX_SKEW_SEC });
    const original = push(clock.now());
    h.failEnqueue = true;
    // The whole ladder fails until the last retry: 15 s, 5 min, 1 h, each answered 503.
    for (const ms of [0, 15_000, 5 * 60_000, HOUR]) {
      clock.set(new Date(new Date(FIRST).getTime() + ms));
      expect((await receive(original.raw, original.headers, h)).status).toBe(503);
    }
    h.failEnqueue = false;
    clock.set(new Date(new Date(FIRST).getTime() + 15_000 + 5 * 60_000 + HOUR + 6 * HOUR));
    expect((await receive(original.raw, original.headers, h)).outcome).toBe('accepted');
    expect(h.queued.map((e) => e.eventId)).toEqual([original.eventId]);
    clock.advance(60_000);
    expect((await receive(original.raw, original.headers, h)).outcome).toBe('duplicate');
    expect(h.queued).toHaveLength(1);
  });

  it('treats a replay of an accepted push 6 h later as a duplicate, and keeps its claims past the window', async () => {
    const clock = manualClock(FIRST);
    const h = harness(ctx.redis, clock, { maxSkewSec: DEFAULT_MAX_SKEW_SEC });
    const original = push(clock.now());
    expect((await receive(original.raw, original.headers, h)).outcome).toBe('accepted');
    clock.advance(6 * HOUR);
    expect((await receive(original.raw, original.headers, h)).outcome).toBe('duplicate');
    expect(h.queued).toHaveLength(1);
    // Redis counts TTLs on its own clock: the claims must outlive the whole window from now on.
    for (const key of [dedupKey('evt', original.eventId), dedupKey('msg', original.messageId)]) {
      expect(await ctx.redis.ttl(key)).toBeGreaterThan(DEFAULT_MAX_SKEW_SEC);
    }
  });

  it('keeps the claim of a push stamped at the window\'s future edge until its last admissible replay', async () => {
    const clock = manualClock(FIRST);
    const h = harness(ctx.redis, clock, { maxSkewSec: DEFAULT_MAX_SKEW_SEC });
    const ahead = push(new Date(new Date(FIRST).getTime() + DEFAULT_MAX_SKEW_SEC * 1000));
    expect((await receive(ahead.raw, ahead.headers, h)).outcome).toBe('accepted');
    clock.advance(2 * DEFAULT_MAX_SKEW_SEC * 1000);
    expect((await receive(ahead.raw, ahead.headers, h)).outcome).toBe('duplicate');
    expect(await ctx.redis.ttl(dedupKey('evt', ahead.eventId))).toBeGreaterThan(2 * DEFAULT_MAX_SKEW_SEC);
    expect(h.queued).toHaveLength(1);
  });

  it('refuses the same bytes once the window has passed, in both directions', async () => {
    const clock = manualClock(FIRST);
    const h = harness(ctx.redis, clock, { maxSkewSec: DEFAULT_MAX_SKEW_SEC });
    const original = push(clock.now());
    clock.advance(DEFAULT_MAX_SKEW_SEC * 1000 + 1000);
    expect(await receive(original.raw, original.headers, h)).toMatchObject({ status: 401, reason: 'stale' });
    clock.set(new Date(new Date(FIRST).getTime() - DEFAULT_MAX_SKEW_SEC * 1000 - 1000));
    expect(await receive(original.raw, original.headers, h)).toMatchObject({ status: 401, reason: 'stale' });
    expect(h.queued).toEqual([]);
  });
});
