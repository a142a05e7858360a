/**
 * The quorum view and voting read presence and written opinions from one function: on the tricky
 * cases (observers and clerks signed in, a member excluded by decision, leave pending / approved /
 * recorded / rejected, a member on leave who came after all, a voting member who signed in as an
 * observer) both report the same 应到会, present and written-opinion counts, in any document order.
 */
import { describe, expect, it } from 'vitest';
import type { Attendance, Meeting, Member, Topic } from '../../src/domain/index.js';
import { NotQuorateError } from '../../src/errors.js';
import { itemQuorum } from '../../src/services/attendance-quorum.js';
import { signIn } from '../../src/services/attendance.js';
import { createCommittee } from '../../src/services/committees.js';
import { closeBallot, openBallot } from '../../src/services/voting.js';
import { commit } from '../../src/store/doc-store.js';
import { ATTENDANCE, attendanceId, docKey, indexKey, MEETINGS, TOPICS } from '../../src/store/repos.js';
import { freshId, useRedis } from '../support/store.js';
import { AT, testDeps } from './voting-fixtures.js';

const ctx = useRedis();

const ROSTER: Member[] = [
  { id: 'chair', openId: 'ou_chair', name: '书记', role: 'chair' },
  ...['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'].map((id) => ({ id, openId: `ou_${id}`, name: `委员${id}`, role: 'member' as const })),
  { id: 'mx', openId: 'ou_mx', name: '委员mx', role: 'member', excludedByDecision: 'D-2025-3' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '秘书', role: 'clerk' },
  { id: 'obs1', openId: 'ou_obs1', name: '列席', role: 'observer' },
];

type Leave = NonNullable<Attendance['leave']>['status'];
const leave = (status: Leave, topicId: string): Pick<Attendance, 'leave'> => ({
  leave: { reason: '出差', status, requestedAt: AT, writtenOpinions: [{ topicId, text: '同意' }] },
});
const signed = (as: Attendance['signedInAs']): Pick<Attendance, 'signedInAt' | 'signedInAs'> => ({ signedInAt: AT, signedInAs: as });

/** Who did what, by person: `t1` is the topic voted on. */
const CASES: Record<string, Partial<Attendance>> = {
  chair: signed('voting'),
  m1: signed('voting'),
  m2: signed('voting'),
  m3: signed('observer'), // joined the roster after signing in as a guest: attends, does not count
  m4: leave('pending', 't1'), // not yet approved: absent, opinion not an absentee's
  m5: leave('approved', 't1'), // on leave: opinion recorded
  m6: leave('recorded', 't1'), // no approver named: stands as filed, opinion recorded
  m7: { ...leave('approved', 't1'), ...signed('voting') }, // on leave, came after all: present
  m8: leave('rejected', 't1'), // leave withdrawn by the chair's refusal: absent
  m9: leave('approved', 't2'), // on leave, opinion on another topic only
  mx: { ...leave('approved', 't1'), ...signed('voting') }, // excluded by decision: neither N nor present
  clerk1: signed('clerk'),
  obs1: signed('observer'),
};

