/**
 * Who is here, and is this item quorate? The roster of one meeting (present / absent / on leave /
 * observers / clerks) and the rules module's verdict on one agenda item:
 *   N (应到会)  = voting members in post (isVotingMember: no observers, clerks, or members excluded
 *                by a recorded decision, A19); members on leave stay in N (CATALOG §1.4);
 *   present    = voting members signed in; observers and clerks never count (JY-25, NT-3.5a);
 *   recused    = members recused from this topic who are present (A6);
 *   written opinions = those of absent members whose leave stands, on this topic (A7: recorded,
 *                never counted).
 * Reads only; nothing here changes the record.
 */
import { z } from 'zod';
import type { Attendance, Committee, Meeting, Topic } from '../domain/index.js';
import { IdSchema, isVotingMember, VoteMethodSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { evaluateItem, type ItemDecision } from '../rules/index.js';
import { attendanceOf, leaveStands } from './attendance.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, profileOf } from './context.js';
import { parseInput } from './input.js';
import { isEmergency, loadMeeting } from './meetings.js';
import { loadTopic } from './topics.js';

export interface MeetingRoster {
  /** Voting members in post: 应到会. */
  members: string[];
  present: string[];
  /** Voting members not signed in whose leave stands (approved, or recorded where none is needed). */
  onLeave: string[];
  /** Voting members not signed in who asked for leave that is still waiting for the chair. */
  leavePending: string[];
  /** Voting members not signed in, without a standing leave (pending ones included). */
  absent: string[];
  /** Observers (列席) and clerks who signed in: attending, never counted. */
  observers: string[];
  clerks: string[];
}

/** Pure: the roster of one meeting from the committee and its attendance documents. */
export function meetingRoster(committee: Committee, attendance: readonly Attendance[]): MeetingRoster {
  const byPerson = new Map(attendance.map((a) => [a.memberId, a]));
  const members = committee.roster.filter(isVotingMember).map((m) => m.id);
  const signedIn = (id: string): boolean => byPerson.get(id)?.signedInAt !== undefined;
  const notHere = members.filter((id) => !signedIn(id));
  const signedInAs = (as: Attendance['signedInAs']): string[] =>
    attendance.filter((a) => a.signedInAt !== undefined && a.signedInAs === as).map((a) => a.memberId);
  return {
    members,
    present: members.filter(signedIn),
    onLeave: notHere.filter((id) => leaveStands(byPerson.get(id)?.leave)),
    leavePending: notHere.filter((id) => byPerson.get(id)?.leave?.status === 'pending'),
    absent: notHere.filter((id) => !leaveStands(byPerson.get(id)?.leave)),
    observers: signedInAs('observer'),
    clerks: signedInAs('clerk'),
  };
}

export async function rosterOf(deps: ServiceDeps, committee: Committee, meetingId: string): Promise<MeetingRoster> {
  return meetingRoster(committee, await attendanceOf(deps, committee.id, meetingId));
}

const ItemQuorumSchema = z.object({
  committeeId: IdSchema, meetingId: IdSchema, topicId: IdSchema, viewerId: IdSchema, method: VoteMethodSchema.default('hands'),
});
export type ItemQuorumInput = z.input<typeof ItemQuorumSchema>;

export interface WrittenOpinionView { memberId: string; text: string }

export interface ItemQuorum {
  decision: ItemDecision;
  roster: MeetingRoster;
  /** Present members recused from this item. */
  recused: string[];
  /** Absent members' written opinions on this item, for the chair. */
  writtenOpinions: WrittenOpinionView[];
}

function opinionsOn(topicId: string, roster: MeetingRoster, attendance: readonly Attendance[]): WrittenOpinionView[] {
  const absentees = new Set(roster.onLeave);
  return attendance.flatMap((a) => {
    if (!absentees.has(a.memberId)) return [];
    const opinion = a.leave?.writtenOpinions.find((o) => o.topicId === topicId);
    return opinion ? [{ memberId: a.memberId, text: opinion.text }] : [];
  });
}

/** The item's quorum (and, with no votes yet, its required yes count) under the committee's profile. */
export function evaluateAgendaItem(committee: Committee, meeting: Meeting, topic: Topic, attendance: readonly Attendance[],
  method: z.infer<typeof VoteMethodSchema> = 'hands'): ItemQuorum {
  const item = meeting.agenda.find((i) => i.topicId === topic.id);
  if (!item) throw new RefusedError('NOT_FOUND', 'topic not on this agenda');
  const roster = meetingRoster(committee, attendance);
  if (roster.members.length === 0) throw new RefusedError('INVALID_STATE', 'no voting members in post');
  const recused = topic.recusals.map((r) => r.memberId).filter((id) => roster.present.includes(id));
  const writtenOpinions = opinionsOn(topic.id, roster, attendance);
  const decision = evaluateItem(profileOf(committee), {
    members: roster.members.length, present: roster.present.length, recused: recused.length,
    topicKind: topic.kind, method, emergency: isEmergency(meeting),
    writtenOpinions: writtenOpinions.length, addedAtMeeting: item.addedAtMeeting,
  });
  return { decision, roster, recused, writtenOpinions };
}

export async function itemQuorum(deps: ServiceDeps, input: ItemQuorumInput): Promise<ItemQuorum> {
  const data = parseInput(ItemQuorumSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  authorize(committee, data.viewerId, 'attendance.quorum');
  const meeting = await loadMeeting(deps, committee.id, data.meetingId);
  const topic = await loadTopic(deps, committee.id, data.topicId);
  const attendance = await attendanceOf(deps, committee.id, meeting.id);
  return evaluateAgendaItem(committee, meeting, topic, attendance, data.method);
}
