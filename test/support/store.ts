/** Per-file helpers for store tests: a request-path connection to the run's redis-server and fresh ids. */
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, inject } from 'vitest';
import { aofRewriteSettled } from '../../src/store/aof-compaction.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

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

/**
 * A redis-server of the file's own, for tests that compare the whole keyspace before and after:
 * on the run's shared server, other files write and expire keys at the same time.
 */
export function usePrivateRedis(): { redis: Redis } {
  const holder = {} as { redis: Redis; server: RedisServer };
  beforeAll(async () => {
    holder.server = await startRedisServer();
    holder.redis = createRedis(holder.server.socket);
    await whenReady(holder.redis);
  });
  afterAll(async () => {
    await holder.redis.quit();
    await holder.server.stop();
    rmSync(holder.server.dir, { recursive: true, force: true });
  });
  return holder;
}
