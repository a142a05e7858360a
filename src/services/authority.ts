/**
 * Who may do what: one table, the only source of every service's authority check. A service calls
 * `authorize` with its action before it decides anything else; the refusal names who may act
 * (USER_MESSAGES). The table is tested whole, role by role, against the real services.
 *
 * A vice chair holds no chair power of his own (JY-10, NT-3.3: he chairs 受书记委托): he acts as
 * chair only for a meeting he chairs — its recorded chairId, or, before it starts, a delegation the
 * chair recorded on it. Committee-wide chair acts (confirming topics, giving roles) are the 书记's.
 */
import type { Committee, Meeting, Member } from '../domain/index.js';
import { isVotingMember } from '../domain/index.js';
import { RefusedError, type RefusalCode } from '../errors.js';

/**
 * - chair: the committee's 书记.
 * - meetingChair: whoever chairs the meeting the action is about (see chairsMeeting).
 * - clerk: a 秘书 (office staff).
 * - voter: a member with a vote (书记, 副书记, 委员, not excluded by decision).
 * - roster: anyone on the roster, observers included.
 * - self: the person the action is about (the task's owner, the leave's applicant or approvers, the recused member).
 */
export type Grant = 'chair' | 'meetingChair' | 'clerk' | 'voter' | 'roster' | 'self';

export interface Permission {
  readonly who: readonly Grant[];
  /** What someone on the roster without a grant is told; someone not on the roster gets NOT_A_MEMBER. */
  readonly refusal: RefusalCode;
}

const OFFICE = { who: ['chair', 'clerk'], refusal: 'NOT_CLERK' } as const satisfies Permission;
const CHAIR_ONLY = { who: ['chair'], refusal: 'NOT_COMMITTEE_CHAIR' } as const satisfies Permission;
const MEETING_CHAIR = { who: ['meetingChair'], refusal: 'NOT_CHAIR' } as const satisfies Permission;
const VOTER = { who: ['voter'], refusal: 'NOT_VOTING_MEMBER' } as const satisfies Permission;
const OWNER_OR_OFFICE = { who: ['self', 'chair', 'clerk'], refusal: 'NOT_OWNER_OR_CLERK' } as const satisfies Permission;
/** Reads: anyone on the roster; finer limits (a secret ballot's voters, a leave's reason) are the service's. */
const READ = { who: ['roster'], refusal: 'NOT_A_MEMBER' } as const satisfies Permission;

