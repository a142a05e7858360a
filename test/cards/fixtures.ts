/**
 * A large body for the card tests: 50 members with open_ids and long Chinese names, 20 agenda items
 * with long Chinese titles, attendance of every kind, a general leave with a three-step chain, and
 * every card family built from them, so a test can build each at the size that matters.
 */
import type { Attendance, Committee, GeneralLeave, LeaveApprovers, Meeting, Member, Topic } from '../../src/domain/index.js';
import { checkNotice, evaluateItem, getProfile, TOPIC_KINDS } from '../../src/rules/index.js';
import type { ProfileId } from '../../src/rules/index.js';
import { buildReminderCard } from '../../cards/reminder-card.js';
import { buildHelpCard, toHelpView } from '../../cards/help-card.js';
import { buildLeaveApprovalCard, toLeaveApprovalView, toMeetingLeaveApprovalView } from '../../cards/leave-approval-card.js';
import {
  buildGeneralLeaveCard, buildLeaveReturnCard, buildMeetingLeaveCard, toGeneralLeaveFormView, toLeaveReturnView, toMeetingLeaveFormView,
} from '../../cards/leave-cards.js';
import { buildMeetingDraftCard, toMeetingDraftView } from '../../cards/meeting-draft-card.js';
import { buildNoticeCard, toNoticeView } from '../../cards/notice-card.js';
import { buildObjectionCard, toObjectionView } from '../../cards/objection-card.js';
import { buildRulesCard, toRulesView } from '../../cards/rules-card.js';
import { buildSetupCard, toSetupView } from '../../cards/setup-card.js';
import { buildSignInCard, toSignInView } from '../../cards/sign-in-card.js';
import { buildTopicCard, toTopicView } from '../../cards/topic-card.js';
import { buildTopicListCard, toTopicListView } from '../../cards/topic-list-card.js';
import type { Card } from '../../cards/types.js';

export const NOW = '2026-12-07T02:00:00.000Z';
export const TZ = 'Asia/Shanghai';
export const C = 'c_big';
export const MEMBERS = 50;
export const ITEMS = 20;

/** 32 hex digits after ou_, as Feishu's open_ids are. */
const openId = (i: number): string => `ou_${i.toString(16).padStart(32, 'a')}`;
const longName = (i: number): string => `欧阳${'明德'.repeat(4)}${i}`;
/** Titles near the domain's 200-character limit, with characters markdown would act on. */
export const longTitle = (i: number): string =>
  `关于${i}号《江阴市人大常委会机关2027年度预算安排及重大项目资金使用情况的报告》*审议*意见的研究[草案]`.repeat(3).slice(0, 190);

export function bigRoster(size = MEMBERS): Member[] {
  const roles = (i: number): Member['role'] => (i === 0 ? 'chair' : i < 3 ? 'viceChair' : i < 5 ? 'clerk' : i < 10 ? 'observer' : 'member');
  return Array.from({ length: size }, (_, i) => ({ id: `p${i}`, name: longName(i), role: roles(i), openId: openId(i) }));
}

export function bigCommittee(profileId: ProfileId = 'JY'): Committee {
  return { version: 1, id: C, chatId: 'oc_big', name: '测试党组', profileId, overrides: {}, timeZone: TZ, roster: bigRoster(), createdAt: NOW };
}

export function bigTopics(count = ITEMS): Topic[] {
  return Array.from({ length: count }, (_, i) => ({
    version: 1, id: `t${i}`, committeeId: C, title: longTitle(i), kind: TOPIC_KINDS[i % TOPIC_KINDS.length]!,
    status: (['submitted', 'confirmed', 'scheduled', 'decided', 'returned'] as const)[i % 5]!,
    submittedBy: `p${i % MEMBERS}`, submittedAt: NOW, materials: [], recusals: [], needsOptions: false, options: [],
    ...(i % 5 === 4 ? { returnReason: '材料不全，请补充后再提交。'.repeat(10), returnedBy: 'p0', returnedAt: NOW } : {}),
  }));
}

