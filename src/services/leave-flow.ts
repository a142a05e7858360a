/**
 * What the leave conversations need beyond the leave and attendance use cases: the meeting a
 * member would be absent from and its agenda, who must act next (the meeting's chair, the holders
 * of a general leave's waiting step), the applicant's role in the rules' vocabulary, and the
 * leave a member has to 销假.
 */
import { z } from 'zod';
import type { Attendance, Committee, GeneralLeave, Meeting, Member, Topic } from '../domain/index.js';
import { DateSchema, IdSchema, LeaveReasonSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import type { LeaveInput } from '../rules/index.js';
import { decideLeave } from '../rules/index.js';
import { ATTENDANCE, attendanceId, getDoc, LEAVE_APPROVERS, LEAVES, listDocs, MEETINGS } from '../store/repos.js';
import { requestMeetingLeave, type MeetingLeaveInput } from './attendance.js';
import { authorize, chairsMeeting } from './authority.js';
import type { ServiceDeps } from './context.js';
import { calendarOf, loadCommittee, memberOf, profileOf } from './context.js';
import { parseInput } from './input.js';
import { requestLeave, rolesHeldBy } from './leave.js';
import { loadMeeting, loadTopic } from './loaders.js';

const Viewer = z.object({ committeeId: IdSchema, viewerId: IdSchema });
const MeetingView = z.object({ committeeId: IdSchema, meetingId: IdSchema, viewerId: IdSchema });

const beforeStart = (meeting: Meeting): boolean => meeting.status === 'scheduled' || meeting.status === 'noticed';

export interface MeetingLeaveForm { committee: Committee; meeting: Meeting; topics: Topic[]; basis: readonly string[] }

/** The meeting and its agenda topics for a member's 会议请假 form; refused to whoever may not ask. */
export async function meetingLeaveForm(deps: ServiceDeps, raw: z.input<typeof MeetingView>): Promise<MeetingLeaveForm> {
  const input = parseInput(MeetingView, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.viewerId, 'attendance.leave');
  const meeting = await loadMeeting(deps, committee.id, input.meetingId);
  if (!beforeStart(meeting)) throw new RefusedError('LEAVE_AFTER_START');
  const topics = await Promise.all(meeting.agenda.map((item) => loadTopic(deps, committee.id, item.topicId)));
  return { committee, meeting, topics, basis: meetingLeaveBasis(deps, committee) };
}

const sameOpinions = (a: readonly { topicId: string; text: string }[], b: readonly { topicId: string; text: string }[]): boolean =>
  a.length === b.length && a.every((o) => b.some((p) => p.topicId === o.topicId && p.text === o.text));

/**
 * 会议请假 as the member submits it. The same request again (a second tap on 提交请假) is the first
 * one, `repeated`, and writes nothing; a different one goes to requestMeetingLeave, which decides.
 */
export async function askMeetingLeave(deps: ServiceDeps, input: MeetingLeaveInput): Promise<{ attendance: Attendance; repeated: boolean }> {
  authorize(await loadCommittee(deps, input.committeeId), input.actorId, 'attendance.leave');
  const current = await getDoc(deps.redis, input.committeeId, ATTENDANCE, attendanceId(input.meetingId, input.actorId));
  const leave = current?.leave;
  if (current && leave && leave.status !== 'rejected' && leave.reason === input.reason.trim() && sameOpinions(leave.writtenOpinions, input.writtenOpinions ?? [])) {
    return { attendance: current, repeated: true };
  }
  return { attendance: await requestMeetingLeave(deps, input), repeated: false };
}

/** The rule that says who approves a meeting absence, for the cards that show the basis. */
export function meetingLeaveBasis(deps: ServiceDeps, committee: Committee): readonly string[] {
  return decideLeave(profileOf(committee), { applicantRole: 'member', reason: 'private', kind: 'meetingAbsence' }, calendarOf(deps)).basis;
}

/** The next meeting not yet begun, for `/请假 <原因>`; refused when there is none. */
export async function nextMeetingOf(deps: ServiceDeps, raw: z.input<typeof Viewer>): Promise<Meeting> {
  const input = parseInput(Viewer, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.viewerId, 'attendance.leave');
  const now = deps.clock.now().toISOString();
  const upcoming = (await listDocs(deps.redis, committee.id, MEETINGS))
    .filter((m) => beforeStart(m) && m.startsAt > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
  const [next] = upcoming;
  if (next === undefined) throw new RefusedError('NO_UPCOMING_MEETING');
  return next;
}

/** Whoever chairs this meeting (the chair, or the vice chair it was delegated to). */
export function meetingChairsOf(committee: Committee, meeting: Meeting): Member[] {
  return committee.roster.filter((m) => chairsMeeting(committee, m.id, meeting));
}

/** The people who may act on the leave's waiting step now, in roster order; none once it is settled. */
export async function waitingStepHolders(deps: ServiceDeps, committee: Committee, leave: GeneralLeave): Promise<Member[]> {
  const step = leave.steps.find((s) => s.status === 'waiting');
  if (leave.status !== 'pending' || step === undefined) return [];
  const approvers = await getDoc(deps.redis, committee.id, LEAVE_APPROVERS, committee.id);
  const accepted = step.kind === 'approve' ? [step.role, ...leave.decision.alsoAccepted] : [step.role];
  return committee.roster.filter((m) => m.id !== leave.applicantId && accepted.some((r) => rolesHeldBy(committee, approvers, m.id).has(r)));
}

/** Everyone who has acted on the leave's steps, once each. */
export function stepActorsOf(committee: Committee, leave: GeneralLeave): Member[] {
  const ids = new Set(leave.steps.flatMap((s) => (s.actorId === undefined ? [] : [s.actorId])));
  return committee.roster.filter((m) => ids.has(m.id));
}

/**
 * The applicant's role in the rules' vocabulary, from the roster and the approver assignments:
 * under a county committee's tiers (ZY-JD-4.2) the chair is the principal and the other members
 * are county leaders; in an office with staff tiers (AJ-15b) whoever holds 科室负责人 is a
 * department head, the leadership (主任, 副主任) is out of the office's rules, everyone else is staff;
 * elsewhere a member of the body.
 */
export function applicantRoleOf(committee: Committee, approverRoles: ReadonlySet<string>, memberId: string): LeaveInput['applicantRole'] {
  const { leave } = profileOf(committee);
  const member = memberOf(committee, memberId);
  const leader = member.role === 'chair' || member.role === 'viceChair';
  if (leave.countyLeaderBands) return member.role === 'chair' ? 'countyPrincipal' : member.role === 'member' || member.role === 'viceChair' ? 'countyLeader' : 'staff';
  if (leave.staffBands) return approverRoles.has('deptHead') ? 'deptHead' : leader ? 'countyLeader' : 'staff';
  return 'member';
}

const GeneralInput = z.object({
  committeeId: IdSchema, applicantId: IdSchema, start: DateSchema, end: DateSchema,
  reason: LeaveReasonSchema, reasonText: z.string().trim().min(1).max(500),
});

const repeats = (leave: GeneralLeave, input: z.infer<typeof GeneralInput>): boolean =>
  leave.applicantId === input.applicantId && leave.input.start === input.start && leave.input.end === input.end
  && leave.input.reason === input.reason && leave.reasonText === input.reasonText && leave.status !== 'rejected' && leave.status !== 'returned';

/**
 * 请假申请 as a member types or fills it: the role comes from the roster, days from the dates. The
 * same request again (a second tap on 提交申请, the command sent twice) is the first one, `repeated`.
 */
export async function requestGeneralLeave(deps: ServiceDeps, raw: z.input<typeof GeneralInput>): Promise<{ leave: GeneralLeave; repeated: boolean }> {
  const input = parseInput(GeneralInput, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.applicantId, 'leave.request', { subjects: [input.applicantId] });
  const earlier = (await listDocs(deps.redis, committee.id, LEAVES)).find((l) => repeats(l, input));
  if (earlier !== undefined) return { leave: earlier, repeated: true };
  const approvers = await getDoc(deps.redis, committee.id, LEAVE_APPROVERS, committee.id);
  const applicantRole = applicantRoleOf(committee, rolesHeldBy(committee, approvers, input.applicantId), input.applicantId);
  // A member's leave is a leave, not a meeting absence; a 公出 is a trip (the rules' default).
  const kind = input.reason === 'business' ? 'trip' : 'leave';
  return { leave: await requestLeave(deps, { ...input, applicantRole, kind }), repeated: false };
}

/** The applicant's most recent settled leave (approved, and filed where it must be), for 销假. */
export async function leaveToReturn(deps: ServiceDeps, raw: z.input<typeof Viewer>): Promise<GeneralLeave> {
  const input = parseInput(Viewer, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.viewerId, 'leave.return', { subjects: [input.viewerId] });
  const mine = (await listDocs(deps.redis, committee.id, LEAVES))
    .filter((l) => l.applicantId === input.viewerId && (l.status === 'approved' || l.status === 'filed') && l.decision.returnBy !== undefined)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  const [latest] = mine;
  if (latest === undefined) throw new RefusedError('NO_LEAVE_TO_RETURN');
  return latest;
}
