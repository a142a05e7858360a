/** Per-file helpers for store tests: a request-path connection to the run's redis-server and fresh ids. */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';
import { createRedis, whenReady } from '../../src/store/redis.js';

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
    await holder.redis.quit();
  });
  return holder;
}
