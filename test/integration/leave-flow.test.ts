// What the leave conversations read: the applicant's role in the rules' vocabulary, the next
// meeting to be absent from, who holds a general leave's waiting step, and the leave to 销假.
import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/domain/index.js';
import { createCommittee } from '../../src/services/committees.js';
import { loadCommittee } from '../../src/services/context.js';
import { actOnLeave, fileLeave, returnFromLeave, setApprovers } from '../../src/services/leave.js';
import { applicantRoleOf, askMeetingLeave, leaveToReturn, nextMeetingOf, requestGeneralLeave, stepActorsOf, waitingStepHolders } from '../../src/services/leave-flow.js';
import { scheduleMeeting } from '../../src/services/meetings.js';
import { freshId, useRedis } from '../support/store.js';
import { committee, meetingWithAgenda, refusedUnchanged, snapshot, testDeps } from './meeting-fixture.js';

const ctx = useRedis();
const deps = () => testDeps(ctx.redis, '2026-12-01T02:00:00Z');

const AJ: Member[] = [
  { id: 'dir', openId: 'ou_dir', name: '周主任', role: 'chair' },
  { id: 'dep', openId: 'ou_dep', name: '吴副主任', role: 'viceChair' },
  { id: 'head', openId: 'ou_head', name: '郑科长', role: 'member' },
  { id: 's1', openId: 'ou_s1', name: '王干事', role: 'member' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
];
const ZY: Member[] = [
  { id: 'cp', openId: 'ou_cp', name: '陈书记', role: 'chair' },
  { id: 'lead1', openId: 'ou_lead1', name: '林常委', role: 'member' },
  { id: 'city1', openId: 'ou_city1', name: '市委韩副书记', role: 'observer' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
];

/** Runs `call` and checks that no key of the committee changed. */
async function unchangedBy<T>(committeeId: string, call: () => Promise<T>): Promise<T> {
  const before = await snapshot(ctx.redis, committeeId);
  const result = await call();
  expect(await snapshot(ctx.redis, committeeId)).toEqual(before);
  return result;
}

async function withApprovers(d: ReturnType<typeof deps>, profileId: 'AJ' | 'ZY') {
  const roster = profileId === 'AJ' ? AJ : ZY;
  const c = (await createCommittee(d, { chatId: freshId(profileId), name: '测试', profileId, roster, actorOpenId: 'ou_clerk1' })).id;
  const assignments = profileId === 'AJ' ? { deptHead: ['head'], deputyInCharge: ['dep'], director: ['dir'] } : { countyPrincipal: ['cp'], cityLeaderInCharge: ['city1'] };
  await setApprovers(d, { committeeId: c, actorId: 'clerk1', assignments });
  return c;
}

describe('applicantRoleOf', () => {
  it('ZY: the chair is the county principal, members are county leaders; AJ: 科室负责人 holders, staff, the leadership; elsewhere a member', async () => {
    const d = deps();
    const zy = await loadCommittee(d, await withApprovers(d, 'ZY'));
    expect(applicantRoleOf(zy, new Set(), 'cp')).toBe('countyPrincipal');
    expect(applicantRoleOf(zy, new Set(), 'lead1')).toBe('countyLeader');
    const aj = await loadCommittee(d, await withApprovers(d, 'AJ'));
    expect(applicantRoleOf(aj, new Set(['deptHead']), 'head')).toBe('deptHead');
    expect(applicantRoleOf(aj, new Set(), 's1')).toBe('staff');
    expect(applicantRoleOf(aj, new Set(['director']), 'dir')).toBe('countyLeader');
    const nt = await loadCommittee(d, await committee(d, 'NT'));
    expect(applicantRoleOf(nt, new Set(), 'm1')).toBe('member');
  });
});

describe('nextMeetingOf', () => {
  it('is the earliest meeting still ahead, whatever the order they were scheduled in; none left is refused; an observer may not ask', async () => {
    const d = deps();
    const c = await committee(d, 'NT');
    const at = (startsAt: string) => scheduleMeeting(d, { committeeId: c, actorId: 'clerk1', title: '党组会议', startsAt });
    const later = await at('2026-12-20T01:00:00Z');
    const sooner = await at('2026-12-10T01:00:00Z');
    expect((await nextMeetingOf(d, { committeeId: c, viewerId: 'm1' })).id).toBe(sooner.id);
    d.clock.set('2026-12-10T01:00:00Z');
    expect((await nextMeetingOf(d, { committeeId: c, viewerId: 'm1' })).id).toBe(later.id);
    await refusedUnchanged(ctx.redis, c, () => nextMeetingOf(d, { committeeId: c, viewerId: 'obs1' }), 'NOT_VOTING_MEMBER');
    d.clock.set('2026-12-21T01:00:00Z');
    await refusedUnchanged(ctx.redis, c, () => nextMeetingOf(d, { committeeId: c, viewerId: 'm1' }), 'NO_UPCOMING_MEETING');
  });
});

describe('waiting step holders and 销假', () => {
  it('ZY 8 days: the principal holds the consent, then the city leader the approval; nobody once settled; the applicant never', async () => {
    const d = deps();
    const c = await withApprovers(d, 'ZY');
    const ask = { committeeId: c, applicantId: 'lead1', start: '2026-12-07', end: '2026-12-14', reason: 'private', reasonText: '探亲' } as const;
    const { leave, repeated } = await requestGeneralLeave(d, ask);
    expect(repeated).toBe(false);
    // The same request again is the first one; nothing is written.
    const again = await unchangedBy(c, () => requestGeneralLeave(d, ask));
    expect(again).toEqual({ leave, repeated: true });
    expect(leave.decision).toMatchObject({ days: 8, consent: ['countyPrincipal'], approvers: ['cityLeaderInCharge'] });
    const committeeNow = await loadCommittee(d, c);
    expect((await waitingStepHolders(d, committeeNow, leave)).map((m) => m.id)).toEqual(['cp']);
    await refusedUnchanged(ctx.redis, c, () => leaveToReturn(d, { committeeId: c, viewerId: 'lead1' }), 'NO_LEAVE_TO_RETURN');
    const consented = await actOnLeave(d, { committeeId: c, leaveId: leave.id, actorId: 'cp', approve: true, comment: '同意' });
    expect((await waitingStepHolders(d, committeeNow, consented)).map((m) => m.id)).toEqual(['city1']);
    const approved = await actOnLeave(d, { committeeId: c, leaveId: leave.id, actorId: 'city1', approve: true, comment: '同意' });
    expect(await waitingStepHolders(d, committeeNow, approved)).toEqual([]);
    expect(stepActorsOf(committeeNow, approved).map((m) => m.id)).toEqual(['cp', 'city1']);
    await fileLeave(d, { committeeId: c, leaveId: leave.id, actorId: 'clerk1', target: 'cityOrgDept' });
    expect((await leaveToReturn(d, { committeeId: c, viewerId: 'lead1' })).id).toBe(leave.id);
  });

  it('AJ: the latest approved leave is the one to return; once returned, the earlier one comes next; others have none', async () => {
    const d = deps();
    const c = await withApprovers(d, 'AJ');
    const ask = async (start: string, end: string) => (await requestGeneralLeave(d, { committeeId: c, applicantId: 's1', start, end, reason: 'sick', reasonText: '看病' })).leave;
    const first = await ask('2026-12-02', '2026-12-02');
    expect(first.decision.approvers).toEqual(['deptHead']);
    await actOnLeave(d, { committeeId: c, leaveId: first.id, actorId: 'head', approve: true });
    // AJ-15a: the slip goes to the office first; until it is filed 销假 is refused with that reason.
    await refusedUnchanged(ctx.redis, c, () => returnFromLeave(d, { committeeId: c, leaveId: first.id, actorId: 's1' }), 'LEAVE_NOT_FILED');
    d.clock.advance(60_000);
    const second = await ask('2026-12-07', '2026-12-09');
    await actOnLeave(d, { committeeId: c, leaveId: second.id, actorId: 'dep', approve: true });
    expect((await leaveToReturn(d, { committeeId: c, viewerId: 's1' })).id).toBe(second.id);
    await fileLeave(d, { committeeId: c, leaveId: second.id, actorId: 'clerk1', target: 'office' });
    await returnFromLeave(d, { committeeId: c, leaveId: second.id, actorId: 's1' });
    expect((await leaveToReturn(d, { committeeId: c, viewerId: 's1' })).id).toBe(first.id);
    await refusedUnchanged(ctx.redis, c, () => leaveToReturn(d, { committeeId: c, viewerId: 'clerk1' }), 'NO_LEAVE_TO_RETURN');
  });
});

describe('askMeetingLeave', () => {
  it('the same request again writes nothing and says so; another reason replaces a pending one; an observer may not ask', async () => {
    const d = deps();
    const c = await committee(d, 'NT');
    const { meeting, topics } = await meetingWithAgenda(d, c, { startsAt: '2026-12-10T01:00:00Z', topics: ['general', 'major'] });
    const t1 = topics[0]!;
    const ask = { committeeId: c, meetingId: meeting.id, actorId: 'm1', reason: '出差', writtenOpinions: [{ topicId: t1.id, text: '同意' }] };
    const first = await askMeetingLeave(d, ask);
    expect(first).toMatchObject({ repeated: false, attendance: { leave: { status: 'pending', reason: '出差' } } });
    const again = await unchangedBy(c, () => askMeetingLeave(d, { ...ask, reason: ' 出差 ' }));
    expect(again).toEqual({ attendance: first.attendance, repeated: true });
    const other = await askMeetingLeave(d, { ...ask, writtenOpinions: [] });
    expect(other).toMatchObject({ repeated: false, attendance: { leave: { status: 'pending', writtenOpinions: [] } } });
    await refusedUnchanged(ctx.redis, c, () => askMeetingLeave(d, { ...ask, actorId: 'obs1' }), 'NOT_VOTING_MEMBER');
  });
});