export function bigMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    version: 1, id: 'mt1', committeeId: C, title: `2026年第12次党组会议${'（扩大）'.repeat(5)}`, kind: 'regular', status: 'noticed',
    startsAt: '2026-12-08T01:00:00.000Z', location: '机关三楼第一会议室（东侧）', observers: ['p5', 'p6', 'p7', 'p8', 'p9'],
    agenda: bigTopics().map((t) => ({ topicId: t.id, addedAtMeeting: false, ballotIds: [] })),
    noticeSentAt: NOW, noticeOnTime: false, noticeFlags: ['LATE_NOTICE'], noticeBy: '2026-12-05T15:59:59.000Z',
    objectionsBy: '2026-12-06T15:59:59.000Z', objections: [], createdBy: 'p3', ...overrides,
  };
}

export function bigAttendance(): Attendance[] {
  return bigRoster().filter((_, i) => i % 3 !== 2).map((m, i) => ({
    version: 1, meetingId: 'mt1', memberId: m.id,
    ...(i % 4 === 0
      ? { leave: { reason: '外出学习', writtenOpinions: bigTopics().map((t) => ({ topicId: t.id, text: '同意' })), status: 'pending' as const, requestedAt: NOW } }
      : { rsvp: 'attend' as const, signedInAt: NOW, signedInAs: 'voting' as const }),
  }));
}

export function bigLeave(): GeneralLeave {
  return {
    version: 1, id: 'gl1', committeeId: C, applicantId: 'p12', requestedBy: 'p12',
    input: { applicantRole: 'staff', reason: 'private', start: '2026-12-10', end: '2026-12-14', requestedOn: '2026-12-07' },
    reasonText: '家中老人住院，需要陪护。'.repeat(30),
    decision: {
      approvers: ['deptHead', 'deputyInCharge', 'director'], consent: [], alsoAccepted: [], filings: ['office'],
      returnBy: '2026-12-15', tasks: [], days: 3, flags: ['TIER_BOUNDARY_OVERLAP', 'LEAVE_UNIT_SENSITIVE'], basis: ['AJ-15b', 'A1', 'A2'],
    },
    steps: [
      { role: 'deptHead', kind: 'approve', status: 'approved', actorId: 'p13', at: NOW },
      { role: 'deputyInCharge', kind: 'approve', status: 'waiting' },
      { role: 'director', kind: 'approve', status: 'waiting' },
    ],
    status: 'pending', tasks: [], filed: [], createdAt: NOW,
  };
}

export const approvers = (): LeaveApprovers => ({
  version: 1, committeeId: C, assignments: { deptHead: ['p13', 'p14'], deputyInCharge: ['p1'], director: ['p0'] }, setBy: 'p3', setAt: NOW,
});

export type Can = 'all' | 'none';

