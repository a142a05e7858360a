/**
 * The authority table, tested whole: every service action (PERMISSIONS and the electorate's) for
 * every kind of person, calling the real service on real Redis. Each cell gets a committee of its
 * own with just the record the action needs; a refusal must carry the expected code and leave
 * every key of the committee as it was. EXPECTED is written out here, not derived from the table,
 * and must name exactly the table's actions: a new action without its row fails.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { USER_MESSAGES, type RefusalCode } from '../../src/errors.js';
import { ELECTORATE_ACTIONS, PERMISSIONS } from '../../src/services/authority.js';
import { useRedis } from '../support/store.js';
import { refusal } from '../support/refusal.js';
import { getLeave, requestLeave, returnFromLeave } from '../../src/services/leave.js';
import { closeMeeting, delegateChair, startMeeting } from '../../src/services/meetings.js';
import { reportProgress } from '../../src/services/tasks.js';
import { addRecusal } from '../../src/services/topics.js';
import { closeBallot } from '../../src/services/voting.js';
import {
  ajLeave, confirmed, meeting, NOW, openBallotIn, PEOPLE, SCENARIOS, STARTS, task, world, type AnyAction, type Person,
} from './authority-scenarios.js';
import { snapshot } from './meeting-fixture.js';
import { commitMeeting } from './recorded-meeting.js';

const ctx = useRedis();

type Outcome = 'ok' | RefusalCode;
/** chair · viceChairing · viceChair · member · clerk · observer; a stranger always gets NOT_A_MEMBER. */
const row = (spec: string): Record<Person, Outcome> => {
  const [chair, viceChairing, viceChair, member, clerk, observer, ...rest] = spec.split(/\s+/) as Outcome[];
  if (!chair || !viceChairing || !viceChair || !member || !clerk || !observer || rest.length > 0) throw new Error(`bad row ${spec}`);
  return { chair, viceChairing, viceChair, member, clerk, observer, stranger: 'NOT_A_MEMBER' };
};
const ALL = row('ok ok ok ok ok ok');
const OFFICE = row('ok NOT_CLERK NOT_CLERK NOT_CLERK ok NOT_CLERK');
const CHAIR = row('ok NOT_COMMITTEE_CHAIR NOT_COMMITTEE_CHAIR NOT_COMMITTEE_CHAIR NOT_COMMITTEE_CHAIR NOT_COMMITTEE_CHAIR');
const MEETING_CHAIR = row('ok ok NOT_CHAIR NOT_CHAIR NOT_CHAIR NOT_CHAIR');
const VOTERS_ONLY = row('ok ok ok ok NOT_VOTING_MEMBER NOT_VOTING_MEMBER');
/** The person concerned is m2 (not a row), so only the office and the chair act. */
const OWNER_OR_OFFICE = row('ok NOT_OWNER_OR_CLERK NOT_OWNER_OR_CLERK NOT_OWNER_OR_CLERK ok NOT_OWNER_OR_CLERK');

