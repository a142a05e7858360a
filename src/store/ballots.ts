/**
 * The live state of a ballot or an evaluation, beside its versioned document: the electorate
 * frozen at opening, who has voted, one counter per choice, and — for open methods only — each
 * member's choice and the voting order. Every change is one Lua script, so concurrent taps cannot race.
 *
 * Evaluations (民主测评) use the same keys under their own id: they are always secret.
 *
 * Why nothing here can link a member to a secret choice, including by the data's shape:
 * - `tally` gets every choice at zero, in the ballot's fixed order, when it opens: a small hash
 *   keeps fields in first-write order, and no field is ever first written by a cast.
 * - `eligible` (member -> seat) is written once, sorted, at opening; `voted` is a bitmap by seat,
 *   sized for the whole electorate at opening. A bitmap has no insertion order, unlike a small set
 *   (kept in insertion order from Redis 7.2), and its length never moves.
 * - A cast's receipt (for "recorded" on a retry) is named HMAC(seenKey, ballot|voter) and holds
 *   HMAC(seenKey, ballot|voter|operation): the key is not in Redis, so neither name nor value
 *   names the voter. Receipts have no TTL (a TTL would date each cast) and are deleted by the
 *   close script, which gets every name the frozen electorate can have. A retry after close is
 *   answered from the bitmap.
 * - The AOF holds each cast as one block until rewritten: aof-compaction.ts makes that certain.
 * What remains after close is the document's counts, the sorted electorate, the bitmap and the
 * counters: who took part, and how many chose what.
 */
import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import { StoreCorruptError } from '../errors.js';
import { committeeKeys } from './keys.js';
import { runScript } from './scripts.js';
import { guarded } from './unavailable.js';

export type LiveKeys = ReturnType<typeof liveKeys>;

/** The keys of one ballot's live state; `doc` is its document (ballot or evaluation). */
export function liveKeys(committeeId: string, ballotId: string, doc: string) {
  const committee = committeeKeys(committeeId);
  return { ...committee.ballot(ballotId), id: ballotId, doc, aofPending: committee.aofPending };
}

/** The receipt key's secret, from an app secret: `seenKey` in ServiceDeps. */
export function deriveSeenKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('yishi/ballot-seen/v1').digest();
}

const digest = (seenKey: Buffer, ...parts: string[]): string => createHmac('sha256', seenKey).update(parts.join('|')).digest('hex');

/**
 * One voter's receipt key on one ballot. Two HMACs a cast cost about 4 µs of CPU; caching the
 * names cost more than it saved (bench/README.md).
 */
function receiptKey(keys: LiveKeys, seenKey: Buffer, voterId: string): string {
  return keys.seen(digest(seenKey, 'name', keys.id, voterId));
}

/**
 * Writes the electorate (sorted, with seats), the voted bitmap and every choice at zero before the
 * document is committed. 'EXISTS' means the document is already stored: the electorate of a live
 * ballot is never rewritten.
 */
export async function writeElectorate(redis: Redis, keys: LiveKeys, memberIds: readonly string[], choices: readonly string[]): Promise<number | 'EXISTS'> {
  const sorted = [...new Set(memberIds)].sort();
  const reply = await runScript(redis, 'open-ballot', [keys.doc, keys.eligible, keys.voted, keys.tally], ['write', choices.length, ...choices, ...sorted]);
  return reply === 'EXISTS' ? 'EXISTS' : Number(reply);
}

/** Removes the live state written for an opening that was refused (never one of a stored ballot). */
export async function discardElectorate(redis: Redis, keys: LiveKeys): Promise<void> {
  await runScript(redis, 'open-ballot', [keys.doc, keys.eligible, keys.voted, keys.tally], ['discard']);
}

export type CastCode =
  | 'recorded' | 'NOT_FOUND' | 'BALLOT_CLOSED' | 'CHOICE_UNKNOWN' | 'NOT_ELIGIBLE' | 'CHAIR_MUST_SPEAK_LAST' | 'ALREADY_VOTED';

const CAST_CODES: readonly string[] = ['recorded', 'NOT_FOUND', 'BALLOT_CLOSED', 'CHOICE_UNKNOWN', 'NOT_ELIGIBLE', 'CHAIR_MUST_SPEAK_LAST', 'ALREADY_VOTED'];

