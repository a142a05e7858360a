/**
 * What a reader of a copy of the store would see after a secret ballot closed: every key of every
 * type (BullMQ's queues, jobs and event streams too) with its type, encoding, TTL and contents in
 * the server's order; and the same with what differs between two runs by chance (random ids,
 * clocks, hashes of them) masked, so that two runs differing only in who dissented can be compared
 * key by key. What is left unmasked differs only if the store depends on who chose what.
 */
import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import { deriveSeenKey } from '../../src/store/ballots.js';
import { hashedId, QUEUE_PREFIX } from '../../src/store/keys.js';
import { allKeys, dumpKey } from '../support/aof.js';
import { APP, sleep, waitFor } from './receiver-setup.js';

export interface KeyDump { key: string; type: string; encoding: string; ttl: number; contents: string[] }

/** Every key as it is now; the outbox's workers may drop a key between listing and reading it, then the dump is read again. */
export async function storeDump(redis: Redis): Promise<KeyDump[]> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const dump: KeyDump[] = [];
      for (const key of await allKeys(redis)) dump.push({ key, ...(await dumpKey(redis, key)) });
      if (dump.some((d) => d.type === 'none')) throw new Error('a key went between listing and reading');
      return dump;
    } catch (error) {
      if (attempt >= 10) throw error;
      await sleep(100);
    }
  }
}

/** Waits until neither queue has a job waiting, running or delayed, twice in a row. */
export async function queuesIdle(redis: Redis): Promise<void> {
  const pending = async (): Promise<number> => {
    let n = 0;
    for (const queue of ['outbox', 'inbound']) {
      const base = `${QUEUE_PREFIX}:${queue}`;
      n += await redis.llen(`${base}:wait`) + await redis.llen(`${base}:active`) + await redis.zcard(`${base}:delayed`) + await redis.zcard(`${base}:prioritized`);
    }
    return n;
  };
  let quiet = 0;
  await waitFor(async () => {
    quiet = (await pending()) === 0 ? quiet + 1 : 0;
    if (quiet < 2) await sleep(150);
    return quiet >= 2;
  }, 'the queues idle', 20_000);
}

/**
 * Everything the test can compute that names one voter: ids, the message id of their private
 * ballot (a reader can join the outbox's records by it), and the hashes the bot keys by.
 */
export function voterTokens(voter: { id: string; openId: string }, ballot: { committeeId: string; ballotId: string; messageId: string }): string[] {
  const seen = deriveSeenKey(APP.encryptKey);
  const receipt = createHmac('sha256', seen).update(['name', ballot.ballotId, voter.id].join('|')).digest('hex');
  const ballotKey = `ballot|${ballot.committeeId}|${ballot.ballotId}|${voter.id}`;
  return [voter.id, voter.openId, ballot.messageId, hashedId(voter.id), hashedId(voter.openId), hashedId(ballotKey), hashedId(ballot.messageId), receipt];
}

/** Every stored unit with the key it is under: a reader sees both together. */
export const unitsOf = (dump: readonly KeyDump[]): { key: string; unit: string }[] =>
  dump.flatMap((d) => [d.key, ...d.contents.map((c) => `${d.key} ${c}`)].map((unit) => ({ key: d.key, unit })));

/** `token` as a whole word (ids are words of letters, digits and `_`). */
const word = (token: string): RegExp => new RegExp(`(?<![A-Za-z0-9_])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g');

/**
 * What the store says of one voter beside another: every unit naming the one and not the other
 * (a unit naming both, such as the roster, says the same of each), with the voter's names
 * replaced by one word and what differs between any two members by chance masked (their seat
 * in the electorate, the audit's sequence numbers). A dissenter's must read as an assenter's.
 */
export function voterView(dump: readonly KeyDump[], tokens: readonly string[], other: readonly string[]): string[] {
  const names = (unit: string, of: readonly string[]) => of.some((t) => word(t).test(unit));
  // A sealed blob is no one's name, though a short id may turn up in it by chance between its `+` and `/`.
  const unsealed = (unit: string) => unit.replace(/[A-Za-z0-9+/]{44,}={0,2}/g, (run) => (/[A-Z+/]/.test(run) ? '<b64>' : run));
  return unitsOf(dump.filter((d) => !TIMED_KEY.test(d.key))).map(({ unit }) => unsealed(unit)).filter((unit) => names(unit, tokens) && !names(unit, other))
    .map((unit) => masked(tokens.reduce((u, t) => u.replace(word(t), '<voter>'), unit)).replace(/<voter>=\d+$/, '<voter>=<seat>').replace(/"seq":\d+/, '"seq":<n>'))
    .sort();
}

/**
 * Chance, masked: instants, long numbers (milliseconds, stream ids), hex runs (random and hashed
 * ids), base64 runs (sealed answers) and the services' `<prefix>-<time>-<random>` ids.
 */
const CHANCE: readonly [RegExp, string][] = [
  [/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>'],
  [/[A-Za-z0-9+/]{44,}={0,2}/g, '<b64>'],
  [/[0-9a-f]{16,}/g, '<hex>'],
  [/\d{10,}(-\d+)?/g, '<n>'],
  [/-[0-9a-z]{8}-[0-9a-z]{1,6}\b/g, '-<id>'],
];
export const masked = (text: string): string => CHANCE.reduce((t, [pattern, by]) => t.replace(pattern, by), text);

/**
 * The outbox's rate windows slide with the clock, so whether a window key still exists when the
 * dump is read is timing; BullMQ's sorted sets, lists and event streams are ordered by when a
 * worker got to a job; a large hash or set (encoding `hashtable`) is walked in an order seeded at
 * random by each server. Those are compared as multisets; every other key in the server's order,
 * which for small encodings is the order of writing.
 */
const TIMED_KEY = /^yishi:\{rl:/;
const unordered = (d: KeyDump): boolean => d.encoding === 'hashtable' || (d.key.startsWith(`${QUEUE_PREFIX}:`) && ['zset', 'list', 'stream'].includes(d.type));

/** BullMQ's note that a queue ran empty: how often it did is timing. */
const DRAINED = '["event","drained"]';

/** A dump as two runs of the same story must agree on it, whoever dissented. */
export function comparable(dump: readonly KeyDump[]): string[] {
  return dump.filter((d) => !TIMED_KEY.test(d.key)).map((d) => {
    const contents = d.contents.filter((c) => !(d.type === 'stream' && c.endsWith(`,${DRAINED}]`))).map(masked);
    // TTLs tick: the hour they end in is what a reader could compare.
    const ttl = d.ttl < 0 ? String(d.ttl) : `${Math.round(d.ttl / 3_600_000)}h`;
    return JSON.stringify({ key: masked(d.key), type: d.type, encoding: d.encoding, ttl, contents: unordered(d) ? contents.sort() : contents });
  }).sort();
}
