/**
 * How to reach each action of the authority table: for one kind of person, a committee of its own
 * with just the record the action needs (built through the real services, or committed straight
 * in where the services would take many steps), and the call to make as that person.
 */
import type { Redis } from 'ioredis';
import { INDIVIDUAL_GRADES, type Member, type Meeting } from '../../src/domain/index.js';
import { duties, getProfile, type ProfileId } from '../../src/rules/index.js';
import type { ELECTORATE_ACTIONS, PERMISSIONS } from '../../src/services/authority.js';
import { changeCommittee, createCommittee } from '../../src/services/committees.js';
import { itemQuorum } from '../../src/services/attendance-quorum.js';
import { decideMeetingLeave, requestMeetingLeave, rsvp, signIn } from '../../src/services/attendance.js';
import { openSignIn } from '../../src/services/sign-in.js';
import { dutyStatus, recordDuty } from '../../src/services/duties.js';
import { castRating, closeEvaluation, getEvaluationView, openEvaluation } from '../../src/services/evaluations.js';
import { remindBallotNonVoters, remindEvaluationNonRaters } from '../../src/services/remind-voters.js';
import { actOnLeave, fileLeave, getLeave, requestLeave, returnFromLeave, setApprovers } from '../../src/services/leave.js';
import { addItemAtMeeting, raiseObjection, rescheduleMeeting, sendNotice } from '../../src/services/meetings-notice.js';
import { cancelMeeting, closeMeeting, delegateChair, listMeetings, scheduleMeeting, setAgenda, startMeeting } from '../../src/services/meetings.js';
import { draftMinutes, getMinutes, signOffMinutes } from '../../src/services/minutes.js';
import { completeTask, createTasksFromDecision, decisionToCarryOut, listOpenTasks, overdueTasks, reportProgress } from '../../src/services/tasks.js';
import { addRecusal, confirmTopic, listTopics, returnTopic, submitTopic } from '../../src/services/topics.js';
import {
  castVote, closeBallot, deferItem, getBallotView, openBallot, reconsider, recordReservedOpinion,
} from '../../src/services/voting.js';
import { BALLOTS, indexKey } from '../../src/store/repos.js';
import { freshId } from '../support/store.js';
import { testDeps, type TestDeps } from './meeting-fixture.js';
import { closedBallot, commitMeeting, type ItemFixture } from './recorded-meeting.js';
import { opId } from './voting-fixtures.js';

export const NOW = '2025-06-10T01:00:00.000Z';
export const STARTS = '2025-06-18T01:00:00.000Z';

/** The kinds of person a row is about, and who plays each. */
export const PEOPLE = {
  chair: 'chair1',
  /** A vice chair in a meeting he chairs (its chairId, or the chair's delegation before it starts). */
  viceChairing: 'vice1',
  /** A vice chair in a meeting the chair chairs. */
  viceChair: 'vice2',
  member: 'm1',
  clerk: 'clerk1',
  /** Invited to the meetings as 列席. */
  observer: 'obs1',
  stranger: 'stranger',
} as const;
export type Person = keyof typeof PEOPLE;

