/**
 * The live state of a ballot or an evaluation, beside its versioned document: the electorate
 * frozen at opening, who has voted, one counter per choice, and — for open methods only — each
 * member's choice and the voting order. Every change is one Lua script (reliability.md §3).
 *
 * Evaluations (民主测评) use the same keys under their own id: they are always secret.
 */
import type { Redis } from 'ioredis';
import { StoreCorruptError } from '../errors.js';
import type { Logger } from '../log.js';
import { committeeKeys } from './keys.js';
import { runScript } from './scripts.js';

/**
 * How long a cast's stored result answers a retry of the same operation id. Feishu re-delivers
 * for up to ~7.1 h (reliability.md §2.1); a day leaves a wide margin.
 */
export const SEEN_TTL_SECONDS = 24 * 60 * 60;

export type LiveKeys = ReturnType<typeof liveKeys>;

/** The keys of one ballot's live state; `doc` is its document (ballot or evaluation). */
export function liveKeys(committeeId: string, ballotId: string, doc: string) {
  return { ...committeeKeys(committeeId).ballot(ballotId), doc };
}

/**
 * Writes the electorate before the document is committed. 'EXISTS' means the document is already
 * stored: the electorate of a live ballot is never rewritten.
 */
export async function writeElectorate(redis: Redis, keys: LiveKeys, memberIds: readonly string[]): Promise<number | 'EXISTS'> {
  const reply = await runScript(redis, 'open-ballot', [keys.doc, keys.eligible], ['write', ...memberIds]);
  return reply === 'EXISTS' ? 'EXISTS' : Number(reply);
}

/** Removes an electorate written for an opening that was refused (never one of a stored ballot). */
export async function discardElectorate(redis: Redis, keys: LiveKeys): Promise<void> {
  await runScript(redis, 'open-ballot', [keys.doc, keys.eligible], ['discard']);
}

export type CastCode =
  | 'recorded' | 'NOT_FOUND' | 'BALLOT_CLOSED' | 'CHOICE_UNKNOWN' | 'NOT_ELIGIBLE' | 'CHAIR_MUST_SPEAK_LAST' | 'ALREADY_VOTED';

const CAST_CODES: readonly string[] = ['recorded', 'NOT_FOUND', 'BALLOT_CLOSED', 'CHOICE_UNKNOWN', 'NOT_ELIGIBLE', 'CHAIR_MUST_SPEAK_LAST', 'ALREADY_VOTED'];

/** One cast in one round trip: dedup, state, choice, eligibility, chair-last, record. */
export async function castInStore(redis: Redis, keys: LiveKeys, voterId: string, choice: string, operationId: string): Promise<CastCode> {
  // The voter is part of the dedup key: a reused operation id can only ever answer its own voter.
  const seen = keys.seen(`${voterId}.${operationId}`);
  const reply = await runScript(redis, 'cast-vote',
    [keys.doc, keys.eligible, keys.voted, keys.tally, keys.choices, keys.order, seen],
    [voterId, choice, SEEN_TTL_SECONDS]);
  if (typeof reply !== 'string' || !CAST_CODES.includes(reply)) throw new StoreCorruptError(seen);
  return reply as CastCode;
}

export interface ClosedCounts {
  /** 'CLOSED' now, or 'WAS_CLOSED' by an earlier (possibly interrupted) close. */
  status: 'CLOSED' | 'WAS_CLOSED';
  voted: number;
  eligible: number;
  /** Voters outside the electorate: must be 0. */
  strangers: number;
  tally: Record<string, number>;
  /** Open methods: member ids in the order they voted, with their choices. */
  roll: { memberId: string; choice: string }[];
}

function pairs(flat: unknown): [string, string][] {
  const list = Array.isArray(flat) ? flat.map(String) : [];
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < list.length; i += 2) out.push([list[i] ?? '', list[i + 1] ?? '']);
  return out;
}

/**
 * Flips the document to `closedJson` if it is still open at `expectedVersion`, and returns the
 * counts as of that instant. 'CONFLICT' means the document moved: read it again.
 */
export async function closeInStore(redis: Redis, keys: LiveKeys, expectedVersion: number, closedJson: string): Promise<ClosedCounts | 'CONFLICT' | 'NOT_FOUND'> {
  const reply = await runScript(redis, 'close-ballot',
    [keys.doc, keys.eligible, keys.voted, keys.tally, keys.choices, keys.order], [expectedVersion, closedJson]);
  if (!Array.isArray(reply)) throw new StoreCorruptError(keys.doc);
  const [status, voted, eligible, strangers, tally, order, choices] = reply as unknown[];
  if (status === 'CONFLICT' || status === 'NOT_FOUND') return status;
  const byMember = new Map(pairs(choices));
  return {
    status: status === 'CLOSED' ? 'CLOSED' : 'WAS_CLOSED',
    voted: Number(voted), eligible: Number(eligible), strangers: Number(strangers),
    tally: Object.fromEntries(pairs(tally).map(([choice, n]) => [choice, Number(n)])),
    roll: (Array.isArray(order) ? order.map(String) : []).map((memberId) => ({ memberId, choice: byMember.get(memberId) ?? '' })),
  };
}

/** How many have voted and how many may: all that anyone sees of an open ballot. */
/** The close invariant: sum(counts) = SCARD(voted), and every voter is in the frozen electorate. */
export function countsAreConsistent(counts: ClosedCounts): boolean {
  return tallySum(counts) === counts.voted && counts.strangers === 0 && counts.voted <= counts.eligible;
}

export function tallySum(counts: ClosedCounts): number {
  return Object.values(counts.tally).reduce((a, b) => a + b, 0);
}

export async function turnout(redis: Redis, keys: LiveKeys): Promise<{ voted: number; eligible: number }> {
  const [voted, eligible] = await Promise.all([redis.scard(keys.voted), redis.scard(keys.eligible)]);
  return { voted, eligible };
}

/** Who voted, sorted (never in voting order: the order could be matched with other clues). */
export async function votersOf(redis: Redis, keys: LiveKeys): Promise<string[]> {
  return (await redis.smembers(keys.voted)).sort();
}

export async function isInElectorate(redis: Redis, keys: LiveKeys, memberId: string): Promise<boolean> {
  return (await redis.sismember(keys.eligible, memberId)) === 1;
}

/**
 * With AOF on, Redis logs each script's effects as one MULTI block, so until the log is rewritten
 * the AOF holds "SADD voted <member>" next to "HINCRBY tally <choice>" for every secret cast.
 * A rewrite replaces that history with the current state (voted set and counters, unlinked).
 * Best effort: called after a secret ballot closes; failures are logged, never thrown, because
 * the vote itself is already safely stored. Backups taken while the ballot was open keep the links.
 */
export async function compactHistory(redis: Redis, log: Logger): Promise<void> {
  try {
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    if (appendonly !== 'yes') return;
    await redis.bgrewriteaof();
  } catch (error) {
    log.warn('could not rewrite the append-only file after a secret ballot', { reason: error instanceof Error ? error.message.slice(0, 120) : 'unknown' });
  }
}
