/**
 * What a secret ballot leaves behind: after several members voted, nothing in Redis (every key,
 * every type), in the append-only file once the ballot closed, or in the logs links a member to
 * a choice. Runs on a private redis-server so that the dump holds this test's data only.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castVote, closeBallot, getBallotView, openBallot } from '../../src/services/voting.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { aofRewriteSettled } from '../../src/store/aof-compaction.js';
import { readAuditLog } from '../../src/store/audit.js';
import { castBlocks, dumpUnits, links, rewriteFilesSettled, startAofServer, stopAofServer } from '../support/aof.js';
import type { RedisServer } from '../support/redis-server.js';
import { opId, seedMeeting, testDeps } from './voting-fixtures.js';

const CHOICE_WORDS = new Set(['yes', 'no', 'abstain']);
/** The secret voters; the chair opens and closes (and is the audit actor) but does not vote here. */
const VOTERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
const CHOICES = ['yes', 'no', 'yes', 'abstain', 'yes', 'no'];

let server: RedisServer;
let redis: Redis;

beforeAll(async () => { ({ server, redis } = await startAofServer()); });
afterAll(() => stopAofServer(server, redis));

const CHOICES_ALL = [...CHOICE_WORDS];

describe('secret ballot storage', () => {
  it('keeps no member-to-choice link in Redis, the audit log, the append-only file after close, or the logs; counts stay hidden while open', async () => {
    const deps = testDeps(redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 7, topics: [{ id: 't1' }, { id: 't2' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    const retried = opId();
    for (const [i, voterId] of VOTERS.entries()) {
      const operationId = i === 0 ? retried : opId();
      await castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice: CHOICES[i] ?? 'yes', operationId });
    }
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'yes', operationId: retried });
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'no', operationId: opId() }).catch(() => undefined);
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'obs1', choice: 'yes', operationId: opId() }).catch(() => undefined);

    const open = await getBallotView(deps, { committeeId, ballotId: ballot.id, viewerId: 'chair' });
    expect(open).toMatchObject({ state: 'open', voted: 6, eligible: 7 });
    expect(open.result).toBeUndefined();
    expect(open.participants).toBeUndefined();
    expect(links(await dumpUnits(redis), VOTERS, CHOICES_ALL)).toEqual([]);
    // While open the AOF does hold each cast's effects together: the reason for the rewrite at close.
    expect(castBlocks(server.dir, ballotKeys(committeeId, ballot.id).voted)).toBe(6);

    const closed = await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(closed.result).toMatchObject({ counts: { yes: 3, no: 2, abstain: 1 }, voters: 6 });
    expect(closed.result?.roll).toBeUndefined();
    const view = await getBallotView(deps, { committeeId, ballotId: ballot.id, viewerId: 'm2' });
    expect(view.participants).toEqual(VOTERS);
    expect(view.choices).toBeUndefined();

    expect(links(await dumpUnits(redis), VOTERS, CHOICES_ALL)).toEqual([]);
    expect(await redis.exists(ballotKeys(committeeId, ballot.id).choices, ballotKeys(committeeId, ballot.id).order)).toBe(0);
    const audit = await readAuditLog(redis, committeeId);
    expect(audit.map((e) => e.action)).toEqual(['committee.create', 'ballot.open', 'ballot.close']);
    await aofRewriteSettled(redis);
    await rewriteFilesSettled(redis, server.dir);
    expect(castBlocks(server.dir, ballotKeys(committeeId, ballot.id).voted)).toBe(0);
    expect(links(deps.log.lines.map((unit) => ({ key: 'log', unit })), VOTERS, CHOICES_ALL)).toEqual([]);

    // The detector is not blind: a named vote by the same members is found at once.
    const named = await openBallot(deps, { committeeId, meetingId, topicId: 't2', method: 'named', actorId: 'chair' });
    await castVote(deps, { committeeId, ballotId: named.id, voterId: 'm3', choice: 'no', operationId: opId() });
    expect(links(await dumpUnits(redis), VOTERS, CHOICES_ALL).map((l) => l.key)).toContain(ballotKeys(committeeId, named.id).choices);
  });

  it('does not show who took part in a secret ballot when fewer than three voted', async () => {
    const deps = testDeps(redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    for (const voterId of ['m1', 'm2']) await castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice: 'yes', operationId: opId() });
    await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    const view = await getBallotView(deps, { committeeId, ballotId: ballot.id, viewerId: 'm1' });
    expect(view).toMatchObject({ state: 'closed', voted: 2, result: { counts: { yes: 2 } } });
    expect(view.participants).toBeUndefined();
  });
});
