import { describe, expect, it } from 'vitest';
import { itemQuorum } from '../../src/services/attendance-quorum.js';
import { decideMeetingLeave, requestMeetingLeave, rsvp, signIn } from '../../src/services/attendance.js';
import { attendanceOf } from '../../src/services/loaders.js';
import { changeCommittee } from '../../src/services/committees.js';
import { closeMeeting, delegateChair, startMeeting } from '../../src/services/meetings.js';
import { sendNotice } from '../../src/services/meetings-notice.js';
import { addRecusal } from '../../src/services/topics.js';
import type { ProfileId } from '../../src/rules/index.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { ATTENDANCE, attendanceId, getDoc } from '../../src/store/repos.js';
import { useRedis } from '../support/store.js';
import { committee, meetingWithAgenda, refusedUnchanged, roster, snapshot, testDeps } from './meeting-fixture.js';

const ctx = useRedis();
const MEETING = '2025-06-18T09:00:00+08:00';
const deps = () => testDeps(ctx.redis, '2025-06-10T09:00:00+08:00');

/** A committee of `profileId` with a noticed meeting (observer obs1 invited) whose agenda holds `topics`. */
async function noticedMeeting(profileId: ProfileId, voting = 5, topics: ('general' | 'personnel' | 'major')[] = ['general']) {
  const d = deps();
  const c = await committee(d, profileId, voting);
  const { meeting, topics: onAgenda } = await meetingWithAgenda(d, c, { startsAt: MEETING, topics, observers: ['obs1'] });
  await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
  return { d, c, meetingId: meeting.id, topicIds: onAgenda.map((t) => t.id) };
}

describe('RSVP', () => {
  it('a member and an invited observer answer; answering the same again writes nothing', async () => {
    const { d, c, meetingId } = await noticedMeeting('JY');
    const answer = await rsvp(d, { committeeId: c, meetingId, actorId: 'm1', answer: 'attend' });
    expect(answer).toEqual({ version: 1, meetingId, memberId: 'm1', rsvp: 'attend' });
    expect(await getDoc(ctx.redis, c, ATTENDANCE, attendanceId(meetingId, 'm1'))).toEqual(answer);
    await rsvp(d, { committeeId: c, meetingId, actorId: 'obs1', answer: 'absent' });
    const before = await snapshot(ctx.redis, c);
    expect((await rsvp(d, { committeeId: c, meetingId, actorId: 'm1', answer: 'attend' })).version).toBe(1);
    expect(await snapshot(ctx.redis, c)).toEqual(before);
    expect((await attendanceOf(d, c, meetingId)).map((a) => [a.memberId, a.rsvp])).toEqual([['m1', 'attend'], ['obs1', 'absent']]);
  });

  it('refuses an observer not invited, a stranger, a bad answer and an answer after the start, changing nothing', async () => {
    const { d, c, meetingId } = await noticedMeeting('JY');
    const notInvited = await refusedUnchanged(ctx.redis, c, () => rsvp(d, { committeeId: c, meetingId, actorId: 'obs2', answer: 'attend' }), 'NOT_INVITED');
    expect(notInvited.userMessage).toContain('列席');
    await refusedUnchanged(ctx.redis, c, () => rsvp(d, { committeeId: c, meetingId, actorId: 'stranger', answer: 'attend' }), 'NOT_A_MEMBER');
    await refusedUnchanged(ctx.redis, c, () => rsvp(d, { committeeId: c, meetingId, actorId: 'm1', answer: 'maybe' as never }), 'INVALID_INPUT');
    await startMeeting(d, { committeeId: c, meetingId, actorId: 'chair1' });
    await refusedUnchanged(ctx.redis, c, () => rsvp(d, { committeeId: c, meetingId, actorId: 'm1', answer: 'absent' }), 'INVALID_STATE');
  });
});