/** One cast in one round trip: dedup, state, choice, eligibility, chair-last, record. */
export async function castInStore(redis: Redis, keys: LiveKeys, seenKey: Buffer, voterId: string, choice: string, operationId: string): Promise<CastCode> {
  // The voter is part of the receipt: a reused operation id can only ever answer its own voter.
  const seen = receiptKey(keys, seenKey, voterId);
  const reply = await runScript(redis, 'cast-vote',
    [keys.doc, keys.eligible, keys.voted, keys.tally, keys.choices, keys.order, seen],
    [voterId, choice, digest(seenKey, 'op', keys.id, voterId, operationId)]);
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
export async function closeInStore(redis: Redis, keys: LiveKeys, seenKey: Buffer, expectedVersion: number, closedJson: string): Promise<ClosedCounts | 'CONFLICT' | 'NOT_FOUND'> {
  // The electorate is frozen once the document exists, so these are all the receipts there can be.
  const receipts = (await guarded(() => redis.hkeys(keys.eligible))).map((voterId) => receiptKey(keys, seenKey, voterId));
  const reply = await runScript(redis, 'close-ballot',
    [keys.doc, keys.eligible, keys.voted, keys.tally, keys.choices, keys.order, keys.aofPending, ...receipts], [expectedVersion, closedJson, keys.id]);
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

/** The close invariant: sum(counts) = number of voters, and every voter has a seat in the frozen electorate. */
export function countsAreConsistent(counts: ClosedCounts): boolean {
  return tallySum(counts) === counts.voted && counts.strangers === 0 && counts.voted <= counts.eligible;
}

export function tallySum(counts: ClosedCounts): number {
  return Object.values(counts.tally).reduce((a, b) => a + b, 0);
}

/** How many have voted and how many may: all that anyone sees of an open ballot. */
export async function turnout(redis: Redis, keys: LiveKeys): Promise<{ voted: number; eligible: number }> {
  const [voted, eligible] = await guarded(() => Promise.all([redis.bitcount(keys.voted), redis.hlen(keys.eligible)]));
  return { voted, eligible };
}

/** The electorate split by the voted bitmap, each side sorted: it reads seats and bits, never a choice. */
async function bySeat(redis: Redis, keys: LiveKeys): Promise<{ voted: string[]; notVoted: string[] }> {
  const [seats, bits] = await guarded(() => Promise.all([redis.hgetall(keys.eligible), redis.getBuffer(keys.voted)]));
  const isSet = (seat: number): boolean => bits !== null && seat >> 3 < bits.length && ((bits[seat >> 3] ?? 0) & (0x80 >> (seat & 7))) !== 0;
  const entries = Object.entries(seats).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    voted: entries.filter(([, seat]) => isSet(Number(seat))).map(([memberId]) => memberId),
    notVoted: entries.filter(([, seat]) => !isSet(Number(seat))).map(([memberId]) => memberId),
  };
}

/** Who voted, sorted (never in voting order: the order could be matched with other clues). */
export async function votersOf(redis: Redis, keys: LiveKeys): Promise<string[]> {
  return (await bySeat(redis, keys)).voted;
}

/** Who of the frozen electorate has not voted yet, sorted: the electorate minus the bitmap. */
export async function nonVotersOf(redis: Redis, keys: LiveKeys): Promise<string[]> {
  return (await bySeat(redis, keys)).notVoted;
}

export async function isInElectorate(redis: Redis, keys: LiveKeys, memberId: string): Promise<boolean> {
  return (await guarded(() => redis.hexists(keys.eligible, memberId))) === 1;
}

/** The frozen electorate, sorted: who gets a private ballot. */
export async function electorateOf(redis: Redis, keys: LiveKeys): Promise<string[]> {
  return (await guarded(() => redis.hkeys(keys.eligible))).sort();
}

/**
 * Claims the ballot's reminder for `operationId` for `windowMs`: 'claimed' (also when the same
 * operation claims again, so a re-run sends what the first run meant to), or how long the last
 * reminder still holds the claim. One SET … NX GET: two taps at once cannot both win.
 */
export async function claimReminder(redis: Redis, keys: LiveKeys, operationId: string, windowMs: number): Promise<{ claimed: true } | { claimed: false; remainingMs: number }> {
  const before = await guarded(() => redis.call('SET', keys.remind, operationId, 'PX', windowMs, 'NX', 'GET'));
  if (before === null || before === operationId) return { claimed: true };
  const remainingMs = await guarded(() => redis.pttl(keys.remind));
  return { claimed: false, remainingMs: Math.max(remainingMs, 0) };
}
