/**
 * Who is here: the one computation of presence and written opinions, used by the quorum view and
 * by voting alike, so that the two can never disagree.
 *   N (应到会)  = voting members in post (isVotingMember: no observers, clerks, or members excluded
 *                by a recorded decision, A19); members on leave stay in N (leave never lowers a quorum);
 *   present    = voting members who signed in as voting members; observers and clerks never count
 *                (JY-25, NT-3.5a), nor does someone who signed in as one and joined the roster later;
 *   written opinions = those of voting members not signed in at all whose leave stands (approved,
 *                or recorded where no approver is named), on one topic (A7: recorded, never counted).
 * Pure: reads the committee and the meeting's attendance documents only.
 */
import type { Attendance, Committee, MeetingLeave } from '../domain/index.js';
import { isVotingMember } from '../domain/index.js';

export interface MeetingRoster {
  /** Voting members in post: 应到会. */
  members: string[];
  present: string[];
  /** Voting members not signed in whose leave stands (approved, or recorded where none is needed). */
  onLeave: string[];
  /** Voting members not signed in who asked for leave that is still waiting for the chair. */
  leavePending: string[];
  /** Voting members neither present nor on leave (pending leave included). */
  absent: string[];
  /** Observers (列席) and clerks who signed in: attending, never counted. */
  observers: string[];
  clerks: string[];
}

export interface WrittenOpinionView { memberId: string; text: string }

/** A leave that stands: approved by the chair, or recorded where no approval is needed. */
export function leaveStands(leave: MeetingLeave | undefined): boolean {
  return leave?.status === 'approved' || leave?.status === 'recorded';
}

/** N (应到会): voting members in post, without members excluded by a recorded decision (A19). */
export function votingMembers(committee: Committee): string[] {
  return committee.roster.filter(isVotingMember).map((m) => m.id);
}

const signedInAs = (a: Attendance | undefined): Attendance['signedInAs'] | null =>
  (a?.signedInAt === undefined ? null : (a.signedInAs ?? 'voting'));

/** The roster of one meeting from the committee and its attendance documents. */
export function meetingRoster(committee: Committee, attendance: readonly Attendance[]): MeetingRoster {
  const byPerson = new Map(attendance.map((a) => [a.memberId, a]));
  const members = votingMembers(committee);
  const isPresent = (id: string): boolean => signedInAs(byPerson.get(id)) === 'voting';
  // Whoever signed in came, in whatever capacity: their leave no longer makes them an absentee.
  const away = (id: string): boolean => signedInAs(byPerson.get(id)) === null;
  const onLeave = members.filter((id) => away(id) && leaveStands(byPerson.get(id)?.leave));
  const attendingAs = (as: 'observer' | 'clerk'): string[] => attendance.filter((a) => signedInAs(a) === as).map((a) => a.memberId);
  return {
    members,
    present: members.filter(isPresent),
    onLeave,
    leavePending: members.filter((id) => away(id) && byPerson.get(id)?.leave?.status === 'pending'),
    absent: members.filter((id) => !isPresent(id) && !onLeave.includes(id)),
    observers: attendingAs('observer'),
    clerks: attendingAs('clerk'),
  };
}

/** Written opinions on `topicId` of the members on leave, in attendance order. */
export function writtenOpinionsOn(roster: MeetingRoster, attendance: readonly Attendance[], topicId: string): WrittenOpinionView[] {
  const onLeave = new Set(roster.onLeave);
  return attendance.flatMap((a) => {
    if (!onLeave.has(a.memberId)) return [];
    const opinion = a.leave?.writtenOpinions.find((o) => o.topicId === topicId);
    return opinion ? [{ memberId: a.memberId, text: opinion.text }] : [];
  });
}
