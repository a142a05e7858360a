/**
 * The vote card families at 50 members and 20 agenda items with titles near their limit: each
 * passes the stand-in's card check and stays under 30 KB once sealed, and what each shows of the
 * choices is what its family promises (a cast secret ballot shows no choice at all).
 */
import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { sealCard } from '../../src/bot/seal.js';
import type { BallotResult } from '../../src/domain/index.js';
import type { Card } from '../../cards/types.js';
import { buildChairingCard, buildOpenVoteCard, buildSecretBallotCard, buildVoteProgressCard, type VoteView } from '../../cards/vote-cards.js';
import { buildVoteResultCard, toVoteResultView } from '../../cards/vote-result-card.js';
import { bigCommittee, bigTopics, C, longTitle } from './fixtures.js';
import { callbackValues } from './walk.js';

const key = deriveActionKeys({ current: 'test-secret', previous: null });
const sealed = (card: Card): Card => sealCard(card, (v) => signActionValue(key, v));
const fits = (card: Card): void => {
  const out = sealed(card);
  expect(checkCard(out)).toBeUndefined();
  expect(Buffer.byteLength(JSON.stringify(out), 'utf8')).toBeLessThan(30 * 1024);
};

const committee = bigCommittee();
const voters = committee.roster.filter((m) => m.role !== 'clerk' && m.role !== 'observer').map((m) => m.id);
const vote: VoteView = {
  committeeId: C, ballotId: 'b1', title: longTitle(1), index: 20, method: 'hands', addedAtMeeting: true,
  voted: 12, eligible: 40, open: true, chairLast: true, chairLastBasis: ['JY-24d', 'A8'],
};
const result = (roll: boolean): BallotResult => ({
  counts: { yes: 30, no: 6, abstain: 4 }, voters: 40, eligible: 40, passed: true, quorate: true, flags: ['CLOSE_VOTE_DEFER'], errors: [],
  basis: ['JY-24b'], requiredYes: 21, writtenOpinions: 3,
  ...(roll ? { roll: voters.map((memberId, i) => ({ memberId, choice: (['yes', 'no', 'abstain'] as const)[i % 3] ?? 'yes' })) } : {}),
});

describe('the vote cards at 50 members and 20 items', () => {
  it('会议主持 with 表决 on every other item and 暂缓 and 复议 on the rest (a decided item is not voted again)', () => {
    const card = buildChairingCard({
      committeeId: C, meetingId: 'mt1', title: '2026年第12次党组会议', closed: false,
      items: bigTopics().map((t, i) => ({ topicId: t.id, index: i + 1, title: t.title, kind: t.kind, status: t.status, addedAtMeeting: i % 2 === 0, voting: false, can: { vote: i % 2 === 0, defer: i % 2 === 1, reconsider: i % 2 === 1 } })),
    });
    fits(card);
    expect(callbackValues(card).filter((v) => v.a === 'chair.vote')).toHaveLength(10);
    expect(callbackValues(card).filter((v) => v.a === 'chair.reconsider')).toHaveLength(10);
    expect(JSON.stringify(card)).toContain('【临时动议】');
  });

  it('表决, 表决进度 and both sides of 无记名投票', () => {
    const open = buildOpenVoteCard(vote);
    fits(open);
    expect(JSON.stringify(open)).toContain('已表决 12 / 40');
    expect(JSON.stringify(open)).toContain('末位表态');
    const progress = buildVoteProgressCard({ ...vote, method: 'secret' });
    fits(progress);
    expect(callbackValues(progress).map((v) => v.a)).toEqual(['ballot.close', 'ballot.remind']);
    expect(callbackValues(open).map((v) => v.a)).toEqual(['ballot.cast', 'ballot.cast', 'ballot.cast', 'ballot.close', 'ballot.remind']);
    expect(callbackValues(buildOpenVoteCard({ ...vote, open: false }))).toEqual([]);
    const ballot = buildSecretBallotCard({ ...vote, method: 'secret' }, false);
    fits(ballot);
    expect(JSON.stringify(ballot).match(/无记名投票提交后不能更改/g)).toHaveLength(3);
    const cast = buildSecretBallotCard({ ...vote, method: 'secret' }, true);
    fits(cast);
    expect(JSON.stringify(cast)).toContain('已投票');
    expect(JSON.stringify(cast)).not.toMatch(/赞成|反对|弃权/);
    expect(callbackValues(cast)).toEqual([]);
    // Closed, it is one card for every recipient: voted or not, it says the vote is over and where the result is.
    const closed = buildSecretBallotCard({ ...vote, method: 'secret', open: false }, true);
    fits(closed);
    expect(JSON.stringify(closed)).toBe(JSON.stringify(buildSecretBallotCard({ ...vote, method: 'secret', open: false }, false)));
    expect(JSON.stringify(closed)).toContain('表决结果');
    expect(JSON.stringify(closed)).not.toMatch(/已投票|赞成|反对|弃权/);
    expect(callbackValues(closed)).toEqual([]);
  });

  it('表决结果 of a named vote lists who chose what; of a secret one only who took part', () => {
    const ids = { meetingId: 'mt1', topicId: 't1', snapshot: { members: 45, present: 42, recused: 2 } };
    const named = buildVoteResultCard(toVoteResultView(committee, { ...ids, method: 'named', result: result(true) }, { title: longTitle(2), index: 20, addedAtMeeting: false }, { defer: true }));
    fits(named);
    const text = JSON.stringify(named);
    expect(text).toContain('应到 45 人 · 实到 42 人 · 回避 2 人 · 收到书面意见 3 份');
    expect(text).toContain('**反对**：');
    expect(callbackValues(named).map((v) => v.a)).toEqual(['chair.defer']);
    const secret = buildVoteResultCard(toVoteResultView(committee, { ...ids, method: 'secret', result: result(false), participants: voters }, { title: longTitle(3), index: 1, addedAtMeeting: false }, { defer: false }));
    fits(secret);
    expect(JSON.stringify(secret)).toContain('**参加投票**：');
    expect(JSON.stringify(secret)).not.toContain('**反对**：');
  });
});
