/**
 * Feishu's documented send limits, enforced before each call in Redis so
 * that every instance shares them: 50/s and 1000/min per app, 5/s per chat, 5/s per user, 5/s of
 * updates per message. Each limit is a sliding window (see rate-limit.lua for why not a refilling
 * bucket), widened by a small margin because the platform counts arrivals, not our departures.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { rateLimitKeys } from '../store/keys.js';
import { runScript } from '../store/scripts.js';

export interface RateLimits {
  readonly appPerSecond: number;
  readonly appPerMinute: number;
  readonly perChatPerSecond: number;
  readonly perUserPerSecond: number;
  readonly perMessageUpdatesPerSecond: number;
  /** Added to each window: a call admitted here reaches Feishu a little later, never earlier. */
  readonly marginMs: number;
}

export const FEISHU_LIMITS: RateLimits = Object.freeze({
  appPerSecond: 50,
  appPerMinute: 1000,
  perChatPerSecond: 5,
  perUserPerSecond: 5,
  perMessageUpdatesPerSecond: 5,
  marginMs: 100,
});

/** What a call is limited by besides the app: a chat, a user (p2p), or one message's updates. */
export type RateTarget = { readonly kind: 'chat' | 'user' | 'update'; readonly id: string };

export interface RateLimiter {
  /** Takes one slot in every window or none; returns 0 when taken, else ms to wait before trying again. */
  tryAcquire(target: RateTarget | undefined): Promise<number>;
}

/** `namespace` separates limiters that must not share windows (tests; two apps on one Redis). */
export function createRateLimiter(redis: Redis, limits: RateLimits = FEISHU_LIMITS, namespace = 'app'): RateLimiter {
  // One hash tag for all windows: the script touches several keys, which must share a cluster slot.
  const keysOf = rateLimitKeys(namespace);
  const second = 1000 + limits.marginMs;
  const minute = 60_000 + limits.marginMs;
  const perTarget = { chat: limits.perChatPerSecond, user: limits.perUserPerSecond, update: limits.perMessageUpdatesPerSecond };
  return {
    async tryAcquire(target) {
      const keys = [keysOf.appSecond, keysOf.appMinute];
      const args: (string | number)[] = [randomUUID(), limits.appPerSecond, second, limits.appPerMinute, minute];
      if (target !== undefined) {
        keys.push(keysOf.target(target.kind, target.id));
        args.push(perTarget[target.kind], second);
      }
      return Number(await runScript(redis, 'rate-limit', keys, args));
    },
  };
}
