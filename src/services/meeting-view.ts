/**
 * What a meeting's cards show: the meeting, its agenda's topics, every attendance record and the
 * committee, read as one member of the roster.
 */
import { z } from 'zod';
import type { Attendance, Committee, Meeting, Topic } from '../domain/index.js';
import { IdSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { checkNotice, type NoticeCheck } from '../rules/index.js';
import { getDoc, TOPICS } from '../store/repos.js';
import { authorize } from './authority.js';
import type { ServiceDeps } from './context.js';
import { calendarOf, loadCommittee, profileOf } from './context.js';
import { parseInput } from './input.js';
import { attendanceOf, loadMeeting } from './loaders.js';
import { isEmergency } from './meetings.js';

const ViewSchema = z.object({ committeeId: IdSchema, meetingId: IdSchema, viewerId: IdSchema });
export type MeetingViewInput = z.input<typeof ViewSchema>;

export interface MeetingDetail {
  committee: Committee;
  meeting: Meeting;
  /** The agenda's topics, in agenda order; a topic whose record is missing is left out. */
  topics: Topic[];
  attendance: Attendance[];
}

async function detailOf(deps: ServiceDeps, committee: Committee, meeting: Meeting): Promise<MeetingDetail> {
  const [topics, attendance] = await Promise.all([
    Promise.all(meeting.agenda.map((item) => getDoc(deps.redis, committee.id, TOPICS, item.topicId))),
    attendanceOf(deps, committee.id, meeting.id),
  ]);
  return { committee, meeting, topics: topics.filter((t): t is Topic => t !== null), attendance };
}

/** One meeting as `viewerId` (anyone on the roster) may see it. */
export async function getMeeting(deps: ServiceDeps, input: MeetingViewInput): Promise<MeetingDetail> {
  const data = parseInput(ViewSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  authorize(committee, data.viewerId, 'meeting.list');
  return detailOf(deps, committee, await loadMeeting(deps, committee.id, data.meetingId));
}

/**
 * The notified meeting as its group notice shows it: that card is its sender's (a card in the
 * group is the card of whoever asked for it), so it is read as the sender.
 */
export async function getNoticedMeeting(deps: ServiceDeps, input: Omit<MeetingViewInput, 'viewerId'>): Promise<MeetingDetail> {
  const data = parseInput(ViewSchema.omit({ viewerId: true }), input);
  const committee = await loadCommittee(deps, data.committeeId);
  const meeting = await loadMeeting(deps, committee.id, data.meetingId);
  if (meeting.noticeSentBy === undefined) throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
  authorize(committee, meeting.noticeSentBy, 'meeting.list');
  return detailOf(deps, committee, meeting);
}

/**
 * The meeting as its 会议筹备 card shows it, with checkNotice for sending the notice now: whether
 * it would be late, and the deadline with its basis.
 */
export async function getMeetingDraft(deps: ServiceDeps, input: MeetingViewInput): Promise<MeetingDetail & { notice: NoticeCheck }> {
  const detail = await getMeeting(deps, input);
  const { committee, meeting } = detail;
  const notice = checkNotice(profileOf(committee), meeting.startsAt, deps.clock.now().toISOString(), { emergency: isEmergency(meeting) }, calendarOf(deps));
  return { ...detail, notice };
}
