import { describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../src/errors.js';
import { closeBallot, castVote, deferItem, getBallotView, openBallot, recordReservedOpinion } from '../../src/services/voting.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { closeInStore, turnout, votersOf } from '../../src/store/ballots.js';
import { getDoc, MEETINGS, RESERVED_OPINIONS, TOPICS } from '../../src/store/repos.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { opId, refusalOf, seedMeeting, testDeps, voters } from './voting-fixtures.js';

const ctx = useRedis();

describe('opening a ballot', () => {
  it('freezes the electorate: signed-in voting members minus the recused; observers, clerks and absentees never', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, {
      members: 7, topics: [{ id: 't1', recused: ['m2'] }], signedIn: ['chair', 'm1', 'm2', 'm3', 'm4', 'clerk1', 'obs1'],
    });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'named', actorId: 'chair' });
    const keys = ballotKeys(committeeId, ballot.id);
    // Member -> seat, seats in sorted order of the ids.
    expect(await ctx.redis.hgetall(keys.eligible)).toEqual({ chair: '0', m1: '1', m3: '2', m4: '3' });
    expect(ballot).toMatchObject({ state: 'open', method: 'named', chairId: 'chair', chairLast: true, snapshot: { members: 7, present: 5, recused: 1 } });
    const meeting = await getDoc(ctx.redis, committeeId, MEETINGS, meetingId);
    expect(meeting?.agenda[0]?.ballotIds).toEqual([ballot.id]);
    const audit = await readAuditLog(ctx.redis, committeeId);
    expect(audit.at(-1)).toMatchObject({ actor: 'chair', action: 'ballot.open', subject: ballot.id, data: { eligible: 4, present: 5, recused: 1 } });
  });

  it('refuses a second ballot on an item with an open one, a non-chair opener, a topic off the agenda, and leaves no stray electorate', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
    await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'hands', actorId: 'chair' });
    const before = (await ctx.redis.keys(`*{c:${committeeId}}:ballot:*`)).length;
    expect(await refusalOf(openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' }))).toBe('BALLOT_ALREADY_OPEN');
    expect(await refusalOf(openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'm1' }))).toBe('NOT_CHAIR');
    expect(await refusalOf(openBallot(deps, { committeeId, meetingId, topicId: 'nope', method: 'secret', actorId: 'chair' }))).toBe('NOT_FOUND');
    expect(await refusalOf(openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'postal' as never, actorId: 'chair' }))).toBe('INVALID_INPUT');
    expect((await ctx.redis.keys(`*{c:${committeeId}}:ballot:*`)).length).toBe(before);
    expect((await getDoc(ctx.redis, committeeId, MEETINGS, meetingId))?.agenda[0]?.ballotIds).toHaveLength(1);
  });

  it('lets only one of two concurrent openings on the same item through', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((await getDoc(ctx.redis, committeeId, MEETINGS, meetingId))?.agenda[0]?.ballotIds).toHaveLength(1);
  });
});

