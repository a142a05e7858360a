import { describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimits } from '../../src/lark/rate-limit.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { freshId, useRedis } from '../support/store.js';
import { inject } from 'vitest';

const small: RateLimits = { appPerSecond: 10, appPerMinute: 25, perChatPerSecond: 3, perUserPerSecond: 3, perMessageUpdatesPerSecond: 2, marginMs: 0 };

describe('rate limiter (Redis sliding windows shared by every instance)', () => {
  const ctx = useRedis();

  it('admits exactly the per-chat limit out of a burst, and tells how long to wait', async () => {
    const limiter = createRateLimiter(ctx.redis, small, freshId('rl'));
    const waits = await Promise.all(Array.from({ length: 8 }, () => limiter.tryAcquire({ kind: 'chat', id: 'oc_a' })));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    for (const wait of waits.filter((w) => w > 0)) {
      expect(wait).toBeGreaterThan(900);
      expect(wait).toBeLessThanOrEqual(1001);
    }
    // Another chat still has room: the app window (10/s) is not yet full.
    expect(await limiter.tryAcquire({ kind: 'chat', id: 'oc_b' })).toBe(0);
  });

  it('shares the app window between two connections (two bot instances)', async () => {
    const namespace = freshId('rl');
    const other = createRedis(inject('redisUrl'));
    await whenReady(other);
    try {
      const a = createRateLimiter(ctx.redis, small, namespace);
      const b = createRateLimiter(other, small, namespace);
      const waits = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a : b).tryAcquire({ kind: 'chat', id: `oc_${i}` })));
      expect(waits.filter((w) => w === 0)).toHaveLength(10);
    } finally {
      await other.quit();
    }
  });

  it('a refused call takes no slot in any window (all or nothing)', async () => {
    const limiter = createRateLimiter(ctx.redis, small, freshId('rl'));
    expect(await limiter.tryAcquire({ kind: 'update', id: 'om_1' })).toBe(0);
    expect(await limiter.tryAcquire({ kind: 'update', id: 'om_1' })).toBe(0);
    for (let i = 0; i < 5; i += 1) expect(await limiter.tryAcquire({ kind: 'update', id: 'om_1' })).toBeGreaterThan(0);
    // Only 2 app slots were taken by om_1, so 8 remain this second.
    const rest = await Promise.all(Array.from({ length: 9 }, (_, i) => limiter.tryAcquire({ kind: 'user', id: `ou_${i}` })));
    expect(rest.filter((w) => w === 0)).toHaveLength(8);
  });

  it('never lets more than the limit through in any sliding second while callers wait as told', async () => {
    const limiter = createRateLimiter(ctx.redis, { ...small, appPerMinute: 1000 }, freshId('rl'));
    const admitted: number[] = [];
    const until = Date.now() + 2500;
    await Promise.all(Array.from({ length: 6 }, async () => {
      while (Date.now() < until) {
        const wait = await limiter.tryAcquire({ kind: 'chat', id: 'oc_hot' });
        if (wait === 0) admitted.push(Date.now());
        else await new Promise((resolve) => setTimeout(resolve, Math.min(wait, until - Date.now() + 1)));
      }
    }));
    admitted.sort((x, y) => x - y);
    for (let i = 0; i < admitted.length; i += 1) {
      const inWindow = admitted.filter((t) => t >= (admitted[i] ?? 0) && t < (admitted[i] ?? 0) + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(3);
    }
    // ~3 per second for 2.5 s: at least 7 admitted (the limiter does not starve callers).
    expect(admitted.length).toBeGreaterThanOrEqual(7);
  });

  it('enforces the per-minute window too', async () => {
    const limiter = createRateLimiter(ctx.redis, { ...small, appPerSecond: 100, perChatPerSecond: 100 }, freshId('rl'));
    const waits = await Promise.all(Array.from({ length: 30 }, () => limiter.tryAcquire({ kind: 'chat', id: 'oc_m' })));
    expect(waits.filter((w) => w === 0)).toHaveLength(25);
    expect(Math.min(...waits.filter((w) => w > 0))).toBeGreaterThan(59_000);
  });
});
