/**
 * Redis connections. On the request path a command that cannot be sent fails at once and a slow
 * one times out after about a second: a timeout means "outcome unknown",
 * and every write is an idempotent script, so the caller's retry returns the real outcome.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log.js';

export type RedisRole = 'request' | 'worker';

const MINUTE_MS = 60_000;

/**
 * Accepts redis://, rediss:// or a unix socket path (as tests and the sandbox use). With a logger,
 * the connection's errors are logged (see logConnectionErrors); without one ioredis prints each.
 */
export function createRedis(url: string, role: RedisRole = 'request', extra: RedisOptions = {}, log?: Logger): Redis {
  const options: RedisOptions = role === 'request'
    ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000, ...extra }
    : { maxRetriesPerRequest: null, ...extra };
  const target = url.startsWith('/') ? { ...options, path: url } : options;
  const redis = url.startsWith('/') ? new Redis(target) : new Redis(url, target);
  if (log !== undefined) logConnectionErrors(redis, role, log);
  return redis;
}

/**
 * One listener for a connection's errors: an outage makes ioredis retry, and fail, every few
 * hundred milliseconds, so each reason (the error's code) is logged at most once a minute, with a
 * count of those left out. Never the message: it may name the host, the socket or the URL.
 */
export function logConnectionErrors(redis: Redis, role: RedisRole, log: Logger, now: () => number = Date.now): void {
  const last = new Map<string, { at: number; skipped: number }>();
  redis.on('error', (error: NodeJS.ErrnoException) => {
    const reason = typeof error.code === 'string' && /^[A-Z_]{2,40}$/.test(error.code) ? error.code : error.name;
    const seen = last.get(reason);
    const at = now();
    if (seen !== undefined && at - seen.at < MINUTE_MS) {
      seen.skipped += 1;
      return;
    }
    last.set(reason, { at, skipped: 0 });
    log.warn('redis connection error; retrying', { role, reason, ...(seen === undefined ? {} : { sinceLastLogged: seen.skipped }) });
  });
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