async function seed(order: string[]): Promise<{ committeeId: string; deps: ReturnType<typeof testDeps> }> {
  const deps = testDeps(ctx.redis);
  const { id: committeeId } = await createCommittee(deps, { chatId: freshId('oc'), name: '党组', profileId: 'JY', roster: ROSTER, actorOpenId: 'ou_clerk1' });
  const meeting: Meeting = {
    version: 0, id: 'mtg1', committeeId, title: '党组会议', kind: 'regular', status: 'inProgress', startsAt: AT,
    agenda: ['t1', 't2'].map((topicId) => ({ topicId, addedAtMeeting: false, ballotIds: [] })),
    observers: [], noticeFlags: [], objections: [], createdBy: 'clerk1', chairId: 'chair',
  };
  const topic = (id: string): Topic => ({
    version: 0, id, committeeId, title: `议题${id}`, kind: 'general', status: 'scheduled', submittedBy: 'clerk1', submittedAt: AT,
    materials: [], needsOptions: false, options: [], recusals: [], meetingId: 'mtg1',
  });
  const attendance = (memberId: string): Attendance => ({ version: 0, meetingId: 'mtg1', memberId, ...CASES[memberId] });
  const ok = await commit(deps.redis, {
    committeeId, at: new Date(AT), audit: null,
    docs: [
      { key: docKey(committeeId, MEETINGS, 'mtg1'), value: meeting },
      ...['t1', 't2'].map((id) => ({ key: docKey(committeeId, TOPICS, id), value: topic(id) })),
      ...order.map((id) => ({ key: docKey(committeeId, ATTENDANCE, attendanceId('mtg1', id)), value: attendance(id) })),
    ],
    indexes: [
      { key: indexKey(committeeId, MEETINGS), member: 'mtg1' },
      ...['t1', 't2'].map((id) => ({ key: indexKey(committeeId, TOPICS), member: id })),
      ...order.map((id) => ({ key: indexKey(committeeId, ATTENDANCE, 'mtg1'), member: attendanceId('mtg1', id) })),
    ],
  });
  if (!ok) throw new Error('seed conflict');
  return { committeeId, deps };
}

describe('presence and written opinions, seen by the quorum view and by voting', () => {
  const people = Object.keys(CASES);
  it.each([
    ['as listed', people],
    ['reversed', [...people].reverse()],
    ['interleaved', [...people.filter((_, i) => i % 2 === 1), ...people.filter((_, i) => i % 2 === 0)]],
  ])('agree on every tricky case (%s)', async (_label, order) => {
    const { committeeId, deps } = await seed(order);
    const quorum = await itemQuorum(deps, { committeeId, meetingId: 'mtg1', topicId: 't1', viewerId: 'clerk1' });
    expect(quorum.roster.members).toEqual(['chair', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    expect(quorum.roster.present).toEqual(['chair', 'm1', 'm2', 'm7']);
    expect(quorum.roster.onLeave).toEqual(['m5', 'm6', 'm9']);
    expect(quorum.roster.leavePending).toEqual(['m4']);
    expect(quorum.roster.absent).toEqual(['m3', 'm4', 'm8']);
    expect(quorum.roster.observers.sort()).toEqual(['m3', 'obs1']);
    expect(quorum.roster.clerks).toEqual(['clerk1']);
    expect(quorum.writtenOpinions.map((o) => o.memberId).sort()).toEqual(['m5', 'm6']);

    // 4 of 10 present is short of 半数以上: voting refuses with the quorum view's own figures.
    const refused = await openBallot(deps, { committeeId, meetingId: 'mtg1', topicId: 't1', method: 'hands', actorId: 'chair' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotQuorateError);
    expect((refused as NotQuorateError).shortfall).toMatchObject({ required: quorum.decision.requiredPresent, present: quorum.roster.present.length });

    // m8 (leave refused) comes after all: now both see 5 present, and the ballot and the view agree.
    await signIn(deps, { committeeId, meetingId: 'mtg1', actorId: 'm8' });
    const after = await itemQuorum(deps, { committeeId, meetingId: 'mtg1', topicId: 't1', viewerId: 'clerk1' });
    expect(after.roster.present).toEqual(['chair', 'm1', 'm2', 'm7', 'm8']);
    const ballot = await openBallot(deps, { committeeId, meetingId: 'mtg1', topicId: 't1', method: 'hands', actorId: 'chair' });
    expect(ballot.snapshot).toEqual({ members: after.roster.members.length, present: after.roster.present.length, recused: after.recused.length });
    const closed = await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(closed.result?.writtenOpinions).toBe(after.writtenOpinions.length);
    expect(closed.result?.writtenOpinions).toBe(after.decision.writtenOpinions);
    expect(after.writtenOpinions.map((o) => o.memberId).sort()).toEqual(['m5', 'm6']);
  });
});