/** Every card family (and each of its states) built for the big body, with every button allowed or none. */
export function buildEveryCard(can: Can): { name: string; card: Card }[] {
  const yes = can === 'all';
  const committee = bigCommittee();
  const profile = getProfile('JY');
  const topics = bigTopics();
  const meeting = bigMeeting();
  const draft = bigMeeting({ status: 'scheduled', noticeSentAt: undefined, noticeOnTime: undefined });
  const opts = <T>(c: T) => ({ now: NOW, timeZone: TZ, viewer: 'p12', can: c });
  const none = opts({});
  const attendance = bigAttendance();
  const present = attendance.filter((a) => a.signedInAt !== undefined).map((a) => a.memberId);
  const roster = {
    members: committee.roster.filter((m) => ['chair', 'viceChair', 'member'].includes(m.role)).map((m) => m.id),
    present: present.filter((id) => !['p5', 'p6', 'p7', 'p8', 'p9', 'p3', 'p4'].includes(id)),
    onLeave: attendance.filter((a) => a.leave !== undefined).map((a) => a.memberId),
    observers: ['p5', 'p6'],
  };
  const decisions = TOPIC_KINDS.map((kind) => ({
    kind, decision: evaluateItem(profile, { members: roster.members.length, present: roster.present.length, topicKind: kind, method: 'hands' }),
  }));
  const ajCommittee = { ...bigCommittee('AJ') };
  const leaveAttendance = attendance.find((a) => a.leave !== undefined)!;
  return [
    { name: 'setup (first)', card: buildSetupCard(toSetupView({ committeeId: C, committee: null, approvers: null, profileId: 'AJ' }, opts({ save: yes }))) },
    { name: 'setup (saved)', card: buildSetupCard(toSetupView({ committeeId: C, committee: ajCommittee, approvers: approvers() }, opts({ save: yes }))) },
    ...topics.slice(0, 5).map((t) => ({ name: `topic (${t.status})`, card: buildTopicCard(toTopicView(t, committee, opts({ confirm: yes, return: yes }))) })),
    { name: 'topic list', card: buildTopicListCard(toTopicListView([...topics, ...topics.map((t) => ({ ...t, id: `${t.id}b` }))], committee, none)) },
    { name: 'meeting draft (late)', card: buildMeetingDraftCard(toMeetingDraftView(draft, topics, committee, getProfile('NT'), checkNotice(getProfile('NT'), draft.startsAt, NOW), opts({ sendNotice: yes, cancel: yes, openSignIn: yes }))) },
    { name: 'meeting draft (on time)', card: buildMeetingDraftCard(toMeetingDraftView(draft, topics, committee, getProfile('NT'), checkNotice(getProfile('NT'), '2026-12-20T01:00:00.000Z', NOW), opts({ sendNotice: yes, cancel: yes, openSignIn: yes }))) },
    { name: 'notice', card: buildNoticeCard(toNoticeView(meeting, topics, committee, attendance, getProfile('NT'), opts({ attend: yes, leave: yes, object: yes, openSignIn: yes }))) },
    { name: 'notice (cancelled)', card: buildNoticeCard(toNoticeView({ ...meeting, status: 'cancelled' }, topics, committee, attendance, getProfile('NT'), opts({ attend: yes, leave: yes, object: yes, openSignIn: yes }))) },
    { name: 'objection form', card: buildObjectionCard(toObjectionView(meeting, undefined, opts({ object: yes }))) },
    { name: 'objection submitted', card: buildObjectionCard(toObjectionView(meeting, '异'.repeat(1000), opts({ object: yes }))) },
    { name: 'meeting leave form', card: buildMeetingLeaveCard(toMeetingLeaveFormView(meeting, topics, committee, ['JY-23c'], none)) },
    { name: 'general leave form', card: buildGeneralLeaveCard(toGeneralLeaveFormView(C, none)) },
    { name: 'leave approval (general)', card: buildLeaveApprovalCard(toLeaveApprovalView(bigLeave(), committee, getProfile('AJ'), opts({ decide: yes }))) },
    { name: 'leave approval (meeting)', card: buildLeaveApprovalCard(toMeetingLeaveApprovalView(meeting, leaveAttendance, committee, ['JY-23c'], opts({ decide: yes }))) },
    { name: 'leave return', card: buildLeaveReturnCard(toLeaveReturnView(bigLeave(), ['AJ-15c'], opts({ return: yes }))) },
    { name: 'sign-in', card: buildSignInCard(toSignInView({ ...meeting, status: 'inProgress' }, committee, roster, profile, decisions, opts({ signIn: yes }))) },
    ...(['NATIONAL', 'JY', 'NT', 'MS', 'ZY', 'AJ'] as const).map((id) => ({ name: `rules (${id})`, card: buildRulesCard(toRulesView(getProfile(id), {})) })),
    { name: 'help (chair)', card: buildHelpCard(toHelpView('chair', () => true, false)) },
    { name: 'help (first setup)', card: buildHelpCard(toHelpView(null, (word) => word === '/设置' || word === '/帮助', true)) },
    { name: 'meeting reminder', card: buildReminderCard({ type: 'meetingStarting', title: meeting.title, startsAt: meeting.startsAt, minutesBefore: 30, ...(meeting.location === undefined ? {} : { location: meeting.location }) }, TZ) },
    { name: 'task reminder', card: buildReminderCard({ type: 'taskOverdue', title: longTitle(1).slice(0, 200), due: '2026-12-14', owner: committee.roster[3]?.name ?? '' }, TZ) },
    { name: 'approval reminder', card: buildReminderCard({ type: 'leavePending', applicant: committee.roster[3]?.name ?? '', days: 3, start: '2026-12-09', end: '2026-12-11', waitingSince: NOW }, TZ) },
    { name: 'duty reminder', card: buildReminderCard({ type: 'dutyOverdue', title: '常委碰头会', window: '2026-12b', due: '2026-12-31', basis: ['ZY-TB-3', 'A13'] }, TZ) },
  ];
}
