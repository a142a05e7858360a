/**
 * The AOF rewrite after a secret ballot closes is certain, not attempted: it happens when a rewrite
 * is already running at the close, when the close throws after the flip, and — for a close whose
 * process died before the rewrite — at the next start. Each case leaves an append-only file with
 * no block that links a voter's bit to a counter, and no pending mark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { castVote, closeBallot, getBallotView, openBallot } from '../../src/services/voting.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { aofRewriteSettled } from '../../src/store/aof-compaction.js';
import { closeInStore, type LiveKeys } from '../../src/store/ballots.js';
import { openStore } from '../../src/store/connect.js';
import { docKey, TOPICS } from '../../src/store/repos.js';
import { castBlocks, rewriteFilesSettled, startAofServer, stopAofServer } from '../support/aof.js';
import type { RedisServer } from '../support/redis-server.js';
import { TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { opId, seedMeeting, testDeps } from './voting-fixtures.js';

const VOTERS = ['m3', 'm1', 'm4', 'm2'];
const CHOICES = ['no', 'yes', 'yes', 'abstain'];

let server: RedisServer;
let redis: Redis;
const shared = useRedis();

beforeAll(async () => { ({ server, redis } = await startAofServer()); });
afterAll(() => stopAofServer(server, redis));

async function info(from: Redis, field: string): Promise<string> {
  return new RegExp(`${field}:(\\S+)`).exec(await from.info('persistence'))?.[1] ?? '';
}

/** A secret ballot in which every voter has cast, the first one dissenting. */
async function castBallot(on: Redis): Promise<{ deps: ReturnType<typeof testDeps>; committeeId: string; ballotId: string; keys: LiveKeys }> {
  const deps = testDeps(on);
  const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
  const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
  for (const [i, voterId] of VOTERS.entries()) {
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice: CHOICES[i] ?? 'yes', operationId: opId() });
  }
  return { deps, committeeId, ballotId: ballot.id, keys: ballotKeys(committeeId, ballot.id) };
}