const EXPECTED: Record<AnyAction, Record<Person, Outcome>> = {
  'committee.change': OFFICE,
  'committee.assignLeaders': CHAIR,
  'leave.setApprovers': OFFICE,
  'topic.submit': row('ok ok ok ok ok NOT_SUBMITTER'),
  'topic.confirm': CHAIR,
  'topic.return': CHAIR,
  'topic.recusal': OWNER_OR_OFFICE,
  'topic.list': ALL,
  'meeting.schedule': OFFICE,
  'meeting.agenda': OFFICE,
  'meeting.notice': OFFICE,
  'meeting.delegate': CHAIR,
  'meeting.cancel': OFFICE,
  'meeting.reschedule': OFFICE,
  'meeting.objection': VOTERS_ONLY,
  'meeting.start': MEETING_CHAIR,
  'meeting.addItem': MEETING_CHAIR,
  'meeting.close': MEETING_CHAIR,
  'meeting.list': ALL,
  'attendance.rsvp': ALL,
  'attendance.signIn': ALL,
  'attendance.openSignIn': row('ok ok NOT_CHAIR_OR_CLERK NOT_CHAIR_OR_CLERK ok NOT_CHAIR_OR_CLERK'),
  'attendance.leave': VOTERS_ONLY,
  'attendance.decideLeave': MEETING_CHAIR,
  'attendance.quorum': ALL,
  'ballot.open': MEETING_CHAIR,
  'ballot.close': MEETING_CHAIR,
  'ballot.remind': MEETING_CHAIR,
  'ballot.defer': MEETING_CHAIR,
  'ballot.reconsider': MEETING_CHAIR,
  'ballot.reserveOpinion': VOTERS_ONLY,
  'ballot.view': ALL,
  'ballot.cast': row('ok ok ok ok NOT_ELIGIBLE OBSERVER_CANNOT_VOTE'),
  'evaluation.open': OFFICE,
  'evaluation.close': OFFICE,
  'evaluation.remind': OFFICE,
  'evaluation.view': ALL,
  'evaluation.rate': row('ok ok ok ok NOT_ELIGIBLE ok'),
  'minutes.draft': OFFICE,
  'minutes.signOff': MEETING_CHAIR,
  'minutes.signOffChairOnly': CHAIR,
  'minutes.view': ALL,
  'task.create': OFFICE,
  'task.progress': OWNER_OR_OFFICE,
  'task.complete': OWNER_OR_OFFICE,
  'task.list': ALL,
  'task.overdue': ALL,
  'leave.request': OWNER_OR_OFFICE,
  /** Only m1, who holds the waiting step's role, may act on it. */
  'leave.act': row('NOT_APPROVER NOT_APPROVER NOT_APPROVER ok NOT_APPROVER NOT_APPROVER'),
  'leave.file': OFFICE,
  'leave.return': OWNER_OR_OFFICE,
  /** m1 is the approver; the vice chairs and the observer are not told the reason. */
  'leave.view': row('ok LEAVE_PRIVATE LEAVE_PRIVATE ok ok LEAVE_PRIVATE'),
  'duty.record': OFFICE,
  'duty.status': ALL,
};

describe('the authority table, whole', () => {
  it('names every action of the table and of the electorate, no more', () => {
    const actions = [...Object.keys(PERMISSIONS), ...ELECTORATE_ACTIONS].sort();
    expect(Object.keys(EXPECTED).sort()).toEqual(actions);
    expect(Object.keys(SCENARIOS).sort()).toEqual(actions);
  });

  for (const action of Object.keys(EXPECTED) as AnyAction[]) {
    it(`${action}: allowed or refused with the right sentence, refusals changing nothing`, async () => {
      for (const person of Object.keys(PEOPLE) as Person[]) {
        const scenario = SCENARIOS[action];
        const w = await world(ctx.redis, person, scenario.profile);
        const call = await scenario.run(w);
        const expected = EXPECTED[action][person];
        const label = `${action} by ${person}`;
        if (expected === 'ok') {
          expect(await call(PEOPLE[person]).then(() => 'ok', (error: unknown) => error), label).toBe('ok');
          continue;
        }
        const before = await snapshot(ctx.redis, w.c);
        const refused = await refusal(call(PEOPLE[person]));
        expect(refused.refusal, label).toBe(expected);
        expect(refused.userMessage).toBe(USER_MESSAGES[expected]);
        expect(await snapshot(ctx.redis, w.c), label).toEqual(before);
      }
    });
  }
});