describe('casting a vote', () => {
  it('records once; a retry with the same operation id gets "recorded" again, a new click gets ALREADY_VOTED', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    const op = opId();
    expect(await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'yes', operationId: op })).toBe('recorded');
    expect(await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'yes', operationId: op })).toBe('recorded');
    expect(await refusalOf(castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'no', operationId: opId() }))).toBe('ALREADY_VOTED');
    const keys = ballotKeys(committeeId, ballot.id);
    expect(await ctx.redis.hgetall(keys.tally)).toEqual({ yes: '1', no: '0', abstain: '0' });
    // The receipt carries no TTL (a TTL would date the cast) and is dropped at close; a retry
    // after close is answered from the voted bitmap.
    const receiptPattern = keys.tally.replace(/tally$/, 'seen:*');
    const receipts = await ctx.redis.keys(receiptPattern);
    expect(receipts).toHaveLength(1);
    expect(await ctx.redis.ttl(receipts[0] ?? '')).toBe(-1);
    await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(await ctx.redis.keys(receiptPattern)).toEqual([]);
    expect(await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'yes', operationId: op })).toBe('recorded');
    expect(await refusalOf(castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm2', choice: 'yes', operationId: opId() }))).toBe('BALLOT_CLOSED');
  });

  it('an operation id reused by another voter answers only its own voter: the other vote is cast normally', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    const op = opId();
    expect(await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'yes', operationId: op })).toBe('recorded');
    expect(await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm2', choice: 'no', operationId: op })).toBe('recorded');
    const keys = ballotKeys(committeeId, ballot.id);
    expect(await ctx.redis.hgetall(keys.tally)).toEqual({ yes: '1', no: '1', abstain: '0' });
    expect(await votersOf(ctx.redis, keys)).toEqual(['m1', 'm2']);
  });

  it('refuses observers, the recused, the absent, strangers, clerks, unknown choices and late votes, changing nothing', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, {
      members: 6, topics: [{ id: 't1', recused: ['m2'] }], signedIn: ['chair', 'm1', 'm2', 'm3', 'm4', 'obs1', 'clerk1'], guests: ['guest1'],
    });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'named', actorId: 'chair' });
    const cast = (voterId: string, choice = 'yes') => castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice, operationId: opId() });
    expect(await refusalOf(cast('obs1'))).toBe('OBSERVER_CANNOT_VOTE');
    expect(await refusalOf(cast('guest1'))).toBe('OBSERVER_CANNOT_VOTE');
    expect(await refusalOf(cast('m2'))).toBe('RECUSED');
    expect(await refusalOf(cast('m5'))).toBe('NOT_PRESENT');
    expect(await refusalOf(cast('stranger'))).toBe('NOT_A_MEMBER');
    expect(await refusalOf(cast('clerk1'))).toBe('NOT_ELIGIBLE');
    expect(await refusalOf(cast('m1', 'maybe'))).toBe('CHOICE_UNKNOWN');
    const keys = ballotKeys(committeeId, ballot.id);
    expect((await turnout(ctx.redis, keys)).voted).toBe(0);
    expect(await ctx.redis.hgetall(keys.tally)).toEqual({ yes: '0', no: '0', abstain: '0' });
    await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(await refusalOf(cast('m1'))).toBe('BALLOT_CLOSED');
    expect((await turnout(ctx.redis, keys)).voted).toBe(0);
  });

  it('keeps the chair last in an open vote, race-free, and not in a secret one (A8, TC22)', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }, { id: 't2' }] });
    const oral = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'oral', actorId: 'chair' });
    const cast = (ballotId: string, voterId: string) => castVote(deps, { committeeId, ballotId, voterId, choice: 'yes', operationId: opId() });
    expect(await refusalOf(cast(oral.id, 'chair'))).toBe('CHAIR_MUST_SPEAK_LAST');
    for (const id of ['m1', 'm2', 'm3']) await cast(oral.id, id);
    expect(await refusalOf(cast(oral.id, 'chair'))).toBe('CHAIR_MUST_SPEAK_LAST');
    // The chair and the last member at once: the chair gets through only if the member came first.
    const [chair, last] = await Promise.allSettled([cast(oral.id, 'chair'), cast(oral.id, 'm4')]);
    expect(last.status).toBe('fulfilled');
    if (chair.status === 'rejected') await cast(oral.id, 'chair');
    const closed = await closeBallot(deps, { committeeId, ballotId: oral.id, actorId: 'chair' });
    expect(closed.result?.roll?.at(-1)?.memberId).toBe('chair');
    expect(closed.result?.errors).toEqual([]);
    const secret = await openBallot(deps, { committeeId, meetingId, topicId: 't2', method: 'secret', actorId: 'chair' });
    expect(await cast(secret.id, 'chair')).toBe('recorded');
  });
});