describe('meeting leave (JY-23c, NT-3.5c, A7)', () => {
  it.each(['NATIONAL', 'JY', 'NT', 'AJ'] as const)('%s: the leave waits for the chair, who approves it', async (profileId) => {
    const { d, c, meetingId, topicIds } = await noticedMeeting(profileId);
    const asked = await requestMeetingLeave(d, { committeeId: c, meetingId, actorId: 'm1', reason: '赴省里参加培训', reasonKind: 'business', writtenOpinions: [{ topicId: topicIds[0]!, text: '同意该方案' }] });
    expect(asked).toMatchObject({ rsvp: 'absent', leave: { status: 'pending', approvers: ['chair'], reasonKind: 'business', writtenOpinions: [{ topicId: topicIds[0], text: '同意该方案' }] } });
    const approved = await decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'chair1', memberId: 'm1', approve: true });
    expect(approved.leave).toMatchObject({ status: 'approved', decidedBy: 'chair1', decidedAt: '2025-06-10T01:00:00.000Z' });
    const audit = await readAuditLog(ctx.redis, c);
    expect(audit.slice(-2).map((e) => [e.actor, e.action, e.data.status])).toEqual([['m1', 'attendance.leave', 'pending'], ['chair1', 'attendance.leaveDecision', 'approved']]);
    // Written opinions are stored on the attendance, never in the audit log.
    expect(JSON.stringify(audit)).not.toContain('同意该方案');
  });

  it.each(['MS', 'ZY'] as const)('%s (OUT_OF_SCOPE): the leave is recorded and stands without approval', async (profileId) => {
    const { d, c, meetingId } = await noticedMeeting(profileId);
    const asked = await requestMeetingLeave(d, { committeeId: c, meetingId, actorId: 'm1', reason: '因病请假' });
    expect(asked.leave).toMatchObject({ status: 'recorded', approvers: [], reasonKind: 'private' });
    expect(asked.leave?.flags).toContain('OUT_OF_SCOPE');
    await refusedUnchanged(ctx.redis, c, () => decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'chair1', memberId: 'm1', approve: true }), 'INVALID_STATE');
  });

  it('a refused leave may be asked again; the chair may refuse it', async () => {
    const { d, c, meetingId } = await noticedMeeting('NT');
    await requestMeetingLeave(d, { committeeId: c, meetingId, actorId: 'm2', reason: '家中有事' });
    const rejected = await decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'chair1', memberId: 'm2', approve: false });
    expect(rejected.leave).toMatchObject({ status: 'rejected', decidedBy: 'chair1' });
    const again = await requestMeetingLeave(d, { committeeId: c, meetingId, actorId: 'm2', reason: '家中有急事,无法调整' });
    expect(again.leave).toMatchObject({ status: 'pending', reason: '家中有急事,无法调整' });
    expect(again.leave?.decidedBy).toBeUndefined();
  });

  it('refuses an observer, opinions on topics not on the agenda or twice on one topic, a leave after the start, and a second leave once approved', async () => {
    const { d, c, meetingId, topicIds } = await noticedMeeting('JY');
    const ask = (actorId: string, writtenOpinions: { topicId: string; text: string }[] = []) => () =>
      requestMeetingLeave(d, { committeeId: c, meetingId, actorId, reason: '出差', writtenOpinions });
    await refusedUnchanged(ctx.redis, c, ask('obs1'), 'NOT_VOTING_MEMBER');
    await refusedUnchanged(ctx.redis, c, ask('clerk1'), 'NOT_VOTING_MEMBER');
    await refusedUnchanged(ctx.redis, c, ask('m1', [{ topicId: 'topic-elsewhere', text: '同意' }]), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, ask('m1', [{ topicId: topicIds[0]!, text: '同意' }, { topicId: topicIds[0]!, text: '反对' }]), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => requestMeetingLeave(d, { committeeId: c, meetingId, actorId: 'm1', reason: '' }), 'INVALID_INPUT');
    await requestMeetingLeave(d, { committeeId: c, meetingId, actorId: 'm1', reason: '出差' });
    await decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'chair1', memberId: 'm1', approve: true });
    await refusedUnchanged(ctx.redis, c, ask('m1'), 'INVALID_STATE');
    await startMeeting(d, { committeeId: c, meetingId, actorId: 'chair1' });
    const late = await refusedUnchanged(ctx.redis, c, ask('m2'), 'LEAVE_AFTER_START');
    expect(late.userMessage).toContain('会前');
  });

  it('refuses a member or an undelegated vice chair deciding, the chair deciding their own leave, and a decision without a pending leave', async () => {
    const { d, c, meetingId } = await noticedMeeting('NT');
    await requestMeetingLeave(d, { committeeId: c, meetingId, actorId: 'chair1', reason: '另有公务' });
    await requestMeetingLeave(d, { committeeId: c, meetingId, actorId: 'm1', reason: '另有公务' });
    await refusedUnchanged(ctx.redis, c, () => decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'm2', memberId: 'm1', approve: true }), 'NOT_CHAIR');
    await refusedUnchanged(ctx.redis, c, () => decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'chair1', memberId: 'chair1', approve: true }), 'OWN_LEAVE');
    await refusedUnchanged(ctx.redis, c, () => decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'chair1', memberId: 'm3', approve: true }), 'INVALID_STATE');
    await refusedUnchanged(ctx.redis, c, () => decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'vice1', memberId: 'chair1', approve: true }), 'NOT_CHAIR');
    // The chair who will be away asks the vice chair to chair this meeting; then he decides the chair's leave.
    await delegateChair(d, { committeeId: c, meetingId, actorId: 'chair1', viceChairId: 'vice1' });
    expect((await decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'vice1', memberId: 'chair1', approve: true })).leave?.status).toBe('approved');
  });
});

