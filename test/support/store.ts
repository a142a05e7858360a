/** Per-file helpers for store tests: a request-path connection to the run's redis-server and fresh ids. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';
import { aofRewriteSettled } from '../../src/store/aof-compaction.js';
import { createRedis, whenReady } from '../../src/store/redis.js';

/** The receipt key of secret ballots in tests (ServiceDeps.seenKey); a new one per test file. */
export const TEST_SEEN_KEY = randomBytes(32);

/** A committee id no other test uses. */
export function freshId(prefix = 't'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

/** Opens a connection before the file's tests and closes it after; read `.redis` inside tests. */
export function useRedis(): { redis: Redis } {
  const holder = {} as { redis: Redis };
  beforeAll(async () => {
    holder.redis = createRedis(inject('redisUrl'));
    await whenReady(holder.redis);
  });
  afterAll(async () => {
    // A close starts the AOF clean-up in the background: let it finish before the connection goes.
    await aofRewriteSettled(holder.redis);
    await holder.redis.quit();
  });
  return holder;
}
