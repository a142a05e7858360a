/**
 * A meeting's reminders: planned by the rules module when the meeting is scheduled, noticed or
 * moved, voided when it is cancelled, and each decided again when it comes due from the meeting as
 * it is then (a notice already sent, a member who has answered, a meeting moved: nothing to send).
 * The version of a meeting's reminders is its start and the body's lead times, so moving the
 * meeting or changing the settings gives new job ids, and a job that escaped voiding does nothing.
 */
import type { Attendance, Committee, Meeting, ReminderJob } from '../domain/index.js';
import { CommitteeSchema, signInPossible } from '../domain/index.js';
import { checkNotice, planMeetingReminders, type ReminderPolicy } from '../rules/index.js';
import { readDoc } from '../store/doc-store.js';
import { committeeKeys } from '../store/keys.js';
import { getDoc, listDocs, MEETINGS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { calendarOf, loadCommittee, profileOf } from './context.js';
import { attendanceOf } from './loaders.js';
import { votingMembers } from './presence.js';
import { replanMeetingLeaves } from './reminders-meeting-leave.js';
import { officeOf } from './reminders-plan.js';
import { policyOf, type ReminderSend, type ReminderSender, type ReminderSenders } from './reminders.js';
import { openSignInOnSchedule } from './sign-in.js';

/** What makes a meeting's reminders current: its start and the lead times they were planned with. */
export function meetingReminderVersion(meeting: Pick<Meeting, 'startsAt'>, policy: ReminderPolicy): string {
  return [Date.parse(meeting.startsAt).toString(36), `s${policy.signInLeadMinutes}`, `d${policy.deadlineLeadWorkingDays}`, `l${policy.startLeadMinutes.join('_')}`].join('.');
}

const planned = (meeting: Meeting): boolean => meeting.status === 'scheduled' || meeting.status === 'noticed';

/** Schedules every reminder of the meeting still ahead of now (re-adding one already there is harmless). */
export async function scheduleMeetingReminders(deps: ServiceDeps, committee: Committee, meeting: Meeting): Promise<void> {
  const reminders = deps.reminders;
  if (reminders === undefined || !planned(meeting)) return;
  const policy = policyOf(committee);
  const version = meetingReminderVersion(meeting, policy);
  const nowMs = deps.clock.now().getTime();
  const plan = planMeetingReminders(profileOf(committee), { startsAt: meeting.startsAt, emergency: meeting.kind === 'emergency' }, policy, calendarOf(deps));
  for (const { kind, occurrence, atMs } of plan) {
    if (atMs > nowMs) await reminders.schedule({ committeeId: committee.id, kind, subject: meeting.id, version, occurrence }, new Date(atMs));
  }
}

/** A meeting moved, or the body's settings changed: the old reminders go, the new ones come. */
export async function replanMeetingReminders(deps: ServiceDeps, committee: Committee, meeting: Meeting): Promise<void> {
  await deps.reminders?.voidSubject(committee.id, meeting.id);
  await scheduleMeetingReminders(deps, committee, meeting);
}

/** After a use case changed a meeting: plan its reminders (scheduled, noticed), plan them anew (moved) or void them (cancelled). */
export async function remindOfMeeting(deps: ServiceDeps, meeting: Meeting, change: 'plan' | 'replan' | 'void'): Promise<void> {
  if (deps.reminders === undefined) return;
  const committee = await loadCommittee(deps, meeting.committeeId);
  if (change !== 'plan') await replanMeetingLeaves(deps, committee, meeting);
  if (change === 'void') return deps.reminders.voidSubject(meeting.committeeId, meeting.id);
  return change === 'plan' ? scheduleMeetingReminders(deps, committee, meeting) : replanMeetingReminders(deps, committee, meeting);
}

/** Every meeting still ahead, after the body changed its reminder settings. */
export async function replanCommitteeReminders(deps: ServiceDeps, committee: Committee): Promise<void> {
  if (deps.reminders === undefined) return;
  for (const meeting of await listDocs(deps.redis, committee.id, MEETINGS)) {
    if (planned(meeting)) await replanMeetingReminders(deps, committee, meeting);
  }
}

interface Due { committee: Committee; meeting: Meeting; attendance: Attendance[] }

/** The committee and the meeting as they are now, if this job is still about them. */
async function dueMeeting(deps: ServiceDeps, job: ReminderJob): Promise<Due | null> {
  const committee = await readDoc(deps.redis, committeeKeys(job.committeeId).committee, CommitteeSchema);
  const meeting = committee === null ? null : await getDoc(deps.redis, committee.id, MEETINGS, job.subject);
  if (committee === null || meeting === null || !planned(meeting)) return null;
  if (meetingReminderVersion(meeting, policyOf(committee)) !== job.version) return null;
  return { committee, meeting, attendance: await attendanceOf(deps, committee.id, meeting.id) };
}

/** Who is invited: the voting members in post and the meeting's observers (列席). */
const invitedOf = (committee: Committee, meeting: Meeting): string[] => [...votingMembers(committee), ...meeting.observers];

/** Whoever said they will not come, or asked for leave that was not refused. */
function away(attendance: readonly Attendance[]): Set<string> {
  return new Set(attendance.filter((a) => a.rsvp === 'absent' || (a.leave !== undefined && a.leave.status !== 'rejected')).map((a) => a.memberId));
}

const toEach = (ids: readonly string[], notice: Extract<ReminderSend, { notice: unknown }>['notice']): ReminderSend[] =>
  ids.map((memberId) => ({ to: { memberId }, notice }));

/** The office (the 秘书; the 书记 where there is none): the notice is not out and its deadline is near. */
const noticeDue: ReminderSender = async (deps, job) => {
  const due = await dueMeeting(deps, job);
  if (due === null || due.meeting.status !== 'scheduled' || due.meeting.noticeSentAt !== undefined) return [];
  const { committee, meeting } = due;
  const check = checkNotice(profileOf(committee), meeting.startsAt, undefined, { emergency: meeting.kind === 'emergency' }, calendarOf(deps));
  return toEach(officeOf(committee), { type: 'meetingNoticeDue', title: meeting.title, startsAt: meeting.startsAt, deadline: check.advisedBy ?? check.noticeBy });
};

/** The invited who have neither answered nor asked for leave; on the last working day also urged (加急) on the notice. */
const unanswered: ReminderSender = async (deps, job, now) => {
  const due = await dueMeeting(deps, job);
  if (due === null || due.meeting.status !== 'noticed' || now.getTime() >= Date.parse(due.meeting.startsAt)) return [];
  const { committee, meeting, attendance } = due;
  const answered = new Set(attendance.filter((a) => a.rsvp !== undefined || a.leave !== undefined).map((a) => a.memberId));
  const silent = invitedOf(committee, meeting).filter((id) => !answered.has(id));
  if (silent.length === 0) return [];
  const last = job.occurrence === 'rsvp-last';
  const sends = toEach(silent, { type: 'meetingUnanswered', title: meeting.title, startsAt: meeting.startsAt, last });
  return last ? [...sends, { urge: 'meetingNotice', meetingId: meeting.id, memberIds: silent }] : sends;
};

const LEAD = /^start-(\d+)m$/;

/** Those attending (invited, not away), the day before and shortly before the start. */
const starting: ReminderSender = async (deps, job, now) => {
  const due = await dueMeeting(deps, job);
  const minutes = Number(LEAD.exec(job.occurrence)?.[1] ?? Number.NaN);
  if (due === null || !signInPossible(due.meeting) || now.getTime() >= Date.parse(due.meeting.startsAt) || Number.isNaN(minutes)) return [];
  const { committee, meeting, attendance } = due;
  const skip = away(attendance);
  return toEach(invitedOf(committee, meeting).filter((id) => !skip.has(id)), {
    type: 'meetingStarting', title: meeting.title, startsAt: meeting.startsAt, minutesBefore: minutes,
    ...(meeting.location === undefined ? {} : { location: meeting.location }),
  });
};

/** The voting members not away, while objections may still be raised in time. */
const objections: ReminderSender = async (deps, job, now) => {
  const due = await dueMeeting(deps, job);
  if (due === null || due.meeting.status !== 'noticed' || due.meeting.objectionsBy === undefined || now.getTime() >= Date.parse(due.meeting.objectionsBy)) return [];
  const { committee, meeting, attendance } = due;
  const skip = away(attendance);
  return toEach(votingMembers(committee).filter((id) => !skip.has(id)), { type: 'meetingObjections', title: meeting.title, startsAt: meeting.startsAt, deadline: meeting.objectionsBy ?? meeting.startsAt });
};

/** Sign-in opens at the set time, as if the chair had tapped 开始签到 (already open: the cards only). */
const signIn: ReminderSender = async (deps, job) => {
  const due = await dueMeeting(deps, job);
  if (due === null || !signInPossible(due.meeting)) return [];
  if (due.meeting.signInOpenedAt === undefined) await openSignInOnSchedule(deps, due.committee.id, due.meeting.id);
  return [{ post: 'signIn', meetingId: due.meeting.id }];
};

export const MEETING_REMINDER_SENDERS: ReminderSenders = {
  'meeting.notice': noticeDue,
  'meeting.rsvp': unanswered,
  'meeting.start': starting,
  'meeting.objections': objections,
  'meeting.signIn': signIn,
};
