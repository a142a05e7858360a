/**
 * Is this item quorate? The roster of one meeting (presence.ts, shared with voting) and the rules
 * module's verdict on one agenda item; recused = members recused from this topic who are present
 * (A6). Reads only; nothing here changes the record.
 */
import { z } from 'zod';
import type { Attendance, Committee, Meeting, Topic } from '../domain/index.js';
import { IdSchema, VoteMethodSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { evaluateItem, type ItemDecision } from '../rules/index.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, profileOf } from './context.js';
import { parseInput } from './input.js';
import { attendanceOf, loadMeeting, loadTopic } from './loaders.js';
import { isEmergency } from './meetings.js';
import { meetingRoster, writtenOpinionsOn, type MeetingRoster, type WrittenOpinionView } from './presence.js';

export async function rosterOf(deps: ServiceDeps, committee: Committee, meetingId: string): Promise<MeetingRoster> {
  return meetingRoster(committee, await attendanceOf(deps, committee.id, meetingId));
}

const ItemQuorumSchema = z.object({
  committeeId: IdSchema, meetingId: IdSchema, topicId: IdSchema, viewerId: IdSchema, method: VoteMethodSchema.default('hands'),
});
export type ItemQuorumInput = z.input<typeof ItemQuorumSchema>;

export interface ItemQuorum {
  decision: ItemDecision;
  roster: MeetingRoster;
  /** Present members recused from this item. */
  recused: string[];
  /** Absent members' written opinions on this item, for the chair. */
  writtenOpinions: WrittenOpinionView[];
}

/** The item's quorum (and, with no votes yet, its required yes count) under the committee's profile. */
export function evaluateAgendaItem(committee: Committee, meeting: Meeting, topic: Topic, attendance: readonly Attendance[],
  method: z.infer<typeof VoteMethodSchema> = 'hands'): ItemQuorum {
  const item = meeting.agenda.find((i) => i.topicId === topic.id);
  if (!item) throw new RefusedError('NOT_FOUND', 'topic not on this agenda');
  const roster = meetingRoster(committee, attendance);
  if (roster.members.length === 0) throw new RefusedError('INVALID_STATE', 'no voting members in post');
  const recused = topic.recusals.map((r) => r.memberId).filter((id) => roster.present.includes(id));
  const writtenOpinions = writtenOpinionsOn(roster, attendance, topic.id);
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