export const PERMISSIONS = {
  /** Profile, overrides and the roster's other roles. */
  'committee.change': OFFICE,
  /** Who is chair or vice chair: only the chair changes it (a clerk never, not even for himself). */
  'committee.assignLeaders': CHAIR_ONLY,
  'leave.setApprovers': OFFICE,
  'topic.submit': { who: ['voter', 'clerk'], refusal: 'NOT_SUBMITTER' },
  'topic.confirm': CHAIR_ONLY,
  'topic.return': CHAIR_ONLY,
  /** A member declares his own 回避; the office or the chair records anyone's. */
  'topic.recusal': OWNER_OR_OFFICE,
  'topic.list': READ,
  'meeting.schedule': OFFICE,
  'meeting.agenda': OFFICE,
  'meeting.notice': OFFICE,
  'meeting.delegate': CHAIR_ONLY,
  /** Before it starts; the agenda's topics go back to 已确认 for another meeting. */
  'meeting.cancel': OFFICE,
  /** 改期, before it starts; a notice already sent is checked again against the new time. */
  'meeting.reschedule': OFFICE,
  'meeting.objection': VOTER,
  'meeting.start': MEETING_CHAIR,
  'meeting.addItem': MEETING_CHAIR,
  'meeting.close': MEETING_CHAIR,
  'meeting.list': READ,
  /** Anyone on the roster; whether this meeting expects them (NOT_INVITED) is the service's check. */
  'attendance.rsvp': READ,
  'attendance.signIn': READ,
  /** 开始签到: whoever chairs the meeting, or the office that runs it. */
  'attendance.openSignIn': { who: ['meetingChair', 'clerk'], refusal: 'NOT_CHAIR_OR_CLERK' },
  'attendance.leave': VOTER,
  'attendance.decideLeave': MEETING_CHAIR,
  'attendance.quorum': READ,
  'ballot.open': MEETING_CHAIR,
  'ballot.close': MEETING_CHAIR,
  /** 提醒未投票: whoever may close the ballot. */
  'ballot.remind': MEETING_CHAIR,
  'ballot.defer': MEETING_CHAIR,
  'ballot.reconsider': MEETING_CHAIR,
  /** A voter; that he was in the ballot's electorate is the service's check. */
  'ballot.reserveOpinion': VOTER,
  'ballot.view': READ,
  'evaluation.open': OFFICE,
  'evaluation.close': OFFICE,
  /** 提醒未测评: whoever may close the evaluation. */
  'evaluation.remind': OFFICE,
  'evaluation.view': READ,
  'minutes.draft': OFFICE,
  'minutes.signOff': MEETING_CHAIR,
  /** Where the profile lets only the 书记 sign (JY-27 经党组书记审签). */
  'minutes.signOffChairOnly': CHAIR_ONLY,
  'minutes.view': READ,
  'task.create': OFFICE,
  'task.progress': OWNER_OR_OFFICE,
  'task.complete': OWNER_OR_OFFICE,
  'task.list': READ,
  'task.overdue': READ,
  /** For oneself, or by the office on someone's behalf. */
  'leave.request': OWNER_OR_OFFICE,
  /** Anyone on the roster; the service lets only the holder of the waiting step's role act, in turn. */
  'leave.act': READ,
  'leave.file': OFFICE,
  'leave.return': OWNER_OR_OFFICE,
  /** The reason may be a diagnosis: the applicant, the approvers, the chair and the office only. */
  'leave.view': { who: ['self', 'chair', 'clerk'], refusal: 'LEAVE_PRIVATE' },
  'duty.record': OFFICE,
  'duty.status': READ,
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

/**
 * Actions whose authority is the electorate frozen when the vote opened, checked by the store's
 * cast script itself (nothing is read before it on the hot path); listed so the table test covers them.
 */
export const ELECTORATE_ACTIONS = ['ballot.cast', 'evaluation.rate'] as const;

export interface AuthorityContext {
  /** The meeting the action is about (who chairs it): required by actions granted to `meetingChair`. */
  readonly meeting?: Pick<Meeting, 'chairId' | 'delegatedTo'>;
  /** The people the action is about, for `self`. */
  readonly subjects?: readonly string[];
}

/**
 * Whether `actorId` chairs `meeting`: its recorded chair once it has one; before that the 书记, or
 * the vice chair the 书记 delegated it to.
 */
export function chairsMeeting(committee: Committee, actorId: string, meeting: Pick<Meeting, 'chairId' | 'delegatedTo'>): boolean {
  const member = committee.roster.find((m) => m.id === actorId);
  if (!member) return false;
  if (meeting.chairId !== undefined) return meeting.chairId === actorId;
  return member.role === 'chair' || (member.role === 'viceChair' && meeting.delegatedTo === actorId);
}

function holds(committee: Committee, member: Member, grant: Grant, context: AuthorityContext): boolean {
  switch (grant) {
    case 'chair': return member.role === 'chair';
    case 'clerk': return member.role === 'clerk';
    case 'voter': return isVotingMember(member);
    case 'roster': return true;
    case 'self': return context.subjects?.includes(member.id) ?? false;
    case 'meetingChair':
      if (!context.meeting) throw new Error('meetingChair needs the meeting');
      return chairsMeeting(committee, member.id, context.meeting);
  }
}

/** Whether the actor may do `action`, without throwing: what a card or /帮助 offers him. */
export function mayDo(committee: Committee, actorId: string, action: Action, context: AuthorityContext = {}): boolean {
  const member = committee.roster.find((m) => m.id === actorId);
  const grants: readonly Grant[] = PERMISSIONS[action].who;
  return member !== undefined && grants.some((grant) => holds(committee, member, grant, context));
}

/** The actor as a roster member when he may do `action`; else the refusal that says who may. */
export function authorize(committee: Committee, actorId: string, action: Action, context: AuthorityContext = {}): Member {
  const member = committee.roster.find((m) => m.id === actorId);
  if (!member) throw new RefusedError('NOT_A_MEMBER');
  if (!mayDo(committee, actorId, action, context)) throw new RefusedError(PERMISSIONS[action].refusal, action);
  return member;
}