/** Service functions the table reaches: a person's use case, each under its action(s) above. */
const IN_TABLE = [
  'meetingLeaveForm', 'askMeetingLeave', 'nextMeetingOf', 'requestGeneralLeave', 'leaveToReturn',
  'changeCommittee', 'setApprovers', 'submitTopic', 'confirmTopic', 'returnTopic', 'addRecusal', 'listTopics', 'scheduleMeeting',
  'setAgenda', 'sendNotice', 'delegateChair', 'raiseObjection', 'startMeeting', 'addItemAtMeeting', 'closeMeeting', 'listMeetings',
  'cancelMeeting', 'getMeeting', 'getMeetingDraft', 'getTopic',
  'rsvp', 'signIn', 'requestMeetingLeave', 'decideMeetingLeave', 'itemQuorum', 'openBallot', 'closeBallot', 'deferItem', 'reconsider',
  'recordReservedOpinion', 'getBallotView', 'ballotElectorate', 'castVote', 'openEvaluation', 'closeEvaluation', 'getEvaluationView', 'castRating',
  'draftMinutes', 'amendMinutes', 'draftLatestMinutes', 'minutesToAmend', 'signOffMinutes', 'getMinutes', 'createTasksFromDecision', 'decisionToCarryOut', 'meetingDecisions', 'reportProgress', 'completeTask', 'listOpenTasks',
  'overdueTasks', 'requestLeave', 'actOnLeave', 'fileLeave', 'returnFromLeave', 'getLeave', 'recordDuty', 'dutyStatus',
  'openSignIn', 'signInSheet', 'signInToOpenMeeting', 'createTask', 'getTask', 'dutyRecordForm',
  'remindBallotNonVoters', 'remindEvaluationNonRaters',
  'rescheduleMeeting',
];
/** Exported async functions that are no person's use case, and why. */
const NOT_IN_TABLE: Record<string, string> = {
  createCommittee: 'the first setup: whoever added the bot (committees.test.ts)',
  applyChatMembership: 'done by the platform on a verified membership event (committees.test.ts)',
  resolveActor: 'finds the actor; authorizes nothing',
  committeesOf: 'the resolver\'s lookup',
  loadCommittee: 'loader used by services after or before their check',
  loadMeeting: 'loader', loadTopic: 'loader', loadBallot: 'loader', loadEvaluation: 'loader', changeMeeting: 'the meeting services\' commit helper',
  attendanceOf: 'reader used inside services', rosterOf: 'reader used inside services', openBallotOn: 'openBallot and reconsider share it',
  whyNotEligible: 'explains a cast the store refused',
  rememberChat: 'what Feishu said of a chat before its first setup (setup.test.ts)',
  chatMembershipChanged: 'applyChatMembership, or rememberChat before the first setup',
  setupState: 'a read for the setup card; what it offers comes from mayDo',
  saveSetup: 'createCommittee, or changeCommittee and setApprovers, which authorize (setup.test.ts)',
  assignRole: 'changeCommittee authorizes', assignApprover: 'setApprovers authorizes', changeProfile: 'changeCommittee authorizes',
  waitingStepHolders: 'who must act next on a leave, for the handler that tells them; names no reason',
  getNoticedMeeting: 'the group notice\'s refresh: reads as the notice\'s sender, under meeting.list',
  remindOfLeave: 'plans the reminders of a leave the use case that changed it authorized', remindOfTasks: 'plans the reminders of tasks their use case authorized',
  remindOfDuty: 'plans a duty\'s reminders after recordDuty authorized', planDuty: 'planning, for planDuties and the overdue sender',
  planDuties: 'the duty reminders of a committee just set up or changed', planAllFollowUps: 'every committee\'s follow-up reminders, at start',
  planTask: 'plans an open task\'s reminders (remindOfTasks, and at start)', planLeave: 'plans a leave\'s reminders (remindOfLeave, and at start)',
  scheduleOccurrences: 'puts planned reminders on the queue',
  scheduleMeetingReminders: 'plans reminders after scheduleMeeting, sendNotice or rescheduleMeeting authorized the change',
  replanMeetingReminders: 'the same, after a move', remindOfMeeting: 'the same, called by the meeting services',
  noticeCheckOfMove: 'a read for 改期\'s confirm dialog; authorizes meeting.reschedule as rescheduleMeeting does',
  replanCommitteeReminders: 'after the setup save authorized a change of the reminder settings',
  replanCommitteeTasks: 'the same, for open tasks after a new task lead time',
  remindOfMeetingLeave: 'plans or voids the chair\'s reminders after requestMeetingLeave or decideMeetingLeave authorized the change',
  replanMeetingLeaves: 'the same, after remindOfMeeting (a move or a cancel)',
  planPendingMeetingLeaves: 'the same, at start (planAllFollowUps)',
  openSignInOnSchedule: 'the reminder job at the committee\'s set time: no person acts (reminders-meeting.test.ts)',
};

describe('every service function is in the table or says why not', () => {
  it('lists each exported async function of src/services', async () => {
    const dir = fileURLToPath(new URL('../../src/services/', import.meta.url));
    const found = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const exports = await import(pathToFileURL(`${dir}${file}`).href) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value === 'function' && value.constructor.name === 'AsyncFunction') found.add(name);
      }
    }
    const unaccounted = [...found].filter((name) => !IN_TABLE.includes(name) && !(name in NOT_IN_TABLE));
    expect(unaccounted, 'add a row to the authority table, or a reason to NOT_IN_TABLE').toEqual([]);
    expect([...IN_TABLE, ...Object.keys(NOT_IN_TABLE)].filter((name) => !found.has(name))).toEqual([]);
  });
});

