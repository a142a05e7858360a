/**
 * 会议签到: opening sign-in (开始签到), the sheet the sign-in card shows (应到 / 实到 / 请假 / 列席 and,
 * for each topic kind on the agenda, the rules module's quorum verdict), and /签到, which signs in
 * to the meeting whose sign-in is open. Signing in itself is attendance.ts's signIn.
 *
 * Opening sign-in does not start the meeting: people sign in as they arrive, and the chair opens
 * the meeting once the figures are announced; sign-in stays open until the meeting closes.
 */
import { z } from 'zod';
import type { Attendance, Committee, Meeting, Topic } from '../domain/index.js';
import { IdSchema, signInPossible } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import type { ItemDecision, Profile, TopicKind } from '../rules/index.js';
import { update } from '../store/doc-store.js';
import { docKey, listDocs, MEETINGS } from '../store/repos.js';
import { evaluateAgendaItem } from './attendance-quorum.js';
import { signIn } from './attendance.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, profileOf } from './context.js';
import { parseInput } from './input.js';
import { attendanceOf, loadMeeting, loadTopic } from './loaders.js';
import { meetingRoster, type MeetingRoster } from './presence.js';

const OpenSchema = z.object({ committeeId: IdSchema, meetingId: IdSchema, actorId: IdSchema });
export type OpenSignInInput = z.input<typeof OpenSchema>;
const SheetSchema = z.object({ committeeId: IdSchema, meetingId: IdSchema, viewerId: IdSchema });
export type SignInSheetInput = z.input<typeof SheetSchema>;
const OpenMeetingSchema = z.object({ committeeId: IdSchema, actorId: IdSchema });
export type SignInToOpenInput = z.input<typeof OpenMeetingSchema>;

export interface KindQuorum { kind: TopicKind; decision: ItemDecision }

export interface SignInSheet {
  committee: Committee;
  meeting: Meeting;
  profile: Profile;
  roster: MeetingRoster;
  /** One verdict per topic kind on the agenda, in agenda order. */
  quorum: KindQuorum[];
}

/**
 * The quorum of the meeting for each kind on its agenda: the first item of that kind, before
 * anyone steps aside on it (a recusal is one item's business, shown when that item is voted).
 */
export function sheetOf(committee: Committee, meeting: Meeting, topics: readonly Topic[], attendance: readonly Attendance[]): SignInSheet {
  const firstOfKind = new Map<TopicKind, Topic>();
  for (const item of meeting.agenda) {
    const topic = topics.find((t) => t.id === item.topicId);
    if (topic && !firstOfKind.has(topic.kind)) firstOfKind.set(topic.kind, topic);
  }
  const quorum = [...firstOfKind.values()].map((topic) =>
    ({ kind: topic.kind, decision: evaluateAgendaItem(committee, meeting, { ...topic, recusals: [] }, attendance).decision }));
  return { committee, meeting, profile: profileOf(committee), roster: meetingRoster(committee, attendance), quorum };
}

async function readSheet(deps: ServiceDeps, committee: Committee, meetingId: string): Promise<SignInSheet> {
  const meeting = await loadMeeting(deps, committee.id, meetingId);
  const topics = await Promise.all(meeting.agenda.map((item) => loadTopic(deps, committee.id, item.topicId)));
  return sheetOf(committee, meeting, topics, await attendanceOf(deps, committee.id, meeting.id));
}

/** What the sign-in card shows, for anyone on the roster. */
export async function signInSheet(deps: ServiceDeps, input: SignInSheetInput): Promise<SignInSheet> {
  const data = parseInput(SheetSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  authorize(committee, data.viewerId, 'attendance.quorum');
  return readSheet(deps, committee, data.meetingId);
}

/**
 * 开始签到, by whoever chairs the meeting or the clerk, once the notice is out (an emergency meeting
 * may go without one) and until it closes. Opening it again changes nothing.
 */
export async function openSignIn(deps: ServiceDeps, input: OpenSignInInput): Promise<SignInSheet> {
  const data = parseInput(OpenSchema, input);
  return opening(deps, data.committeeId, data.meetingId, (committee, meeting) => {
    authorize(committee, data.actorId, 'attendance.openSignIn', { meeting });
    return data.actorId;
  });
}

/** Who the record names when sign-in opened at the committee's set time rather than by a tap. */
export const SIGN_IN_BY_SCHEDULE = 'schedule';

/** Sign-in opened by a reminder job at the committee's set time: 开始签到 as if tapped, by no one. */
export async function openSignInOnSchedule(deps: ServiceDeps, committeeId: string, meetingId: string): Promise<SignInSheet> {
  return opening(deps, committeeId, meetingId, () => SIGN_IN_BY_SCHEDULE);
}

async function opening(deps: ServiceDeps, committeeId: string, meetingId: string, actorOf: (committee: Committee, meeting: Meeting) => string): Promise<SignInSheet> {
  const committee = await update(deps.redis, async () => {
    const current = await loadCommittee(deps, committeeId);
    const meeting = await loadMeeting(deps, current.id, meetingId);
    const actorId = actorOf(current, meeting);
    if (meeting.status === 'closed') throw new RefusedError('INVALID_STATE', 'meeting closed');
    if (!signInPossible(meeting)) throw new RefusedError('NOTICE_NOT_SENT');
    const now = deps.clock.now();
    if (meeting.signInOpenedAt !== undefined) return { commit: { committeeId: current.id, at: now, docs: [], audit: null }, result: current };
    const opened: Meeting = { ...meeting, signInOpenedAt: now.toISOString(), signInOpenedBy: actorId };
    return {
      commit: { committeeId: current.id, at: now, docs: [{ key: docKey(current.id, MEETINGS, meeting.id), value: opened }],
        audit: { actor: actorId, action: 'attendance.openSignIn', subject: meeting.id, data: { status: meeting.status } } },
      result: current,
    };
  });
  return readSheet(deps, committee, meetingId);
}

/** The meeting whose sign-in is open; of several, the one opened last. */
async function openMeetingOf(deps: ServiceDeps, committeeId: string): Promise<Meeting> {
  const open = (await listDocs(deps.redis, committeeId, MEETINGS))
    .filter((m) => m.signInOpenedAt !== undefined && m.status !== 'closed')
    .sort((a, b) => (b.signInOpenedAt ?? '').localeCompare(a.signInOpenedAt ?? '') || a.id.localeCompare(b.id));
  const [latest] = open;
  if (latest === undefined) throw new RefusedError('SIGN_IN_NOT_OPEN');
  return latest;
}

/** /签到: signs the actor in to the meeting whose sign-in is open (signIn's rules apply). */
export async function signInToOpenMeeting(deps: ServiceDeps, input: SignInToOpenInput): Promise<Attendance> {
  const data = parseInput(OpenMeetingSchema, input);
  authorize(await loadCommittee(deps, data.committeeId), data.actorId, 'attendance.signIn');
  const meeting = await openMeetingOf(deps, data.committeeId);
  return signIn(deps, { committeeId: data.committeeId, meetingId: meeting.id, actorId: data.actorId });
}
