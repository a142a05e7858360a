/**
 * 会议: the clerk or the chair schedules a meeting and sets its agenda from confirmed topics; the
 * chair starts and closes it. The notice, objections and items added at the meeting are in
 * meetings-notice.ts. Once the notice is out the agenda is locked (AGENDA_LOCKED): the only way
 * to add an item then is addItemAtMeeting, as far as the profile allows 临时动议.
 */
import { z } from 'zod';
import type { AgendaItem, Committee, Meeting, Topic } from '../domain/index.js';
import { IdSchema, isVotingMember, MeetingKindSchema, MeetingSchema, MeetingStatusSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import type { DocWrite, StoredDoc } from '../store/doc-store.js';
import { update } from '../store/doc-store.js';
import { docKey, getDoc, indexKey, listDocs, MEETINGS, TOPICS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, newId } from './context.js';
import { parseInput, toUtc } from './input.js';
import { loadMeeting, loadTopic } from './loaders.js';
import { remindOfMeeting } from './reminders-meeting.js';

const MeetingRef = { committeeId: IdSchema, meetingId: IdSchema, actorId: IdSchema };
export const MeetingRefSchema = z.object(MeetingRef);
export type MeetingRef = z.input<typeof MeetingRefSchema>;

const ScheduleSchema = z.object({
  committeeId: IdSchema,
  actorId: IdSchema,
  title: MeetingSchema.shape.title,
  kind: MeetingKindSchema.default('regular'),
  startsAt: z.iso.datetime({ offset: true }),
  location: z.string().trim().max(200).optional(),
  observers: z.array(IdSchema).max(50).default([]),
  /** An id the caller derives from its request (the message): a repeated request returns the meeting it made. */
  id: IdSchema.optional(),
});
export type ScheduleMeetingInput = z.input<typeof ScheduleSchema>;

const AgendaSchema = z.object({ ...MeetingRef, topicIds: z.array(IdSchema).max(50) });
export type SetAgendaInput = z.input<typeof AgendaSchema>;

const ListSchema = z.object({ committeeId: IdSchema, viewerId: IdSchema, status: MeetingStatusSchema.optional() });
export type ListMeetingsInput = z.input<typeof ListSchema>;

const DelegateSchema = z.object({ ...MeetingRef, viceChairId: IdSchema.nullable() });
export type DelegateChairInput = z.input<typeof DelegateSchema>;

export function isEmergency(meeting: Meeting): boolean {
  return meeting.kind === 'emergency';
}

/** What a use case decided about a meeting: the meeting as changed, other documents, the audit. */
export interface MeetingChange<R = Meeting> {
  meeting: Meeting;
  others?: DocWrite<StoredDoc>[];
  action: string;
  data: Record<string, unknown>;
  /** What the caller gets back, given the meeting as stored; the stored meeting by default. */
  result?: (stored: Meeting) => R;
  /** Nothing to change (the same request again): nothing is written, the meeting comes back as it is. */
  unchanged?: boolean;
}

export interface MeetingContext { committee: Committee; meeting: Meeting; now: Date }

/**
 * Read the committee and the meeting, let `decide` refuse or change them, and write the meeting,
 * any other documents (topics) and the audit entry in one commit.
 */
export async function changeMeeting<R = Meeting>(deps: ServiceDeps, ref: { committeeId: string; meetingId: string; actorId: string },
  decide: (context: MeetingContext) => MeetingChange<R> | Promise<MeetingChange<R>>): Promise<R> {
  return update(deps.redis, async () => {
    const committee = await loadCommittee(deps, ref.committeeId);
    const meeting = await loadMeeting(deps, committee.id, ref.meetingId);
    const now = deps.clock.now();
    const change = await decide({ committee, meeting, now });
    if (change.unchanged === true) return { commit: { committeeId: committee.id, at: now, docs: [], audit: null }, result: change.result ? change.result(meeting) : (meeting as R) };
    const stored = { ...change.meeting, version: change.meeting.version + 1 };
    return {
      commit: { committeeId: committee.id, at: now,
        docs: [{ key: docKey(committee.id, MEETINGS, meeting.id), value: change.meeting }, ...(change.others ?? [])],
        audit: { actor: ref.actorId, action: change.action, subject: meeting.id, data: change.data } },
      result: change.result ? change.result(stored) : (stored as R),
    };
  });
}

/** Observers (列席) must be on the roster without a vote: a voting member attends as a member. */
function checkObservers(committee: Committee, observers: readonly string[]): void {
  if (new Set(observers).size !== observers.length) throw new RefusedError('INVALID_INPUT', 'duplicate observer');
  for (const id of observers) {
    const person = committee.roster.find((m) => m.id === id);
    if (!person || isVotingMember(person)) throw new RefusedError('INVALID_INPUT', 'observer');
  }
}

export async function scheduleMeeting(deps: ServiceDeps, input: ScheduleMeetingInput): Promise<Meeting> {
  const data = parseInput(ScheduleSchema, input);
  const id = data.id ?? newId('meeting', deps.clock);
  const scheduled = await update(deps.redis, async () => {
    const committee = await loadCommittee(deps, data.committeeId);
    authorize(committee, data.actorId, 'meeting.schedule');
    checkObservers(committee, data.observers);
    const now = deps.clock.now();
    const made = data.id === undefined ? null : await getDoc(deps.redis, committee.id, MEETINGS, id);
    if (made) return { commit: { committeeId: committee.id, at: now, docs: [], audit: null }, result: made };
    const startsAt = toUtc(data.startsAt);
    if (startsAt <= now.toISOString()) throw new RefusedError('INVALID_INPUT', 'startsAt is not in the future');
    const meeting: Meeting = {
      version: 0, id, committeeId: committee.id, title: data.title, kind: data.kind, status: 'scheduled', startsAt,
      agenda: [], observers: data.observers, noticeFlags: [], objections: [], createdBy: data.actorId, createdAt: now.toISOString(),
      ...(data.location ? { location: data.location } : {}),
    };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, MEETINGS, id), value: meeting }],
        indexes: [{ key: indexKey(committee.id, MEETINGS), member: id }],
        audit: { actor: data.actorId, action: 'meeting.schedule', subject: id, data: { kind: data.kind, startsAt, observers: data.observers.length } } },
      result: { ...meeting, version: 1 },
    };
  });
  await remindOfMeeting(deps, scheduled, 'plan');
  return scheduled;
}

