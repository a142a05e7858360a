/** The voting cases that need stored state, so are service checks: TC21, TC23, TC72. */
import { describe, expect, it } from 'vitest';
import { castVote, closeBallot, openBallot, reconsider } from '../../src/services/voting.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { readAuditLog } from '../../src/store/audit.js';
import { turnout, votersOf } from '../../src/store/ballots.js';
import { BALLOTS, getDoc, listDocs, TOPICS } from '../../src/store/repos.js';
import { useRedis } from '../support/store.js';
import { opId, refusalOf, seedMeeting, testDeps, voters } from './voting-fixtures.js';

const ctx = useRedis();

describe('catalog service checks', () => {
  it('TC21 (JY-24e, NT-3.6c): one cast for items A and B together is refused; split, A yes=3 passes and B yes=2 fails (N=5)', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { profileId: 'JY', members: 5, topics: [{ id: 'A' }, { id: 'B' }] });
    const a = await openBallot(deps, { committeeId, meetingId, topicId: 'A', method: 'secret', actorId: 'chair' });
    const b = await openBallot(deps, { committeeId, meetingId, topicId: 'B', method: 'secret', actorId: 'chair' });
    expect(await refusalOf(castVote(deps, { committeeId, ballotIds: [a.id, b.id], voterId: 'm1', choice: 'yes', operationId: opId() }))).toBe('ITEMS_MUST_BE_VOTED_SEPARATELY');
    expect(await refusalOf(castVote(deps, { committeeId, ballotId: a.id, ballotIds: [b.id], voterId: 'm1', choice: 'yes', operationId: opId() }))).toBe('ITEMS_MUST_BE_VOTED_SEPARATELY');
    expect((await turnout(ctx.redis, ballotKeys(committeeId, a.id))).voted).toBe(0);
    expect((await turnout(ctx.redis, ballotKeys(committeeId, b.id))).voted).toBe(0);
    const choicesA = ['yes', 'yes', 'yes', 'no', 'no'];
    const choicesB = ['yes', 'yes', 'no', 'no', 'abstain'];
    for (const [i, voterId] of voters(5).entries()) {
      await castVote(deps, { committeeId, ballotIds: [a.id], voterId, choice: choicesA[i] ?? 'abstain', operationId: opId() });
      await castVote(deps, { committeeId, ballotId: b.id, voterId, choice: choicesB[i] ?? 'abstain', operationId: opId() });
    }
    const closedA = await closeBallot(deps, { committeeId, ballotId: a.id, actorId: 'chair' });
    const closedB = await closeBallot(deps, { committeeId, ballotId: b.id, actorId: 'chair' });
    expect(closedA.result).toMatchObject({ counts: { yes: 3 }, passed: true });
    expect(closedB.result).toMatchObject({ counts: { yes: 2 }, passed: false });
  });

  it('TC23 (NT-3.6a): a proxy yes cast by m2 for an absent member is refused PROXY_NOT_ALLOWED and the tally is unchanged (NT, N=5, present=4)', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { profileId: 'NT', members: 5, topics: [{ id: 't1' }], signedIn: voters(4) });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'hands', actorId: 'chair' });
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'yes', operationId: opId() });
    const keys = ballotKeys(committeeId, ballot.id);
    const before = { tally: await ctx.redis.hgetall(keys.tally), voted: await votersOf(ctx.redis, keys) };
    expect(await refusalOf(castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm2', onBehalfOf: 'm4', choice: 'yes', operationId: opId() }))).toBe('PROXY_NOT_ALLOWED');
    // Claiming to be the absent member is no way around it: m4 is not in the electorate.
    expect(await refusalOf(castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm4', choice: 'yes', operationId: opId() }))).toBe('NOT_PRESENT');
    expect({ tally: await ctx.redis.hgetall(keys.tally), voted: await votersOf(ctx.redis, keys) }).toEqual(before);
    expect(await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm2', onBehalfOf: 'm2', choice: 'no', operationId: opId() })).toBe('recorded');
  });

  it('TC72 (NT-3.9): 复议 of a decided item without the 书记\'s consent is blocked and the original decision stays in force', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { profileId: 'NT', members: 5, topics: [{ id: 't1' }] });
    const first = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    for (const voterId of voters(5)) await castVote(deps, { committeeId, ballotId: first.id, voterId, choice: 'yes', operationId: opId() });
    const decided = await closeBallot(deps, { committeeId, ballotId: first.id, actorId: 'chair' });
    expect(decided.result?.passed).toBe(true);
    const auditBefore = (await readAuditLog(ctx.redis, committeeId)).length;

    expect(await refusalOf(reconsider(deps, { committeeId, topicId: 't1', actorId: 'chair', chairConsent: false }))).toBe('REVIEW_NEEDS_SECRETARY_CONSENT');
    expect(await refusalOf(openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' }))).toBe('INVALID_STATE');
    expect((await getDoc(ctx.redis, committeeId, TOPICS, 't1'))?.status).toBe('decided');
    expect(await getDoc(ctx.redis, committeeId, BALLOTS, first.id)).toEqual(decided);
    expect(await listDocs(ctx.redis, committeeId, BALLOTS)).toHaveLength(1);
    expect(await readAuditLog(ctx.redis, committeeId)).toHaveLength(auditBefore);

    const again = await reconsider(deps, { committeeId, topicId: 't1', actorId: 'chair', chairConsent: true });
    expect(again).toMatchObject({ state: 'open', reconsiders: first.id, method: 'secret' });
    expect((await readAuditLog(ctx.redis, committeeId)).at(-1)).toMatchObject({ action: 'ballot.reconsider', data: { reconsiders: first.id, chairConsent: true } });
  });

  it('a personnel 复议 also needs more than half of the members behind it (选拔任用条例, A21)', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { profileId: 'NT', members: 6, topics: [{ id: 'p1', kind: 'personnel' }] });
    const first = await openBallot(deps, { committeeId, meetingId, topicId: 'p1', method: 'secret', actorId: 'chair' });
    for (const voterId of voters(6)) await castVote(deps, { committeeId, ballotId: first.id, voterId, choice: 'yes', operationId: opId() });
    await closeBallot(deps, { committeeId, ballotId: first.id, actorId: 'chair' });
    const half = ['chair', 'm1', 'm2', 'obs1'];
    expect(await refusalOf(reconsider(deps, { committeeId, topicId: 'p1', actorId: 'chair', chairConsent: true, supporterIds: half }))).toBe('REVIEW_NEEDS_MAJORITY');
    const again = await reconsider(deps, { committeeId, topicId: 'p1', actorId: 'chair', chairConsent: true, supporterIds: [...half, 'm3'] });
    expect(again.reconsiders).toBe(first.id);
  });
});