/** The pid of redis-server's forked child (the rewrite), once there is one. */
async function rewriteChild(): Promise<number> {
  const parent = server.process.pid;
  for (let i = 0; i < 200; i += 1) {
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const stat = (() => { try { return readFileSync(`/proc/${entry}/stat`, 'utf8'); } catch { return ''; } })();
      // Fields after the command name: state, then the parent's pid.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) return Number(entry);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no rewrite child appeared');
}

async function expectCleanedUp(on: Redis, keys: LiveKeys): Promise<void> {
  await aofRewriteSettled(on);
  await rewriteFilesSettled(on, server.dir);
  expect(await on.smembers(keys.aofPending)).toEqual([]);
  expect(castBlocks(server.dir, keys.voted)).toBe(0);
  expect(await info(on, 'aof_last_bgrewrite_status')).toBe('ok');
}

describe('AOF clean-up after a secret ballot closes', () => {
  it('happens even when a rewrite is already running at the close, with the casts written during it', async () => {
    // Slow the rewrite child down so that it is still running while the ballot is cast and closed.
    // Slowed by 0.1 s a key, the ten filler keys keep it running for a second.
    for (let i = 0; i < 10; i += 1) await redis.set(`filler:${i}`, 'x');
    await redis.config('SET', 'rdb-key-save-delay', '100000');
    await redis.bgrewriteaof();
    const rewritesBefore = Number(await info(redis, 'aof_rewrites'));
    const { deps, committeeId, ballotId, keys } = await castBallot(redis);
    // The casts went to the new incremental file, which the running rewrite will keep.
    expect(castBlocks(server.dir, keys.voted)).toBe(VOTERS.length);
    expect(await info(redis, 'aof_rewrite_in_progress')).toBe('1');
    await closeBallot(deps, { committeeId, ballotId, actorId: 'chair' });
    expect(await info(redis, 'aof_rewrite_in_progress')).toBe('1');
    expect(await redis.smembers(keys.aofPending)).toEqual([ballotId]);
    await redis.config('SET', 'rdb-key-save-delay', '0');
    await expectCleanedUp(redis, keys);
    // The running rewrite, then one of our own after it.
    expect(Number(await info(redis, 'aof_rewrites'))).toBeGreaterThanOrEqual(rewritesBefore + 1);
    expect(deps.log.lines.some((l) => l.includes('append-only file rewritten'))).toBe(true);
  });

  it('is retried when the rewrite fails: the mark goes only after a rewrite that succeeded', async () => {
    const { deps, committeeId, ballotId, keys } = await castBallot(redis);
    await redis.config('SET', 'rdb-key-save-delay', '20000');
    await closeBallot(deps, { committeeId, ballotId, actorId: 'chair' });
    const child = await rewriteChild();
    await redis.config('SET', 'rdb-key-save-delay', '0');
    process.kill(child, 'SIGKILL');
    await expectCleanedUp(redis, keys);
    expect(deps.log.lines.some((l) => l.includes('append-only file rewritten') && l.includes('"attempt":2'))).toBe(true);
  });

  it('happens when the close throws after the state flip', async () => {
    const { deps, committeeId, ballotId, keys } = await castBallot(redis);
    expect(castBlocks(server.dir, keys.voted)).toBe(VOTERS.length);
    // A damaged topic makes the close fail after the flip, while it works out the result.
    await redis.set(docKey(committeeId, TOPICS, 't1'), '{"version":"broken"}');
    await expect(closeBallot(deps, { committeeId, ballotId, actorId: 'chair' })).rejects.toBeInstanceOf(StoreCorruptError);
    expect((await getBallotView(deps, { committeeId, ballotId, viewerId: 'm1' })).state).toBe('closed');
    await expectCleanedUp(redis, keys);
  });

  it('happens at start for a ballot closed by a process that died before its rewrite', async () => {
    const { ballotId, keys } = await castBallot(redis);
    // What a crash right after the close script leaves: closed, marked, AOF not rewritten.
    const ballot = JSON.parse((await redis.get(keys.doc)) ?? '{}') as { version: number };
    const flipped = await closeInStore(redis, keys, TEST_SEEN_KEY, ballot.version, JSON.stringify({ ...ballot, state: 'closed', version: ballot.version + 1 }));
    expect(flipped).toMatchObject({ status: 'CLOSED', voted: VOTERS.length });
    expect(await redis.smembers(keys.aofPending)).toEqual([ballotId]);
    expect(castBlocks(server.dir, keys.voted)).toBe(VOTERS.length);

    const log = memoryLogger();
    const store = await openStore(server.socket, log);
    try {
      await expectCleanedUp(store.redis, keys);
      expect(log.lines.some((l) => l.includes('append-only file rewritten'))).toBe(true);
    } finally {
      await store.redis.quit();
    }
  });

  it('is recorded as done at once when the append-only file is off', async () => {
    expect(await info(shared.redis, 'aof_enabled')).toBe('0');
    const { deps, committeeId, ballotId, keys } = await castBallot(shared.redis);
    const rewritesBefore = await info(shared.redis, 'aof_rewrites');
    await closeBallot(deps, { committeeId, ballotId, actorId: 'chair' });
    await aofRewriteSettled(shared.redis);
    expect(await shared.redis.exists(keys.aofPending)).toBe(0);
    expect(await info(shared.redis, 'aof_rewrites')).toBe(rewritesBefore);
  });

  it('does not mark an open-method ballot: who chose what is on its record anyway', async () => {
    const deps = testDeps(redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'named', actorId: 'chair' });
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'no', operationId: opId() });
    const keys = ballotKeys(committeeId, ballot.id);
    const flipped = await closeInStore(redis, keys, TEST_SEEN_KEY, ballot.version, JSON.stringify({ ...ballot, state: 'closed', version: ballot.version + 1 }));
    expect(flipped).toMatchObject({ status: 'CLOSED' });
    expect(await redis.exists(keys.aofPending)).toBe(0);
  });
});