function topicWrite(committeeId: string, topic: Topic): DocWrite<StoredDoc> {
  return { key: docKey(committeeId, TOPICS, topic.id), value: topic };
}

/** A topic taken off the agenda goes back to 'confirmed', free for another meeting. */
function unscheduled(topic: Topic): Topic {
  const { meetingId: _meetingId, ...rest } = topic;
  return { ...rest, status: 'confirmed' };
}

/**
 * Sets the whole agenda, in order, before the notice. Topics must be confirmed by the chair (or be
 * on this agenda already); they become 'scheduled' for this meeting, and topics dropped from the
 * agenda become 'confirmed' again, all in the meeting's commit. A clerk may compile it: the chair
 * already chose the topics by confirming them (JY-22, NT-3.4a).
 */
export async function setAgenda(deps: ServiceDeps, input: SetAgendaInput): Promise<Meeting> {
  const data = parseInput(AgendaSchema, input);
  if (new Set(data.topicIds).size !== data.topicIds.length) throw new RefusedError('INVALID_INPUT', 'duplicate topic');
  return changeMeeting(deps, data, async ({ committee, meeting }) => {
    authorize(committee, data.actorId, 'meeting.agenda');
    if (meeting.status !== 'scheduled') throw new RefusedError('AGENDA_LOCKED');
    const wanted = await Promise.all(data.topicIds.map((id) => loadTopic(deps, committee.id, id)));
    const others: DocWrite<StoredDoc>[] = [];
    for (const topic of wanted) {
      const onThisAgenda = topic.status === 'scheduled' && topic.meetingId === meeting.id;
      if (!onThisAgenda && topic.status !== 'confirmed') throw new RefusedError('INVALID_STATE', `topic ${topic.status}`);
      if (!onThisAgenda) others.push(topicWrite(committee.id, { ...topic, status: 'scheduled', meetingId: meeting.id }));
    }
    const dropped = meeting.agenda.filter((item) => !data.topicIds.includes(item.topicId));
    for (const item of dropped) {
      const topic = await getDoc(deps.redis, committee.id, TOPICS, item.topicId);
      if (topic && topic.meetingId === meeting.id && topic.status === 'scheduled') others.push(topicWrite(committee.id, unscheduled(topic)));
    }
    const agenda: AgendaItem[] = data.topicIds.map((topicId) =>
      meeting.agenda.find((item) => item.topicId === topicId) ?? { topicId, addedAtMeeting: false, ballotIds: [] });
    return {
      meeting: { ...meeting, agenda }, others, action: 'meeting.agenda',
      data: { topics: agenda.length, added: agenda.length - (meeting.agenda.length - dropped.length), removed: dropped.length },
    };
  });
}