export const ROSTER: Member[] = [
  { id: 'chair1', openId: 'ou_chair1', name: '张书记', role: 'chair' },
  { id: 'vice1', openId: 'ou_vice1', name: '李副书记', role: 'viceChair' },
  { id: 'vice2', openId: 'ou_vice2', name: '周副书记', role: 'viceChair' },
  { id: 'm1', openId: 'ou_m1', name: '王委员', role: 'member' },
  { id: 'm2', openId: 'ou_m2', name: '陈委员', role: 'member' },
  { id: 'm3', openId: 'ou_m3', name: '刘委员', role: 'member' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
  { id: 'obs1', openId: 'ou_obs1', name: '钱列席', role: 'observer' },
];
const VOTERS = ['chair1', 'vice1', 'vice2', 'm1', 'm2', 'm3'];

export interface World { d: TestDeps; c: string; chairOf: string }

/** A committee of its own; `chairOf` chairs its meetings (vice1 only in the viceChairing row). */
export async function world(redis: Redis, person: Person, profileId: ProfileId = 'NATIONAL'): Promise<World> {
  const d = testDeps(redis, NOW);
  const committee = await createCommittee(d, { chatId: freshId('oc'), name: '测试党组', profileId, roster: ROSTER, actorOpenId: 'ou_clerk1' });
  return { d, c: committee.id, chairOf: person === 'viceChairing' ? 'vice1' : 'chair1' };
}

/** Who chairs: recorded on a started meeting; before the start, only the chair's delegation. */
function chairing(w: World, started: boolean): Partial<Meeting> {
  if (started) return { chairId: w.chairOf };
  return w.chairOf === 'chair1' ? {} : { delegatedTo: w.chairOf };
}

const present = VOTERS.map((memberId) => ({ memberId, signedInAt: NOW, signedInAs: 'voting' as const }));

export async function meeting(w: World, status: Meeting['status'], items: ItemFixture[] = [{ topic: { id: 't1', title: '议题一', status: 'scheduled' } }],
  extra: Partial<Meeting> & { attendance?: Parameters<typeof commitMeeting>[1]['attendance'] } = {}): Promise<string> {
  const { attendance, ...fields } = extra;
  const started = status === 'inProgress' || status === 'closed';
  await commitMeeting(w.d.redis, {
    committeeId: w.c, items, attendance: attendance ?? (started ? present : []),
    meeting: { id: 'mt1', status, startsAt: STARTS, observers: ['obs1'], ...(status === 'noticed' ? { noticeSentAt: NOW } : {}), ...chairing(w, started), ...fields },
  });
  return 'mt1';
}

export async function confirmed(w: World, title = '新议题'): Promise<string> {
  const topic = await submitTopic(w.d, { committeeId: w.c, actorId: 'm2', title });
  return (await confirmTopic(w.d, { committeeId: w.c, topicId: topic.id, actorId: 'chair1' })).id;
}

export async function openBallotIn(w: World, method: 'hands' | 'named' | 'secret'): Promise<string> {
  await meeting(w, 'inProgress');
  return (await openBallot(w.d, { committeeId: w.c, meetingId: 'mt1', topicId: 't1', method, actorId: w.chairOf })).id;
}

const passed = (flags: string[] = []) => closedBallot('b1', { counts: { yes: 5, no: 1, abstain: 0 }, voters: 6, eligible: 6, passed: true, flags });

/** AJ staff leave of m2 (0.5 day: 委室科负责人 approves, filed with 办公室); m1 holds 委室科负责人. */
export async function ajLeave(w: World, stage: 'pending' | 'approved' | 'filed'): Promise<string> {
  await setApprovers(w.d, { committeeId: w.c, actorId: 'clerk1', assignments: { deptHead: ['m1'] } });
  const leave = await requestLeave(w.d, { committeeId: w.c, applicantId: 'm2', applicantRole: 'staff', reason: 'sick', reasonText: '门诊复查', start: '2025-06-16', end: '2025-06-16', days: 0.5 });
  if (stage === 'pending') return leave.id;
  await actOnLeave(w.d, { committeeId: w.c, leaveId: leave.id, actorId: 'm1', approve: true, comment: '同意' });
  if (stage === 'filed') await fileLeave(w.d, { committeeId: w.c, leaveId: leave.id, actorId: 'clerk1', target: 'office' });
  return leave.id;
}

async function openedEvaluation(w: World): Promise<string> {
  return (await openEvaluation(w.d, { committeeId: w.c, title: '年度测评', category: 'individual', subject: '某同志', raterIds: [...VOTERS, 'obs1'], actorId: 'clerk1' })).id;
}

export async function task(w: World): Promise<string> {
  await meeting(w, 'closed', [{ topic: { id: 't1', title: '议题一' }, ballots: [passed()] }]);
  const [made] = await createTasksFromDecision(w.d, { committeeId: w.c, meetingId: 'mt1', topicId: 't1', actorId: 'clerk1', tasks: [{ title: '落实', ownerId: 'm2', unit: '办公室', due: '2025-07-01' }] });
  if (!made) throw new Error('no task');
  return made.id;
}

/** How to reach each action: build the record it needs, then return the call made as `actor`. */
type Call = (actor: string) => Promise<unknown>;
type Scenario = (w: World) => Call | Promise<Call>;
export type AnyAction = keyof typeof PERMISSIONS | (typeof ELECTORATE_ACTIONS)[number];

export const SCENARIOS: Record<AnyAction, { profile?: ProfileId; run: Scenario }> = {
  'committee.change': { run: (w) => (a) => changeCommittee(w.d, { committeeId: w.c, actorId: a, profileId: 'NT' }) },
  'committee.assignLeaders': { run: (w) => (a) => changeCommittee(w.d, { committeeId: w.c, actorId: a, roster: ROSTER.map((m) => (m.id === 'm3' ? { ...m, role: 'viceChair' as const } : m)) }) },
  'leave.setApprovers': { run: (w) => (a) => setApprovers(w.d, { committeeId: w.c, actorId: a, assignments: { chair: ['chair1'] } }) },
  'topic.submit': { run: (w) => (a) => submitTopic(w.d, { committeeId: w.c, actorId: a, title: '关于某事的议题' }) },
  'topic.confirm': { run: async (w) => { const t = await submitTopic(w.d, { committeeId: w.c, actorId: 'm2', title: '议题' }); return (a) => confirmTopic(w.d, { committeeId: w.c, topicId: t.id, actorId: a }); } },
  'topic.return': { run: async (w) => { const t = await submitTopic(w.d, { committeeId: w.c, actorId: 'm2', title: '议题' }); return (a) => returnTopic(w.d, { committeeId: w.c, topicId: t.id, actorId: a, reason: '材料不全' }); } },
  'topic.recusal': { run: async (w) => { const t = await confirmed(w); return (a) => addRecusal(w.d, { committeeId: w.c, topicId: t, actorId: a, memberId: 'm2', reason: '涉及亲属' }); } },
  'topic.list': { run: async (w) => { await confirmed(w); return (a) => listTopics(w.d, { committeeId: w.c, viewerId: a }); } },
  'meeting.schedule': { run: (w) => (a) => scheduleMeeting(w.d, { committeeId: w.c, actorId: a, title: '党组会议', startsAt: STARTS }) },
  'meeting.agenda': { run: async (w) => { const t = await confirmed(w); await meeting(w, 'scheduled', []); return (a) => setAgenda(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a, topicIds: [t] }); } },
  'meeting.notice': { run: async (w) => { await meeting(w, 'scheduled'); return (a) => sendNotice(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a }); } },
  'meeting.delegate': { run: async (w) => { await meeting(w, 'scheduled'); return (a) => delegateChair(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a, viceChairId: 'vice1' }); } },
  'meeting.cancel': { run: async (w) => { await meeting(w, 'noticed'); return (a) => cancelMeeting(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a }); } },
  'meeting.reschedule': { run: async (w) => { await meeting(w, 'noticed'); return (a) => rescheduleMeeting(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a, startsAt: '2099-01-05T09:00:00+08:00' }); } },
  'meeting.objection': { run: async (w) => { await meeting(w, 'noticed'); return (a) => raiseObjection(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a, text: '建议改期' }); } },
  'meeting.start': { run: async (w) => { await meeting(w, 'noticed'); return (a) => startMeeting(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a }); } },
  'meeting.addItem': { run: async (w) => { const t = await confirmed(w); await meeting(w, 'inProgress', undefined, { kind: 'emergency' }); return (a) => addItemAtMeeting(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a, topicId: t }); } },
  'meeting.close': { run: async (w) => { await meeting(w, 'inProgress'); return (a) => closeMeeting(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a }); } },
  'meeting.list': { run: async (w) => { await meeting(w, 'scheduled'); return (a) => listMeetings(w.d, { committeeId: w.c, viewerId: a }); } },
  'attendance.rsvp': { run: async (w) => { await meeting(w, 'noticed'); return (a) => rsvp(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a, answer: 'attend' }); } },
  'attendance.openSignIn': { run: async (w) => { await meeting(w, 'noticed'); return (a) => openSignIn(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a }); } },
  'attendance.signIn': { run: async (w) => { await meeting(w, 'noticed'); return (a) => signIn(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a }); } },
  'attendance.leave': { run: async (w) => { await meeting(w, 'noticed'); return (a) => requestMeetingLeave(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a, reason: '出差' }); } },
  'attendance.decideLeave': { run: async (w) => {
    await meeting(w, 'noticed');
    await requestMeetingLeave(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: 'm2', reason: '出差' });
    return (a) => decideMeetingLeave(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a, memberId: 'm2', approve: true });
  } },
  'attendance.quorum': { run: async (w) => { await meeting(w, 'inProgress'); return (a) => itemQuorum(w.d, { committeeId: w.c, meetingId: 'mt1', topicId: 't1', viewerId: a }); } },
  'ballot.open': { run: async (w) => { await meeting(w, 'inProgress'); return (a) => openBallot(w.d, { committeeId: w.c, meetingId: 'mt1', topicId: 't1', method: 'hands', actorId: a }); } },
  'ballot.close': { run: async (w) => { const b = await openBallotIn(w, 'hands'); return (a) => closeBallot(w.d, { committeeId: w.c, ballotId: b, actorId: a }); } },
  'ballot.remind': { run: async (w) => { const b = await openBallotIn(w, 'secret'); return (a) => remindBallotNonVoters(w.d, { committeeId: w.c, ballotId: b, actorId: a, operationId: opId() }); } },
  'ballot.defer': { run: async (w) => {
    await meeting(w, 'inProgress', [{ topic: { id: 't1', title: '议题一' }, ballots: [passed(['CLOSE_VOTE_DEFER'])] }]);
    return (a) => deferItem(w.d, { committeeId: w.c, ballotId: 'b1', actorId: a });
  } },
  'ballot.reconsider': { run: async (w) => {
    await meeting(w, 'inProgress', [{ topic: { id: 't1', title: '议题一' }, ballots: [passed()] }]);
    await w.d.redis.sadd(indexKey(w.c, BALLOTS), 'b1');
    return (a) => reconsider(w.d, { committeeId: w.c, topicId: 't1', meetingId: 'mt1', actorId: a, chairConsent: true });
  } },
  'ballot.reserveOpinion': { run: async (w) => { const b = await openBallotIn(w, 'named'); return (a) => recordReservedOpinion(w.d, { committeeId: w.c, ballotId: b, memberId: a, text: '保留意见' }); } },
  'ballot.view': { run: async (w) => { const b = await openBallotIn(w, 'secret'); return (a) => getBallotView(w.d, { committeeId: w.c, ballotId: b, viewerId: a }); } },
  'ballot.cast': { run: async (w) => { const b = await openBallotIn(w, 'secret'); return (a) => castVote(w.d, { committeeId: w.c, ballotId: b, voterId: a, choice: 'yes', operationId: opId() }); } },
  'evaluation.open': { run: (w) => (a) => openEvaluation(w.d, { committeeId: w.c, title: '测评', category: 'team', subject: '领导班子', raterIds: VOTERS, actorId: a }) },
  'evaluation.close': { run: async (w) => { const e = await openedEvaluation(w); return (a) => closeEvaluation(w.d, { committeeId: w.c, evaluationId: e, actorId: a }); } },
  'evaluation.remind': { run: async (w) => { const e = await openedEvaluation(w); return (a) => remindEvaluationNonRaters(w.d, { committeeId: w.c, evaluationId: e, actorId: a, operationId: opId() }); } },
  'evaluation.view': { run: async (w) => { const e = await openedEvaluation(w); return (a) => getEvaluationView(w.d, { committeeId: w.c, evaluationId: e, viewerId: a }); } },
  'evaluation.rate': { run: async (w) => { const e = await openedEvaluation(w); return (a) => castRating(w.d, { committeeId: w.c, evaluationId: e, raterId: a, grade: INDIVIDUAL_GRADES[0], operationId: opId() }); } },
  'minutes.draft': { run: async (w) => { await meeting(w, 'closed'); return (a) => draftMinutes(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a }); } },
  'minutes.signOff': { run: async (w) => {
    await meeting(w, 'closed');
    await draftMinutes(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: 'clerk1' });
    return (a) => signOffMinutes(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a });
  } },
  'minutes.signOffChairOnly': { profile: 'JY', run: async (w) => {
    await meeting(w, 'closed');
    await draftMinutes(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: 'clerk1' });
    return (a) => signOffMinutes(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: a });
  } },
  'minutes.view': { run: async (w) => {
    await meeting(w, 'closed');
    await draftMinutes(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: 'clerk1' });
    return (a) => getMinutes(w.d, { committeeId: w.c, meetingId: 'mt1', viewerId: a });
  } },
  'task.create': { profile: 'JY', run: async (w) => {
    await meeting(w, 'closed', [{ topic: { id: 't1', title: '议题一' }, ballots: [passed()] }]);
    await draftMinutes(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: 'clerk1' });
    await signOffMinutes(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: 'chair1' });
    // 转为督办 on the signed minutes (JY-27: the 书记 signs): the form first, then the task.
    return async (a) => {
      const ref = { committeeId: w.c, meetingId: 'mt1', topicId: 't1', actorId: a };
      await decisionToCarryOut(w.d, ref);
      return createTasksFromDecision(w.d, { ...ref, tasks: [{ title: '落实', ownerId: 'm2', unit: '办公室', due: '2025-07-01' }] });
    };
  } },
  'task.progress': { run: async (w) => { const t = await task(w); return (a) => reportProgress(w.d, { committeeId: w.c, taskId: t, actorId: a, note: '已完成一半' }); } },
  'task.complete': { run: async (w) => { const t = await task(w); return (a) => completeTask(w.d, { committeeId: w.c, taskId: t, actorId: a }); } },
  'task.list': { run: async (w) => { await task(w); return (a) => listOpenTasks(w.d, { committeeId: w.c, viewerId: a }); } },
  'task.overdue': { run: async (w) => { await task(w); return (a) => overdueTasks(w.d, { committeeId: w.c, viewerId: a, asOf: '2025-07-05T00:00:00Z' }); } },
  'leave.request': { profile: 'AJ', run: (w) => (a) => requestLeave(w.d, { committeeId: w.c, applicantId: 'm2', actorId: a, applicantRole: 'staff', reason: 'private', reasonText: '家中有事', start: '2025-06-16', end: '2025-06-16', days: 0.5 }) },
  'leave.act': { profile: 'AJ', run: async (w) => { const l = await ajLeave(w, 'pending'); return (a) => actOnLeave(w.d, { committeeId: w.c, leaveId: l, actorId: a, approve: true, comment: '同意' }); } },
  'leave.file': { profile: 'AJ', run: async (w) => { const l = await ajLeave(w, 'approved'); return (a) => fileLeave(w.d, { committeeId: w.c, leaveId: l, actorId: a, target: 'office' }); } },
  'leave.return': { profile: 'AJ', run: async (w) => { const l = await ajLeave(w, 'filed'); return (a) => returnFromLeave(w.d, { committeeId: w.c, leaveId: l, actorId: a }); } },
  'leave.view': { profile: 'AJ', run: async (w) => { const l = await ajLeave(w, 'pending'); return (a) => getLeave(w.d, { committeeId: w.c, leaveId: l, viewerId: a }); } },
  'duty.record': { run: (w) => {
    const [duty] = duties(getProfile('NATIONAL'));
    if (!duty) throw new Error('no duty');
    return (a) => recordDuty(w.d, { committeeId: w.c, dutyId: duty.id, entry: '2025-06-09', actorId: a });
  } },
  'duty.status': { run: (w) => (a) => dutyStatus(w.d, { committeeId: w.c, viewerId: a }) },
};
