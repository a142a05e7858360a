/**
 * Redis connections. On the request path a command that cannot be sent fails at once and a slow
 * one times out after about a second: a timeout means "outcome unknown",
 * and every write is an idempotent script, so the caller's retry returns the real outcome.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log.js';

export type RedisRole = 'request' | 'worker';

/** Accepts redis://, rediss:// or a unix socket path (as tests and the sandbox use). */
export function createRedis(url: string, role: RedisRole = 'request', extra: RedisOptions = {}): Redis {
  const options: RedisOptions = role === 'request'
    ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000, ...extra }
    : { maxRetriesPerRequest: null, ...extra };
  const target = url.startsWith('/') ? { ...options, path: url } : options;
  return url.startsWith('/') ? new Redis(target) : new Redis(url, target);
}

/** Resolves once the connection is ready (needed because the offline queue is off). */
export async function whenReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const onReady = (): void => { cleanup(); resolve(); };
    const onEnd = (): void => { cleanup(); reject(new Error('redis connection ended before it was ready')); };
    const cleanup = (): void => { redis.off('ready', onReady); redis.off('end', onEnd); };
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
}

/** The settings the bot relies on for durability (a vote is acknowledged only once on disk; nothing is evicted). */
export const EXPECTED_DURABILITY = { appendonly: 'yes', appendfsync: 'always', 'maxmemory-policy': 'noeviction' } as const;

/** Reads the server's persistence settings and warns, in words an operator can act on, for each gap. */
export async function checkDurability(redis: Redis, log: Logger): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(EXPECTED_DURABILITY)) {
    const reply = (await redis.config('GET', name)) as string[];
    const actual = reply[1];
    if (actual !== expected) {
      problems.push(`${name} is ${actual ?? 'unset'}, expected ${expected}`);
    }
  }
  for (const problem of problems) {
    log.warn('redis durability setting differs: acknowledged votes may be lost on a crash', { setting: problem, fix: 'set it in redis.conf or with CONFIG SET and CONFIG REWRITE' });
  }
  return problems;
}