/**
 * The chair (or the vice chair the chair delegated it to, JY-10, NT-3.3) opens the meeting and is
 * recorded as its chair. A regular meeting opens after its notice; an emergency meeting may open
 * without one (NT-3.4d, A20).
 */
export async function startMeeting(deps: ServiceDeps, input: MeetingRef): Promise<Meeting> {
  const data = parseInput(MeetingRefSchema, input);
  return changeMeeting(deps, data, ({ committee, meeting, now }) => {
    authorize(committee, data.actorId, 'meeting.start', { meeting });
    const ready = meeting.status === 'noticed' || (meeting.status === 'scheduled' && isEmergency(meeting));
    if (!ready) throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    return {
      meeting: { ...meeting, status: 'inProgress', chairId: data.actorId, startedAt: now.toISOString() },
      action: 'meeting.start', data: { from: meeting.status },
    };
  });
}

export async function closeMeeting(deps: ServiceDeps, input: MeetingRef): Promise<Meeting> {
  const data = parseInput(MeetingRefSchema, input);
  return changeMeeting(deps, data, ({ committee, meeting, now }) => {
    authorize(committee, data.actorId, 'meeting.close', { meeting });
    if (meeting.status !== 'inProgress') throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    return {
      meeting: { ...meeting, status: 'closed', closedAt: now.toISOString(), closedBy: data.actorId },
      action: 'meeting.close', data: { items: meeting.agenda.length },
    };
  });
}

/**
 * 取消会议 (the office, before the meeting starts): audited; a cancelled meeting takes no more
 * answers, and the topics on its agenda go back to 'confirmed', free for another meeting.
 */
export async function cancelMeeting(deps: ServiceDeps, input: MeetingRef): Promise<Meeting> {
  const data = parseInput(MeetingRefSchema, input);
  const cancelled = await changeMeeting(deps, data, async ({ committee, meeting, now }) => {
    authorize(committee, data.actorId, 'meeting.cancel');
    if (meeting.status !== 'scheduled' && meeting.status !== 'noticed') throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    const others: DocWrite<StoredDoc>[] = [];
    for (const item of meeting.agenda) {
      const topic = await getDoc(deps.redis, committee.id, TOPICS, item.topicId);
      if (topic && topic.meetingId === meeting.id && topic.status === 'scheduled') others.push(topicWrite(committee.id, unscheduled(topic)));
    }
    return {
      meeting: { ...meeting, status: 'cancelled', cancelledAt: now.toISOString(), cancelledBy: data.actorId }, others,
      action: 'meeting.cancel', data: { from: meeting.status, topics: others.length },
    };
  });
  await remindOfMeeting(deps, cancelled, 'void');
  return cancelled;
}

/**
 * 受书记委托: the chair asks a vice chair to chair a meeting that has not started (null takes it
 * back). The vice chair then may start it and acts as its chair; the chair may still start it himself.
 */
export async function delegateChair(deps: ServiceDeps, input: DelegateChairInput): Promise<Meeting> {
  const data = parseInput(DelegateSchema, input);
  return changeMeeting(deps, data, ({ committee, meeting }) => {
    authorize(committee, data.actorId, 'meeting.delegate', { meeting });
    if (meeting.status !== 'scheduled' && meeting.status !== 'noticed') throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    const { delegatedTo: _previous, ...rest } = meeting;
    if (data.viceChairId === null) return { meeting: rest, action: 'meeting.delegate', data: { to: null } };
    if (committee.roster.find((m) => m.id === data.viceChairId)?.role !== 'viceChair') throw new RefusedError('INVALID_INPUT', 'delegate is not a vice chair');
    return { meeting: { ...rest, delegatedTo: data.viceChairId }, action: 'meeting.delegate', data: { to: data.viceChairId } };
  });
}

/** Meetings of a committee by start time, optionally of one status; for anyone on the roster. */
export async function listMeetings(deps: ServiceDeps, input: ListMeetingsInput): Promise<Meeting[]> {
  const data = parseInput(ListSchema, input);
  authorize(await loadCommittee(deps, data.committeeId), data.viewerId, 'meeting.list');
  const meetings = await listDocs(deps.redis, data.committeeId, MEETINGS);
  return meetings
    .filter((m) => data.status === undefined || m.status === data.status)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}
