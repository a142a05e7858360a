/**
 * 会议通知, 异议 and 临时议题. The notice and objection deadlines are soft (NT-3.4b,c "一般应"): a
 * late notice still goes out, flagged LATE_NOTICE; a late objection is recorded, flagged
 * LATE_OBJECTION, for the chair to see. An item added after the notice is 临时动议: the profile
 * decides whether it is allowed (JY-22: flagged AD_HOC_ITEM; NT-3.4a, NT-2.5: forbidden), and at an
 * emergency meeting it is always allowed (NT-3.4d, A20). No deadline is computed here: the rules
 * module gives each one.
 */
import { z } from 'zod';
import type { AgendaItem, Committee, Meeting, Objection } from '../domain/index.js';
import { IdSchema, MeetingSchema, movable, TextSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { checkNotice, checkObjection, evaluateItem, type NoticeCheck } from '../rules/index.js';
import { ATTENDANCE, attendanceId, docKey, TOPICS } from '../store/repos.js';
import { rosterOf } from './attendance-quorum.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { calendarOf, loadCommittee, profileOf } from './context.js';
import { parseInput, toUtc } from './input.js';
import { changeMeeting, isEmergency, MeetingRefSchema, type MeetingRef } from './meetings.js';
import { attendanceOf, loadMeeting, loadTopic } from './loaders.js';
import { localDate } from './local-date.js';
import { remindOfMeeting } from './reminders-meeting.js';

const ObjectionInputSchema = MeetingRefSchema.extend({ text: TextSchema });
export type RaiseObjectionInput = z.input<typeof ObjectionInputSchema>;

const AddItemSchema = MeetingRefSchema.extend({ topicId: IdSchema });
export type AddItemAtMeetingInput = z.input<typeof AddItemSchema>;

const RescheduleSchema = MeetingRefSchema.extend({ startsAt: z.iso.datetime({ offset: true }), location: MeetingSchema.shape.location });
export type RescheduleMeetingInput = z.input<typeof RescheduleSchema>;

/**
 * Sends the notice (the clerk, or the chair): the meeting becomes 'noticed' and its agenda is
 * locked. checkNotice decides whether it is on time; the deadlines are stored in UTC for reminders
 * and cards. A regular meeting needs at least one topic; an emergency one may raise its agenda at
 * the meeting (NT-3.4d).
 */
export async function sendNotice(deps: ServiceDeps, input: MeetingRef): Promise<Meeting> {
  const data = parseInput(MeetingRefSchema, input);
  const meeting = await changeMeeting(deps, data, ({ committee, meeting: current, now }) => {
    authorize(committee, data.actorId, 'meeting.notice');
    if (current.status !== 'scheduled') throw new RefusedError('INVALID_STATE', `meeting ${current.status}`);
    const emergency = isEmergency(current);
    if (!emergency && current.agenda.length === 0) throw new RefusedError('AGENDA_EMPTY');
    const next: Meeting = { ...noticed(deps, committee, current, now.toISOString()), status: 'noticed', noticeSentBy: data.actorId };
    return { meeting: next, action: 'meeting.notice', data: { onTime: next.noticeOnTime, flags: next.noticeFlags, items: current.agenda.length } };
  });
  if (meeting.noticeOnTime === false) deps.log.warn('late notice', { committeeId: meeting.committeeId, meetingId: meeting.id });
  // Planned at scheduling already; added again (harmless) in case a crash lost them then.
  await remindOfMeeting(deps, meeting, 'plan');
  return meeting;
}

/** The meeting with a notice sent at `sentAt`: checkNotice's verdict and its deadlines, stored in UTC. */
function noticed(deps: ServiceDeps, committee: Committee, meeting: Meeting, sentAt: string): Meeting {
  const check = checkNotice(profileOf(committee), meeting.startsAt, sentAt, { emergency: isEmergency(meeting) }, calendarOf(deps));
  const { advisedBy: _previous, ...rest } = meeting;
  return {
    ...rest, noticeSentAt: sentAt, noticeOnTime: check.onTime !== false, noticeFlags: check.flags,
    noticeBy: toUtc(check.noticeBy), objectionsBy: toUtc(check.objectionsBy),
    ...(check.advisedBy === undefined ? {} : { advisedBy: toUtc(check.advisedBy) }),
  };
}

/**
 * 改期 (the office): a meeting whose sign-in has not opened moves to a new time (and, if given, a new
 * place). A notice already sent is checked again against the new start, so whether it was on time
 * and its deadlines follow the move, and the start people were told of is kept to be shown. Leave
 * asked for stays whatever the move; 参加 stands for one day, so a move to another date asks again.
 * The old reminders are voided and the new time's planned.
 */
export async function rescheduleMeeting(deps: ServiceDeps, input: RescheduleMeetingInput): Promise<Meeting> {
  const data = parseInput(RescheduleSchema, input);
  let changed = true;
  const moved = await changeMeeting(deps, data, async ({ committee, meeting, now }) => {
    authorize(committee, data.actorId, 'meeting.reschedule');
    if (!movable(meeting)) throw new RefusedError('INVALID_STATE', meeting.signInOpenedAt === undefined ? `meeting ${meeting.status}` : 'sign-in open');
    const startsAt = toUtc(data.startsAt);
    if (startsAt <= now.toISOString()) throw new RefusedError('INVALID_INPUT', 'startsAt is not in the future');
    // The same move again (a second tap, a re-delivery, two at once) is the first one's answer, made once.
    changed = startsAt !== meeting.startsAt || (data.location !== undefined && data.location !== meeting.location);
    if (!changed) return { meeting, unchanged: true, action: 'meeting.reschedule', data: {} };
    const told = meeting.noticeSentAt !== undefined;
    const next: Meeting = {
      ...meeting, startsAt, ...(data.location === undefined ? {} : { location: data.location }),
      ...(told ? { movedFrom: meeting.startsAt } : {}),
    };
    const newDay = localDate(startsAt, committee.timeZone) !== localDate(meeting.startsAt, committee.timeZone);
    const asked = newDay ? (await attendanceOf(deps, committee.id, meeting.id)).filter((a) => a.rsvp === 'attend') : [];
    return {
      meeting: told ? noticed(deps, committee, next, next.noticeSentAt ?? now.toISOString()) : next,
      others: asked.map(({ rsvp: _answer, ...rest }) => ({ key: docKey(committee.id, ATTENDANCE, attendanceId(meeting.id, rest.memberId)), value: rest })),
      action: 'meeting.reschedule', data: { from: meeting.startsAt, to: startsAt, askedAgain: asked.length },
    };
  });
  if (changed) await remindOfMeeting(deps, moved, 'replan');
  return moved;
}

/** checkNotice for a move to `startsAt` (asked by whoever may move it): against the notice already sent, or against sending it now. */
export async function noticeCheckOfMove(deps: ServiceDeps, input: RescheduleMeetingInput): Promise<NoticeCheck> {
  const data = parseInput(RescheduleSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  authorize(committee, data.actorId, 'meeting.reschedule');
  const meeting = await loadMeeting(deps, committee.id, data.meetingId);
  const sentAt = meeting.noticeSentAt ?? deps.clock.now().toISOString();
  return checkNotice(profileOf(committee), toUtc(data.startsAt), sentAt, { emergency: isEmergency(meeting) }, calendarOf(deps));
}

/**
 * 异议 (NT-3.4c): a voting member raises an objection to the notified meeting with the chair.
 * checkObjection says whether it came in time; a late one is recorded all the same.
 */
export async function raiseObjection(deps: ServiceDeps, input: RaiseObjectionInput): Promise<{ meeting: Meeting; objection: Objection }> {
  const data = parseInput(ObjectionInputSchema, input);
  return changeMeeting(deps, data, ({ committee, meeting, now }) => {
    authorize(committee, data.actorId, 'meeting.objection');
    if (meeting.status !== 'noticed') throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    const raisedAt = now.toISOString();
    const check = checkObjection(profileOf(committee), meeting.startsAt, raisedAt, { emergency: isEmergency(meeting) });
    const objection: Objection = { memberId: data.actorId, text: data.text, raisedAt, onTime: check.onTime, flags: check.flags };
    return {
      meeting: { ...meeting, objections: [...meeting.objections, objection] },
      action: 'meeting.objection', data: { onTime: check.onTime, flags: check.flags },
      result: (stored) => ({ meeting: stored, objection }),
    };
  });
}

/**
 * 临时议题: the chair adds a confirmed topic after the notice. evaluateItem decides: refused with
 * AD_HOC_MOTION_FORBIDDEN where the profile forbids it, else added with its flag (AD_HOC_ITEM) on
 * the agenda item; at an emergency meeting, added with no flag. The topic becomes 'scheduled' in
 * the same commit.
 */
export async function addItemAtMeeting(deps: ServiceDeps, input: AddItemAtMeetingInput): Promise<Meeting> {
  const data = parseInput(AddItemSchema, input);
  return changeMeeting(deps, data, async ({ committee, meeting, now }) => {
    authorize(committee, data.actorId, 'meeting.addItem', { meeting });
    if (meeting.status !== 'noticed' && meeting.status !== 'inProgress') throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    const topic = await loadTopic(deps, committee.id, data.topicId);
    if (topic.status !== 'confirmed') throw new RefusedError('INVALID_STATE', `topic ${topic.status}`);
    const roster = await rosterOf(deps, committee, meeting.id);
    if (roster.members.length === 0) throw new RefusedError('INVALID_STATE', 'no voting members in post');
    const decision = evaluateItem(profileOf(committee), {
      members: roster.members.length, present: roster.present.length, topicKind: topic.kind, method: 'hands',
      emergency: isEmergency(meeting), addedAtMeeting: true,
    });
    if (decision.errors.includes('AD_HOC_MOTION_FORBIDDEN')) throw new RefusedError('AD_HOC_MOTION_FORBIDDEN');
    // Only the flags about adding the item belong on it; quorum flags change as people sign in.
    const flags = decision.flags.filter((flag) => flag === 'AD_HOC_ITEM');
    const item: AgendaItem = { topicId: topic.id, addedAtMeeting: true, ballotIds: [], flags, addedBy: data.actorId, addedAt: now.toISOString() };
    return {
      meeting: { ...meeting, agenda: [...meeting.agenda, item] },
      others: [{ key: docKey(committee.id, TOPICS, topic.id), value: { ...topic, status: 'scheduled', meetingId: meeting.id } }],
      action: 'meeting.addItem', data: { topicId: topic.id, kind: topic.kind, flags, emergency: isEmergency(meeting) },
    };
  });
}
