/**
 * 出席: RSVP, 会议请假 with written opinions per topic, the chair's answer, and 签到. One document
 * per person and meeting (ATTENDANCE, id attendanceId(meetingId, memberId), indexed per meeting).
 *
 * Voting members count; clerks and observers (列席, JY-25, NT-3.5a) sign in and are recorded as
 * attending but never count. A member on leave stays 应到会 (leave never lowers a quorum); written opinions are
 * recorded and shown to the chair, never counted (JY-24c, A7). The per-item quorum is in
 * attendance-quorum.ts.
 */
import { z } from 'zod';
import type { Attendance, Committee, Meeting, MeetingLeave } from '../domain/index.js';
import { AttendanceSchema, IdSchema, isVotingMember, MeetingLeaveSchema, signInPossible, TextSchema, WrittenOpinionSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { decideLeave } from '../rules/index.js';
import { update } from '../store/doc-store.js';
import { ATTENDANCE, attendanceId, docKey, getDoc, indexKey } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { calendarOf, loadCommittee, memberOf, profileOf } from './context.js';
import { parseInput } from './input.js';
import { loadMeeting } from './loaders.js';
import { leaveStands } from './presence.js';
import { remindOfMeetingLeave } from './reminders-meeting-leave.js';

const Ref = { committeeId: IdSchema, meetingId: IdSchema, actorId: IdSchema };
const SignInSchema = z.object(Ref);
export type SignInInput = z.input<typeof SignInSchema>;

const RsvpSchema = z.object({ ...Ref, answer: AttendanceSchema.shape.rsvp.unwrap() });
export type RsvpInput = z.input<typeof RsvpSchema>;

const LeaveRequestSchema = z.object({
  ...Ref,
  reason: TextSchema,
  reasonKind: MeetingLeaveSchema.shape.reasonKind.unwrap().default('private'),
  writtenOpinions: z.array(WrittenOpinionSchema).max(50).default([]),
});
export type MeetingLeaveInput = z.input<typeof LeaveRequestSchema>;

const LeaveDecisionSchema = z.object({ ...Ref, memberId: IdSchema, approve: z.boolean() });
export type DecideMeetingLeaveInput = z.input<typeof LeaveDecisionSchema>;

export type AttendeeClass = NonNullable<Attendance['signedInAs']>;

/**
 * How a person takes part in this meeting: a voting member in post; an observer invited to it; a
 * clerk. Anyone else on the roster (an observer not invited, a member excluded by decision) is not
 * expected at this meeting.
 */
export function attendeeClass(committee: Committee, meeting: Meeting, personId: string): AttendeeClass {
  const person = memberOf(committee, personId);
  if (isVotingMember(person)) return 'voting';
  if (meeting.observers.includes(person.id)) return 'observer';
  if (person.role === 'clerk') return 'clerk';
  throw new RefusedError('NOT_INVITED');
}


interface AttendanceContext { committee: Committee; meeting: Meeting; attendance: Attendance; now: Date }
interface AttendanceChange { next: Attendance; action: string; data: Record<string, unknown> }

/**
 * Read the committee, the meeting and one person's attendance (new if absent), let `decide` refuse
 * or change it, and write it with its index entry and audit entry. `decide` returning null means
 * "already so": nothing is written (a retried tap gets the same answer back).
 */
async function changeAttendance(deps: ServiceDeps, ref: { committeeId: string; meetingId: string; actorId: string }, personId: string,
  decide: (context: AttendanceContext) => AttendanceChange | null): Promise<Attendance> {
  return update(deps.redis, async () => {
    const committee = await loadCommittee(deps, ref.committeeId);
    const meeting = await loadMeeting(deps, committee.id, ref.meetingId);
    const id = attendanceId(meeting.id, personId);
    const attendance = (await getDoc(deps.redis, committee.id, ATTENDANCE, id)) ?? { version: 0, meetingId: meeting.id, memberId: personId };
    const now = deps.clock.now();
    const change = decide({ committee, meeting, attendance, now });
    if (change === null) return { commit: { committeeId: committee.id, at: now, docs: [], audit: null }, result: attendance };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, ATTENDANCE, id), value: change.next }],
        indexes: [{ key: indexKey(committee.id, ATTENDANCE, meeting.id), member: id }],
        audit: { actor: ref.actorId, action: change.action, subject: id, data: change.data } },
      result: { ...change.next, version: change.next.version + 1 },
    };
  });
}

function before(meeting: Meeting): boolean {
  return meeting.status === 'scheduled' || meeting.status === 'noticed';
}

/** 回执: a member (or an invited observer) says whether they will attend. */
export async function rsvp(deps: ServiceDeps, input: RsvpInput): Promise<Attendance> {
  const data = parseInput(RsvpSchema, input);
  return changeAttendance(deps, data, data.actorId, ({ committee, meeting, attendance }) => {
    authorize(committee, data.actorId, 'attendance.rsvp');
    attendeeClass(committee, meeting, data.actorId);
    if (!before(meeting)) throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    if (attendance.rsvp === data.answer) return null;
    return { next: { ...attendance, rsvp: data.answer }, action: 'attendance.rsvp', data: { answer: data.answer } };
  });
}