describe('sign-in', () => {
  it('voting members, the clerk and an invited observer sign in, each recorded as what they are; signing in twice writes nothing', async () => {
    const { d, c, meetingId } = await noticedMeeting('JY');
    d.clock.set('2025-06-18T08:50:00+08:00');
    expect(await signIn(d, { committeeId: c, meetingId, actorId: 'm1' })).toMatchObject({ signedInAt: '2025-06-18T00:50:00.000Z', signedInAs: 'voting' });
    expect((await signIn(d, { committeeId: c, meetingId, actorId: 'clerk1' })).signedInAs).toBe('clerk');
    expect((await signIn(d, { committeeId: c, meetingId, actorId: 'obs1' })).signedInAs).toBe('observer');
    const before = await snapshot(ctx.redis, c);
    d.clock.advance(60_000);
    expect((await signIn(d, { committeeId: c, meetingId, actorId: 'm1' })).signedInAt).toBe('2025-06-18T00:50:00.000Z');
    expect(await snapshot(ctx.redis, c)).toEqual(before);
    expect((await readAuditLog(ctx.redis, c)).filter((e) => e.action === 'attendance.signIn').map((e) => [e.actor, e.data.as]))
      .toEqual([['m1', 'voting'], ['clerk1', 'clerk'], ['obs1', 'observer']]);
  });

  it('everyone signing in at once is counted: each lost race is retried, and the audit chain verifies', async () => {
    const { d, c, meetingId, topicIds } = await noticedMeeting('JY', 9);
    const people = ['chair1', 'vice1', ...Array.from({ length: 7 }, (_, i) => `m${i + 1}`), 'clerk1', 'obs1'];
    await Promise.all(people.map((actorId) => signIn(d, { committeeId: c, meetingId, actorId })));
    const result = await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId, topicId: topicIds[0]! });
    expect(result.roster.present).toHaveLength(9);
    expect(result.roster).toMatchObject({ observers: ['obs1'], clerks: ['clerk1'], absent: [] });
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });
  });

  it('refuses an observer not invited, a regular meeting before its notice and a closed meeting, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING, observers: ['obs1'] });
    await refusedUnchanged(ctx.redis, c, () => signIn(d, { committeeId: c, meetingId: meeting.id, actorId: 'm1' }), 'INVALID_STATE');
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    await refusedUnchanged(ctx.redis, c, () => signIn(d, { committeeId: c, meetingId: meeting.id, actorId: 'obs2' }), 'NOT_INVITED');
    await refusedUnchanged(ctx.redis, c, () => signIn(d, { committeeId: c, meetingId: 'meeting-none', actorId: 'm1' }), 'NOT_FOUND');
    await startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    await closeMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    await refusedUnchanged(ctx.redis, c, () => signIn(d, { committeeId: c, meetingId: meeting.id, actorId: 'm1' }), 'INVALID_STATE');
  });
});

