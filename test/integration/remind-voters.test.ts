/**
 * 提醒未投票 against real Redis: the list is the electorate minus the voted bitmap, whatever was
 * chosen and in whatever order; two taps at once send one reminder; a re-run of the same tap gets
 * the same list again; once the interval has run out (the claim's TTL, shortened here as time
 * passing would) the next tap reminds again; no key written names a member.
 */
import { describe, expect, it } from 'vitest';
import { remindBallotNonVoters, type NonVoterReminder } from '../../src/services/remind-voters.js';
import { castVote, openBallot } from '../../src/services/voting.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { useRedis } from '../support/store.js';
import { refusalOf } from '../support/refusal.js';
import { opId, seedMeeting, testDeps } from './voting-fixtures.js';

const ctx = useRedis();

async function secretBallotWith(cast: [string, 'yes' | 'no' | 'abstain'][]) {
  const deps = testDeps(ctx.redis);
  const { committeeId, meetingId } = await seedMeeting(deps, { members: 7, topics: [{ id: 't1', kind: 'personnel' }] });
  const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
  for (const [voterId, choice] of cast) await castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice, operationId: opId() });
  const remind = (operationId = opId(), actorId = 'chair') => remindBallotNonVoters(deps, { committeeId, ballotId: ballot.id, actorId, operationId });
  return { deps, committeeId, ballotId: ballot.id, remind };
}

const idsOf = (outcome: NonVoterReminder): string[] | string => (outcome.status === 'remind' ? outcome.members.map((m) => m.id) : outcome.status);

describe('remindBallotNonVoters', () => {
  it('lists the electorate minus the voters, the same whatever they chose and in whatever order', async () => {
    const a = await secretBallotWith([['m3', 'no'], ['m1', 'yes'], ['chair', 'abstain']]);
    const b = await secretBallotWith([['chair', 'yes'], ['m1', 'no'], ['m3', 'yes']]);
    const first = await a.remind();
    expect(first).toMatchObject({ status: 'remind', secret: true });
    expect(idsOf(first)).toEqual(['m2', 'm4', 'm5', 'm6']);
    expect(idsOf(await b.remind())).toEqual(['m2', 'm4', 'm5', 'm6']);
  });

  it('sends once for two taps at once; a re-run of the winning tap gets its list again', async () => {
    const { remind } = await secretBallotWith([['m1', 'yes']]);
    const [x, y] = [opId(), opId()];
    const outcomes = await Promise.all([remind(x), remind(y)]);
    expect(outcomes.filter((o) => o.status === 'remind')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'recent')).toEqual([{ status: 'recent', waitMinutes: 10 }]);
    const winner = outcomes[0]?.status === 'remind' ? x : y;
    expect(idsOf(await remind(winner))).toEqual(['chair', 'm2', 'm3', 'm4', 'm5', 'm6']);
  });

  it('reminds again once the interval has run out, without those who voted since', async () => {
    const { remind, committeeId, ballotId, deps } = await secretBallotWith([]);
    expect(idsOf(await remind())).toHaveLength(7);
    await castVote(deps, { committeeId, ballotId, voterId: 'm4', choice: 'no', operationId: opId() });
    expect((await remind()).status).toBe('recent');
    const key = ballotKeys(committeeId, ballotId).remind;
    const ttl = await ctx.redis.pttl(key);
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    // The claim holds an operation id only: no member, no choice.
    expect(await ctx.redis.get(key)).toMatch(/^op-/);
    await ctx.redis.pexpire(key, 1);
    await new Promise((r) => setTimeout(r, 10));
    expect(idsOf(await remind())).toEqual(['chair', 'm1', 'm2', 'm3', 'm5', 'm6']);
  });

  it('refuses anyone but the meeting\'s chair before it claims anything', async () => {
    const { remind, committeeId, ballotId } = await secretBallotWith([]);
    expect(await refusalOf(remind(opId(), 'm1'))).toBe('NOT_CHAIR');
    expect(await refusalOf(remind(opId(), 'clerk1'))).toBe('NOT_CHAIR');
    expect(await ctx.redis.exists(ballotKeys(committeeId, ballotId).remind)).toBe(0);
    expect((await remind()).status).toBe('remind');
  });
});