function checkOpinions(meeting: Meeting, opinions: readonly { topicId: string }[]): void {
  const topics = opinions.map((o) => o.topicId);
  if (new Set(topics).size !== topics.length) throw new RefusedError('INVALID_INPUT', 'one written opinion per topic');
  if (!topics.every((id) => meeting.agenda.some((item) => item.topicId === id))) throw new RefusedError('INVALID_INPUT', 'topic not on the agenda');
}

/**
 * 会议请假, before the meeting (JY-23c 应在会前请假; NT-3.5c 事先请假并经会议主持人同意), with
 * written opinions on agenda topics. decideLeave says who approves: the chair where the profile
 * regulates meeting absence (NATIONAL, JY, NT, AJ); where it does not (OUT_OF_SCOPE: MS, ZY) the
 * leave is recorded and stands without approval. Asking again replaces a pending or refused request.
 */
export async function requestMeetingLeave(deps: ServiceDeps, input: MeetingLeaveInput): Promise<Attendance> {
  const data = parseInput(LeaveRequestSchema, input);
  const requested = await changeAttendance(deps, data, data.actorId, ({ committee, meeting, attendance, now }) => {
    authorize(committee, data.actorId, 'attendance.leave');
    if (meeting.status === 'cancelled') throw new RefusedError('INVALID_STATE', 'meeting cancelled');
    if (!before(meeting)) throw new RefusedError('LEAVE_AFTER_START');
    if (attendance.signedInAt !== undefined) throw new RefusedError('INVALID_STATE', 'signed in');
    if (leaveStands(attendance.leave)) throw new RefusedError('INVALID_STATE', `leave ${attendance.leave?.status}`);
    checkOpinions(meeting, data.writtenOpinions);
    const decision = decideLeave(profileOf(committee), { applicantRole: 'member', reason: data.reasonKind, kind: 'meetingAbsence' }, calendarOf(deps));
    const needsApproval = decision.approvers.length > 0 && !decision.flags.includes('OUT_OF_SCOPE');
    const leave: MeetingLeave = {
      reason: data.reason, reasonKind: data.reasonKind, writtenOpinions: data.writtenOpinions,
      status: needsApproval ? 'pending' : 'recorded', requestedAt: now.toISOString(),
      approvers: decision.approvers, flags: decision.flags,
    };
    return {
      next: { ...attendance, rsvp: 'absent', leave }, action: 'attendance.leave',
      data: { status: leave.status, approvers: decision.approvers, flags: decision.flags, opinions: data.writtenOpinions.length },
    };
  });
  await remindOfMeetingLeave(deps, data.committeeId, requested);
  return requested;
}

/** Whoever chairs the meeting approves or refuses a pending meeting leave (NT-3.5c); never their own. */
export async function decideMeetingLeave(deps: ServiceDeps, input: DecideMeetingLeaveInput): Promise<Attendance> {
  const data = parseInput(LeaveDecisionSchema, input);
  const decided = await changeAttendance(deps, data, data.memberId, ({ committee, meeting, attendance, now }) => {
    authorize(committee, data.actorId, 'attendance.decideLeave', { meeting });
    if (data.actorId === data.memberId) throw new RefusedError('OWN_LEAVE');
    if (meeting.status === 'closed' || meeting.status === 'cancelled') throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    const leave = attendance.leave;
    if (leave?.status !== 'pending') throw new RefusedError('INVALID_STATE', `leave ${leave?.status ?? 'none'}`);
    const decided: MeetingLeave = { ...leave, status: data.approve ? 'approved' : 'rejected', decidedBy: data.actorId, decidedAt: now.toISOString() };
    return { next: { ...attendance, leave: decided }, action: 'attendance.leaveDecision', data: { memberId: data.memberId, status: decided.status } };
  });
  await remindOfMeetingLeave(deps, data.committeeId, decided);
  return decided;
}

/**
 * 签到: from the notice until the meeting closes (an emergency meeting may go without a notice).
 * Signing in twice changes nothing. A member whose leave stands may still come and sign in: then
 * they are present, and their written opinions are no longer an absentee's.
 */
export async function signIn(deps: ServiceDeps, input: SignInInput): Promise<Attendance> {
  const data = parseInput(SignInSchema, input);
  return changeAttendance(deps, data, data.actorId, ({ committee, meeting, attendance, now }) => {
    authorize(committee, data.actorId, 'attendance.signIn');
    const as = attendeeClass(committee, meeting, data.actorId);
    if (!signInPossible(meeting)) throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    if (attendance.signedInAt !== undefined) return null;
    return { next: { ...attendance, signedInAt: now.toISOString(), signedInAs: as }, action: 'attendance.signIn', data: { as } };
  });
}