describe('closing a ballot', () => {
  it('decides by the rules over 应到会, shows counts only after close, marks the topic decided and audits the counts (JY-24b)', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 7, topics: [{ id: 't1' }], signedIn: voters(5) });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'named', actorId: 'chair' });
    for (const [voterId, choice] of [['m1', 'yes'], ['m2', 'yes'], ['m3', 'yes'], ['m4', 'no'], ['chair', 'yes']] as const) {
      await castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice, operationId: opId() });
    }
    const open = await getBallotView(deps, { committeeId, ballotId: ballot.id, viewerId: 'm1' });
    expect(open).toEqual({ ballotId: ballot.id, meetingId, topicId: 't1', method: 'named', state: 'open', chairLast: true, snapshot: ballot.snapshot, voted: 5, eligible: 5 });
    const closed = await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(closed.result).toMatchObject({ counts: { yes: 4, no: 1, abstain: 0 }, voters: 5, eligible: 5, passed: true, quorate: true, requiredYes: 4 });
    const view = await getBallotView(deps, { committeeId, ballotId: ballot.id, viewerId: 'obs1' });
    expect(view.choices).toEqual([
      { memberId: 'm1', choice: 'yes' }, { memberId: 'm2', choice: 'yes' }, { memberId: 'm3', choice: 'yes' }, { memberId: 'm4', choice: 'no' }, { memberId: 'chair', choice: 'yes' },
    ]);
    expect((await getDoc(ctx.redis, committeeId, TOPICS, 't1'))?.status).toBe('decided');
    const entry = (await readAuditLog(ctx.redis, committeeId)).at(-1);
    expect(entry).toMatchObject({ action: 'ballot.close', data: { counts: { yes: 4, no: 1, abstain: 0 }, passed: true } });
    expect(await verifyAuditLog(ctx.redis, committeeId)).toMatchObject({ ok: true });
  });

  it('records absent members\' written opinions without counting them (JY-24c, TC13)', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, {
      members: 7, topics: [{ id: 't1' }], signedIn: ['chair', 'm1', 'm2', 'm3'],
      writtenOpinions: [{ memberId: 'm4', topicIds: ['t1'] }, { memberId: 'm5', topicIds: ['t1'] }, { memberId: 'm6', topicIds: ['t1'] }],
    });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'hands', actorId: 'chair' });
    for (const [voterId, choice] of [['m1', 'yes'], ['m2', 'yes'], ['m3', 'no'], ['chair', 'yes']] as const) {
      await castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice, operationId: opId() });
    }
    const { result } = await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(result).toMatchObject({ counts: { yes: 3, no: 1 }, passed: false, writtenOpinions: 3 });
    expect(result?.flags).toContain('WRITTEN_OPINIONS_NOT_COUNTED');
  });

  it('is idempotent, and a close interrupted after the flip is finished by the next call', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    for (const id of voters(5)) await castVote(deps, { committeeId, ballotId: ballot.id, voterId: id, choice: 'yes', operationId: opId() });
    // Simulate a crash right after the flip: closed, counts frozen, no result stored yet.
    const flipped = await closeInStore(ctx.redis, ballotKeys(committeeId, ballot.id), TEST_SEEN_KEY, ballot.version, JSON.stringify({ ...ballot, state: 'closed', closedAt: ballot.openedAt, version: ballot.version + 1 }));
    expect(flipped).toMatchObject({ status: 'CLOSED', voted: 5 });
    expect((await getBallotView(deps, { committeeId, ballotId: ballot.id, viewerId: 'm1' })).result).toBeUndefined();
    const first = await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    const second = await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(first.result).toMatchObject({ counts: { yes: 5 }, passed: true });
    expect(second).toEqual(first);
    expect((await readAuditLog(ctx.redis, committeeId)).filter((e) => e.action === 'ballot.close')).toHaveLength(1);
  });

  it('refuses to publish a result when the counts and the voters disagree, and logs ids only', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'no', operationId: opId() });
    await ctx.redis.hincrby(ballotKeys(committeeId, ballot.id).tally, 'yes', 1);
    await expect(closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' })).rejects.toBeInstanceOf(StoreCorruptError);
    const line = deps.log.lines.find((l) => l.includes('invariant'));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 'error', ballotId: ballot.id, sum: 2, voted: 1 });
    expect((await getDoc(ctx.redis, committeeId, TOPICS, 't1'))?.status).toBe('scheduled');
  });
});