describe('what the rows do not show', () => {
  const refusedUnchanged = async (c: string, call: () => Promise<unknown>, code: RefusalCode): Promise<void> => {
    const before = await snapshot(ctx.redis, c);
    expect((await refusal(call())).refusal).toBe(code);
    expect(await snapshot(ctx.redis, c)).toEqual(before);
  };

  it('the person concerned acts for himself: his own recusal, task, leave request, return and leave record', async () => {
    const w = await world(ctx.redis, 'member');
    const topicId = await confirmed(w);
    expect((await addRecusal(w.d, { committeeId: w.c, topicId, actorId: 'm2', memberId: 'm2', reason: '涉及亲属' })).recusals).toHaveLength(1);
    const taskId = await task(w);
    expect((await reportProgress(w.d, { committeeId: w.c, taskId, actorId: 'm2', note: '已启动' })).progress).toHaveLength(1);

    const aj = await world(ctx.redis, 'member', 'AJ');
    const own = await requestLeave(aj.d, { committeeId: aj.c, applicantId: 'obs1', actorId: 'obs1', applicantRole: 'staff', reason: 'private', reasonText: '家中有事', start: '2025-06-16', end: '2025-06-16', days: 0.5 });
    expect(own.requestedBy).toBe('obs1');
    const leaveId = await ajLeave(aj, 'filed');
    expect((await getLeave(aj.d, { committeeId: aj.c, leaveId, viewerId: 'm2' })).reasonText).toBe('门诊复查');
    expect((await returnFromLeave(aj.d, { committeeId: aj.c, leaveId, actorId: 'm2' })).returnedBy).toBe('m2');
    await refusedUnchanged(aj.c, () => requestLeave(aj.d, { committeeId: aj.c, applicantId: 'nobody', actorId: 'clerk1', applicantRole: 'staff', reason: 'private', reasonText: '代请', start: '2025-06-16', end: '2025-06-16', days: 0.5 }), 'INVALID_INPUT');
  });

  it('the chair does not act as chair at a meeting a vice chair chairs', async () => {
    const w = await world(ctx.redis, 'viceChairing');
    const ballotId = await openBallotIn(w, 'hands');
    await refusedUnchanged(w.c, () => closeBallot(w.d, { committeeId: w.c, ballotId, actorId: 'chair1' }), 'NOT_CHAIR');
    await refusedUnchanged(w.c, () => closeMeeting(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: 'chair1' }), 'NOT_CHAIR');
    expect((await closeBallot(w.d, { committeeId: w.c, ballotId, actorId: 'vice1' })).state).toBe('closed');
  });

  it('a delegation is for one meeting: the vice chair does not chair the next one', async () => {
    const w = await world(ctx.redis, 'viceChairing');
    await meeting(w, 'noticed');
    await commitMeeting(ctx.redis, { committeeId: w.c, items: [], meeting: { id: 'mt2', status: 'noticed', startsAt: STARTS, noticeSentAt: NOW } });
    await refusedUnchanged(w.c, () => startMeeting(w.d, { committeeId: w.c, meetingId: 'mt2', actorId: 'vice1' }), 'NOT_CHAIR');
    expect((await startMeeting(w.d, { committeeId: w.c, meetingId: 'mt1', actorId: 'vice1' })).chairId).toBe('vice1');
  });

  it('the chair may take a delegation back, or start the meeting himself; then the vice chair does not chair it', async () => {
    const revoked = await world(ctx.redis, 'viceChairing');
    await meeting(revoked, 'noticed');
    expect((await delegateChair(revoked.d, { committeeId: revoked.c, meetingId: 'mt1', actorId: 'chair1', viceChairId: null })).delegatedTo).toBeUndefined();
    await refusedUnchanged(revoked.c, () => startMeeting(revoked.d, { committeeId: revoked.c, meetingId: 'mt1', actorId: 'vice1' }), 'NOT_CHAIR');

    const himself = await world(ctx.redis, 'viceChairing');
    await meeting(himself, 'noticed');
    expect((await startMeeting(himself.d, { committeeId: himself.c, meetingId: 'mt1', actorId: 'chair1' })).chairId).toBe('chair1');
    await refusedUnchanged(himself.c, () => closeMeeting(himself.d, { committeeId: himself.c, meetingId: 'mt1', actorId: 'vice1' }), 'NOT_CHAIR');
  });
});
