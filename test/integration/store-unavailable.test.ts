/**
 * "Outcome unknown" is an answer: a cast whose command times out (Redis paused its writes) or
 * whose connection is gone is a StoreUnavailableError, which a member reads as "submitted, being
 * confirmed"; the retry with the same operation id answers the real outcome, and the vote counts
 * once. Logic errors are never dressed up as "pending". Runs on a private redis-server, because
 * CLIENT PAUSE stops every client of a server.
 */
import { rmSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError, userMessageOf } from '../../src/errors.js';
import { castVote, openBallot } from '../../src/services/voting.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { turnout } from '../../src/store/ballots.js';
import { ALL_SCRIPTS } from '../../src/store/connect.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { loadScripts } from '../../src/store/scripts.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { opId, refusalOf, seedMeeting, testDeps } from './voting-fixtures.js';

let server: RedisServer;
let redis: Redis;
let admin: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  redis = createRedis(server.socket);
  admin = createRedis(server.socket, 'worker');
  await Promise.all([whenReady(redis), whenReady(admin)]);
  // As openStore does at start: a paused EVALSHA of an unknown script would come back NOSCRIPT.
  await loadScripts(redis, ALL_SCRIPTS);
});

afterAll(async () => {
  await redis.quit();
  await admin.quit();
  await server.stop();
  rmSync(server.dir, { recursive: true, force: true });
});

const PAUSE_MS = 1500;

async function secretBallot(on: Redis): Promise<{ deps: ReturnType<typeof testDeps>; committeeId: string; ballotId: string }> {
  const deps = testDeps(on);
  const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
  const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
  return { deps, committeeId, ballotId: ballot.id };
}

describe('a cast whose outcome is unknown', () => {
  it('answers pending while Redis pauses writes; the retry with the same operation id answers recorded, and the vote counts once', async () => {
    const { deps, committeeId, ballotId } = await secretBallot(redis);
    const cast = { committeeId, ballotId, voterId: 'm1', choice: 'no', operationId: opId() };
    const pausedAt = Date.now();
    await admin.call('CLIENT', 'PAUSE', String(PAUSE_MS), 'WRITE');
    const error: unknown = await castVote(deps, cast).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(userMessageOf(error)).toBe('已提交，正在确认…再次点击不会重复计票。');
    expect(Date.now() - pausedAt).toBeLessThan(PAUSE_MS);

    // The paused script runs when the pause ends: the vote was counted although the member was
    // told "pending", which is why the answer must not be "操作未完成".
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS - (Date.now() - pausedAt) + 100));
    const keys = ballotKeys(committeeId, ballotId);
    expect((await turnout(redis, keys)).voted).toBe(1);
    expect(await castVote(deps, cast)).toBe('recorded');
    expect(await castVote(deps, cast)).toBe('recorded');
    expect(await refusalOf(castVote(deps, { ...cast, operationId: opId() }))).toBe('ALREADY_VOTED');
    expect(await redis.hgetall(keys.tally)).toEqual({ yes: '0', no: '1', abstain: '0' });
    expect((await turnout(redis, keys)).voted).toBe(1);
  });

  it('answers pending when the connection is gone, and nothing was cast', async () => {
    const { committeeId, ballotId } = await secretBallot(redis);
    const lost = createRedis(server.socket);
    await whenReady(lost);
    lost.disconnect();
    const error: unknown = await castVote(testDeps(lost), { committeeId, ballotId, voterId: 'm2', choice: 'yes', operationId: opId() }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((await turnout(redis, ballotKeys(committeeId, ballotId))).voted).toBe(0);
  });

  it('never calls a logic error pending: a damaged tally is an error, not "submitted"', async () => {
    const { deps, committeeId, ballotId } = await secretBallot(redis);
    await redis.set(ballotKeys(committeeId, ballotId).tally, 'not a hash');
    const error: unknown = await castVote(deps, { committeeId, ballotId, voterId: 'm3', choice: 'yes', operationId: opId() }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(StoreUnavailableError);
    expect(String((error as Error).message)).toMatch(/WRONGTYPE/);
    expect(userMessageOf(error)).not.toContain('已提交');
  });
});
