import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../src/errors.js';
import { castVote, closeBallot, openBallot } from '../../src/services/voting.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { turnout } from '../../src/store/ballots.js';
import { useRedis } from '../support/store.js';
import { opId, seedMeeting, testDeps, voters } from './voting-fixtures.js';

const ctx = useRedis();
const CHOICES = ['yes', 'no', 'abstain'] as const;

interface Cast { ballot: number; voterId: string; choice: string; operationId: string; kind: 'first' | 'retry' | 'duplicate' }

describe('concurrent casting', () => {
  it('500 concurrent casts over 5 ballots of 100 voters, with retries and duplicate clicks, give exact tallies', async () => {
    const deps = testDeps(ctx.redis);
    const topics = ['t0', 't1', 't2', 't3', 't4'].map((id) => ({ id }));
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 100, topics });
    const methods = ['secret', 'secret', 'named', 'secret', 'hands'] as const;
    const ballots = await Promise.all(topics.map((t, i) => openBallot(deps, { committeeId, meetingId, topicId: t.id, method: methods[i] ?? 'secret', actorId: 'chair' })));
    const everyone = voters(100);
    const choiceOf = (ballot: number, index: number): string => CHOICES[(ballot * 7 + index) % 3] ?? 'yes';

    const casts: Cast[] = [];
    for (const [b] of ballots.entries()) {
      for (const [i, voterId] of everyone.entries()) {
        // In the open votes the chair speaks last: cast after the flood.
        if (voterId === 'chair' && methods[b] !== 'secret') continue;
        const first = { ballot: b, voterId, choice: choiceOf(b, i), operationId: opId(), kind: 'first' as const };
        casts.push(first);
        if (i % 5 === 1) casts.push({ ...first, kind: 'retry' });
        if (i % 5 === 3) casts.push({ ...first, operationId: opId(), kind: 'duplicate' });
      }
    }
    casts.sort(() => Math.random() - 0.5);
    const outcomes = await Promise.all(casts.map(async (c) => {
      try {
        return await castVote(deps, { committeeId, ballotId: ballots[c.ballot]?.id ?? '', voterId: c.voterId, choice: c.choice, operationId: c.operationId });
      } catch (error) {
        if (error instanceof RefusedError) return error.refusal;
        throw error;
      }
    }));
    for (const [b, ballot] of ballots.entries()) {
      if (methods[b] !== 'secret') await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'chair', choice: choiceOf(b, 0), operationId: opId() });
    }

    const byKind = (kind: Cast['kind']) => casts.map((c, i) => ({ c, o: outcomes[i] })).filter((x) => x.c.kind === kind);
    expect(byKind('first').length + byKind('duplicate').length + byKind('retry').length).toBe(casts.length);
    // 500 first casts: 498 in the flood, the two chairs of the open votes after it.
    expect(casts.filter((c) => c.kind === 'first').length).toBe(498);
    // A retry of the same operation always gets "recorded", whether it ran before or after its first.
    expect(byKind('retry').every((x) => x.o === 'recorded')).toBe(true);
    // A second click with a new operation id: exactly one of the pair is recorded, the other refused.
    for (const { c, o } of byKind('duplicate')) {
      const firstOutcome = byKind('first').find((x) => x.c.ballot === c.ballot && x.c.voterId === c.voterId)?.o;
      expect([o, firstOutcome].sort()).toEqual(['ALREADY_VOTED', 'recorded']);
    }
    expect(byKind('first').every((x) => x.o === 'recorded' || x.o === 'ALREADY_VOTED')).toBe(true);

    for (const [b, ballot] of ballots.entries()) {
      const expected = { yes: 0, no: 0, abstain: 0 };
      for (const [i] of everyone.entries()) expected[choiceOf(b, i) as keyof typeof expected] += 1;
      const closed = await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
      expect(closed.result).toMatchObject({ counts: expected, voters: 100, eligible: 100 });
      expect((await turnout(ctx.redis, ballotKeys(committeeId, ballot.id))).voted).toBe(100);
    }
  });
});