describe('per-item quorum', () => {
  it('TC24 (JY-25, NT-3.5a): JY N=5 with 2 members and 2 observers signed in is not quorate, needs 3; observers never count', async () => {
    const d = deps();
    const c = await committee(d, 'JY', 5);
    const { meeting, topics } = await meetingWithAgenda(d, c, { startsAt: MEETING, observers: ['obs1', 'obs2'], kind: 'enlarged' });
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    for (const id of ['chair1', 'm1', 'obs1', 'obs2']) await signIn(d, { committeeId: c, meetingId: meeting.id, actorId: id });
    const before = (await readAuditLog(ctx.redis, c)).length;
    const result = await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId: meeting.id, topicId: topics[0]!.id });
    expect(result.decision).toMatchObject({ participants: 2, base: 5, requiredPresent: 3, quorate: false });
    expect(result.roster).toEqual({
      members: ['chair1', 'vice1', 'm1', 'm2', 'm3'], present: ['chair1', 'm1'], onLeave: [], leavePending: [],
      absent: ['vice1', 'm2', 'm3'], observers: ['obs1', 'obs2'], clerks: [],
    });
    expect(await readAuditLog(ctx.redis, c)).toHaveLength(before);
    await signIn(d, { committeeId: c, meetingId: meeting.id, actorId: 'm2' });
    expect((await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId: meeting.id, topicId: topics[0]!.id })).decision.quorate).toBe(true);
  });

  it('approved leaves bring written opinions (shown, not counted); a pending leave does not; a member on leave who comes is present', async () => {
    const { d, c, meetingId, topicIds } = await noticedMeeting('NT', 6, ['personnel']);
    const topicId = topicIds[0]!;
    for (const id of ['m1', 'm2', 'm3']) {
      await requestMeetingLeave(d, { committeeId: c, meetingId, actorId: id, reason: '出差', writtenOpinions: [{ topicId, text: `${id}同意` }] });
    }
    await decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'chair1', memberId: 'm1', approve: true });
    await decideMeetingLeave(d, { committeeId: c, meetingId, actorId: 'chair1', memberId: 'm2', approve: true });
    for (const id of ['chair1', 'vice1', 'm2', 'm4']) await signIn(d, { committeeId: c, meetingId, actorId: id });
    const result = await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId, topicId, method: 'secret' });
    expect(result.roster).toMatchObject({ present: ['chair1', 'vice1', 'm2', 'm4'], onLeave: ['m1'], leavePending: ['m3'], absent: ['m3'] });
    expect(result.writtenOpinions).toEqual([{ memberId: 'm1', text: 'm1同意' }]);
    expect(result.decision).toMatchObject({ participants: 4, requiredPresent: 4, quorate: true, writtenOpinions: 1, requiredYes: 4 });
    expect(result.decision.flags).toContain('WRITTEN_OPINIONS_NOT_COUNTED');
  });

  it('a present recused member leaves the participants (A6); an absent one changes nothing', async () => {
    const { d, c, meetingId, topicIds } = await noticedMeeting('JY', 7, ['personnel']);
    const topicId = topicIds[0]!;
    for (const id of ['chair1', 'vice1', 'm1', 'm2', 'm3']) await signIn(d, { committeeId: c, meetingId, actorId: id });
    await addRecusal(d, { committeeId: c, topicId, actorId: 'clerk1', memberId: 'm5', reason: '涉及亲属' });
    const absentRecused = await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId, topicId });
    expect(absentRecused).toMatchObject({ recused: [], decision: { participants: 5, requiredPresent: 5, quorate: true } });
    await addRecusal(d, { committeeId: c, topicId, actorId: 'm1', memberId: 'm1', reason: '本人为推荐人选' });
    const presentRecused = await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId, topicId });
    expect(presentRecused).toMatchObject({ recused: ['m1'], decision: { participants: 4, base: 7, quorate: false } });
  });

  it('N counts voting members in post only: a member excluded by a recorded decision is not 应到会 (A19)', async () => {
    const { d, c, meetingId, topicIds } = await noticedMeeting('JY', 5);
    const changed = roster(5).map((m) => (m.id === 'm3' ? { ...m, excludedByDecision: 'decision-2025-07' } : m));
    await changeCommittee(d, { committeeId: c, actorId: 'clerk1', roster: changed });
    for (const id of ['chair1', 'm1']) await signIn(d, { committeeId: c, meetingId, actorId: id });
    const result = await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId, topicId: topicIds[0]! });
    expect(result.roster.members).toEqual(['chair1', 'vice1', 'm1', 'm2']);
    expect(result.decision).toMatchObject({ base: 4, requiredPresent: 2, quorate: true });
    await refusedUnchanged(ctx.redis, c, () => signIn(d, { committeeId: c, meetingId, actorId: 'm3' }), 'NOT_INVITED');
  });

  it('refuses a topic not on the agenda and an unknown method', async () => {
    const { d, c, meetingId, topicIds } = await noticedMeeting('JY');
    await refusedUnchanged(ctx.redis, c, () => itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId, topicId: 'topic-none' }), 'NOT_FOUND');
    await refusedUnchanged(ctx.redis, c, () => itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId, topicId: topicIds[0]!, method: 'telepathy' as never }), 'INVALID_INPUT');
  });
});
