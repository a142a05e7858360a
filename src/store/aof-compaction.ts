/**
 * Certain AOF clean-up after a secret ballot or an evaluation closes. Until the append-only file is
 * rewritten it holds each cast as one block ("bit <seat> set" next to "+1 to <choice>"); a rewrite
 * replaces that history with the current state, which links nobody to anything.
 *
 * A BGREWRITEAOF can silently not happen: Redis refuses it while a rewrite runs, a rewrite can
 * fail, and the process can die between the close and the call. So the close script marks the
 * ballot pending (committeeKeys().aofPending) in the same step as the flip, and this module clears
 * a mark only after a rewrite that it started itself, after reading the mark, has finished with
 * aof_last_bgrewrite_status:ok. It runs after every such close (also when the close throws after
 * the flip) and once at start for marks left by a crash. It never throws into the vote path; a
 * rewrite that keeps failing leaves the marks for the next close or start, and says so in the log.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { AOF_PENDING_PATTERN } from './keys.js';

const POLL_MS = 25;
/** A rewrite of a large dataset takes a while; past this the marks simply stay for later. */
const MAX_WAIT_MS = 10 * 60 * 1000;
const ATTEMPTS = 3;

interface Runner { readonly pendingKeys: Set<string>; running: Promise<void> | null }

/** One runner per connection: closes in a burst share one rewrite instead of queueing many. */
const runners = new WeakMap<Redis, Runner>();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Persistence = Record<string, string>;

async function persistence(redis: Redis): Promise<Persistence> {
  const text = await redis.info('persistence');
  return Object.fromEntries(text.split('\r\n').map((line) => line.split(':')).filter((p) => p.length === 2).map(([k, v]) => [k ?? '', v ?? '']));
}

const busy = (info: Persistence): boolean => info.aof_rewrite_in_progress === '1' || info.aof_rewrite_scheduled === '1';

async function untilIdle(redis: Redis): Promise<Persistence> {
  const until = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const info = await persistence(redis);
    if (!busy(info)) return info;
    if (Date.now() > until) throw new Error('AOF rewrite still running after the wait limit');
    await sleep(POLL_MS);
  }
}

/** Starts a rewrite of our own (waiting out one that runs) and reports whether it succeeded. */
async function rewrite(redis: Redis): Promise<boolean> {
  let before: Persistence;
  for (;;) {
    before = await untilIdle(redis);
    try {
      await redis.bgrewriteaof();
      break;
    } catch (error) {
      // Another client's rewrite began between our check and our call: wait for it, then ours.
      if (!(error instanceof Error) || !/already in progress/i.test(error.message)) throw error;
    }
  }
  // Ours is now running or scheduled, so idle again means ours has ended.
  const after = await untilIdle(redis);
  return after.aof_last_bgrewrite_status === 'ok' && Number(after.aof_rewrites) > Number(before.aof_rewrites);
}

/** Clears `marks` (pending key → ids read before the rewrite); later marks stay for the next run. */
async function clear(redis: Redis, marks: readonly [string, string[]][]): Promise<void> {
  for (const [key, ids] of marks) if (ids.length > 0) await redis.srem(key, ...ids);
}

async function compactOnce(redis: Redis, log: Logger, pendingKeys: readonly string[]): Promise<void> {
  const marks = await Promise.all(pendingKeys.map(async (key): Promise<[string, string[]]> => [key, await redis.smembers(key)]));
  const marked = marks.reduce((n, [, ids]) => n + ids.length, 0);
  if (marked === 0) return;
  if ((await persistence(redis)).aof_enabled !== '1') {
    await clear(redis, marks);
    return;
  }
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    if (await rewrite(redis)) {
      await clear(redis, marks);
      log.info('append-only file rewritten after secret ballots closed', { ballots: marked, attempt });
      return;
    }
    await sleep(POLL_MS * 4 * attempt);
  }
  log.warn('append-only file rewrite failed; closed secret ballots stay marked for the next close or start', { ballots: marked, attempts: ATTEMPTS });
}

/**
 * Rewrites the AOF in the background for the marks in `pendingKeys`; returns at once. Await
 * {@link aofRewriteSettled} to know it has finished.
 */
export function requestAofRewrite(redis: Redis, log: Logger, pendingKeys: readonly string[]): void {
  let runner = runners.get(redis);
  if (!runner) {
    runner = { pendingKeys: new Set(), running: null };
    runners.set(redis, runner);
  }
  for (const key of pendingKeys) runner.pendingKeys.add(key);
  if (runner.running) return;
  const own = runner;
  own.running = (async () => {
    // Yield first, so `running` is assigned before the loop can end and reset it.
    await Promise.resolve();
    try {
      for (let keys = [...own.pendingKeys]; keys.length > 0; keys = [...own.pendingKeys]) {
        own.pendingKeys.clear();
        try {
          await compactOnce(redis, log, keys);
        } catch (error) {
          log.warn('append-only file rewrite not confirmed; the marks stay for the next close or start', { reason: error instanceof Error ? error.message.slice(0, 120) : 'unknown' });
        }
      }
    } finally {
      own.running = null;
    }
  })();
}

/** Resolves when no rewrite requested on this connection is still running. */
export async function aofRewriteSettled(redis: Redis): Promise<void> {
  for (let running = runners.get(redis)?.running; running; running = runners.get(redis)?.running) await running;
}

/** At start: finds every committee's marks left by a crash and rewrites for them (in the background). */
export async function catchUpAofRewrite(redis: Redis, log: Logger): Promise<void> {
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', AOF_PENDING_PATTERN, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    if (keys.length > 0) requestAofRewrite(redis, log, keys);
  } catch (error) {
    log.warn('could not look for closed secret ballots awaiting an AOF rewrite', { reason: error instanceof Error ? error.message.slice(0, 120) : 'unknown' });
  }
}