describe('after the vote', () => {
  it('lets the chair defer a close vote on a major item, and only then (A21, NT-3.6d, TC14)', async () => {
    const deps = testDeps(ctx.redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 6, topics: [{ id: 't1', kind: 'major' }, { id: 't2' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    for (const [i, id] of voters(6).entries()) await castVote(deps, { committeeId, ballotId: ballot.id, voterId: id, choice: i < 3 ? 'yes' : 'no', operationId: opId() });
    const closed = await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(closed.result).toMatchObject({ passed: false });
    expect(closed.result?.flags).toContain('CLOSE_VOTE_DEFER');
    expect(await refusalOf(deferItem(deps, { committeeId, ballotId: ballot.id, actorId: 'm1' }))).toBe('NOT_CHAIR');
    const deferred = await deferItem(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(deferred.deferredAt).toBeDefined();
    expect((await getDoc(ctx.redis, committeeId, TOPICS, 't1'))?.status).toBe('deferred');
    const plain = await openBallot(deps, { committeeId, meetingId, topicId: 't2', method: 'hands', actorId: 'chair' });
    for (const id of voters(6).slice(1)) await castVote(deps, { committeeId, ballotId: plain.id, voterId: id, choice: 'yes', operationId: opId() });
    await castVote(deps, { committeeId, ballotId: plain.id, voterId: 'chair', choice: 'yes', operationId: opId() });
    await closeBallot(deps, { committeeId, ballotId: plain.id, actorId: 'chair' });
    expect(await refusalOf(deferItem(deps, { committeeId, ballotId: plain.id, actorId: 'chair' }))).toBe('NOT_DEFERRABLE');
  });

  it('records a voter\'s reserved opinion on an open vote, audited without the text, and refuses it for a secret one (NT-5.2)', async () => {
    const deps = testDeps(ctx.redis);
    const signedIn = voters(5).filter((id) => id !== 'm4');
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }, { id: 't2' }], signedIn });
    const named = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'named', actorId: 'chair' });
    const text = '对资金来源持保留意见';
    const stored = await recordReservedOpinion(deps, { committeeId, ballotId: named.id, memberId: 'm2', text });
    expect(stored.entries).toEqual([{ memberId: 'm2', text, at: expect.any(String) as string }]);
    expect((await getDoc(ctx.redis, committeeId, RESERVED_OPINIONS, named.id))?.entries).toHaveLength(1);
    const entry = (await readAuditLog(ctx.redis, committeeId)).at(-1);
    expect(entry).toMatchObject({ actor: 'm2', action: 'ballot.reserveOpinion', subject: named.id });
    expect(JSON.stringify(entry)).not.toContain(text);
    expect(await refusalOf(recordReservedOpinion(deps, { committeeId, ballotId: named.id, memberId: 'obs1', text }))).toBe('NOT_VOTING_MEMBER');
    expect(await refusalOf(recordReservedOpinion(deps, { committeeId, ballotId: named.id, memberId: 'm4', text }))).toBe('NOT_ELIGIBLE');
    const secret = await openBallot(deps, { committeeId, meetingId, topicId: 't2', method: 'secret', actorId: 'chair' });
    expect(await refusalOf(recordReservedOpinion(deps, { committeeId, ballotId: secret.id, memberId: 'm2', text }))).toBe('SECRET_BALLOT_NO_RESERVATION');
  });
});
