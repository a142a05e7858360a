/**
 * Reminders of meeting leaves waiting for approval (NT-3.5c 经会议主持人同意): whoever chairs the
 * meeting is reminded the working morning after a request and shortly before the start (the rules'
 * times). One subject per meeting, `<meeting>+leaves`: the sender reads every leave pending then,
 * so a request decided meanwhile drops out, and once none is pending the subject is voided. The
 * version is the start: a moved meeting's leaves are planned again for its new time, and a job that
 * escaped voiding sends nothing; after the start none sends.
 */
import type { Attendance, Committee, Meeting } from '../domain/index.js';
import { meetingLeaveApprovalReminders } from '../rules/index.js';
import { getDoc, listDocs, MEETINGS } from '../store/repos.js';
import { chairsMeeting } from './authority.js';
import type { ServiceDeps } from './context.js';
import { calendarOf, loadCommittee } from './context.js';
import { attendanceOf } from './loaders.js';
import { scheduleOccurrences } from './reminders-plan.js';
import type { ReminderSend, ReminderSender, ReminderSenders } from './reminders.js';

const subjectOf = (meetingId: string): string => `${meetingId}+leaves`;
const versionOf = (meeting: Pick<Meeting, 'startsAt'>): string => Date.parse(meeting.startsAt).toString(36);
const ahead = (meeting: Meeting, nowMs: number): boolean => (meeting.status === 'scheduled' || meeting.status === 'noticed') && Date.parse(meeting.startsAt) > nowMs;

/** After a meeting leave was asked for or decided: a pending one is planned; none left pending voids the rest. */
export async function remindOfMeetingLeave(deps: ServiceDeps, committeeId: string, attendance: Attendance): Promise<void> {
  const committee = await loadCommittee(deps, committeeId);
  const meeting = await getDoc(deps.redis, committee.id, MEETINGS, attendance.meetingId);
  if (meeting !== null) await planMeetingLeaves(deps, committee, meeting, attendance.leave?.status === 'pending' ? [attendance] : [], false);
}

/** A meeting moved or cancelled: its leave reminders go, and those still pending are planned for the new time. */
export async function replanMeetingLeaves(deps: ServiceDeps, committee: Committee, meeting: Meeting): Promise<void> {
  const pending = (await attendanceOf(deps, committee.id, meeting.id)).filter((a) => a.leave?.status === 'pending');
  await planMeetingLeaves(deps, committee, meeting, pending, true);
}

/** At start: the leave reminders of every meeting still ahead with leaves pending (only adds). */
export async function planPendingMeetingLeaves(deps: ServiceDeps, committee: Committee): Promise<void> {
  for (const meeting of await listDocs(deps.redis, committee.id, MEETINGS)) {
    if (!ahead(meeting, deps.clock.now().getTime())) continue;
    const pending = (await attendanceOf(deps, committee.id, meeting.id)).filter((a) => a.leave?.status === 'pending');
    if (pending.length > 0) await planMeetingLeaves(deps, committee, meeting, pending, false);
  }
}

async function planMeetingLeaves(deps: ServiceDeps, committee: Committee, meeting: Meeting, toPlan: readonly Attendance[], replan: boolean): Promise<void> {
  const reminders = deps.reminders;
  if (reminders === undefined) return;
  const live = ahead(meeting, deps.clock.now().getTime())
    && (replan ? toPlan.length > 0 : (await attendanceOf(deps, committee.id, meeting.id)).some((a) => a.leave?.status === 'pending'));
  if (replan || !live) await reminders.voidSubject(committee.id, subjectOf(meeting.id));
  if (!live) return;
  for (const a of toPlan) {
    if (a.leave === undefined) continue;
    await scheduleOccurrences(deps, { committeeId: committee.id, kind: 'meeting.leaveApproval', subject: subjectOf(meeting.id), version: versionOf(meeting) },
      meetingLeaveApprovalReminders(a.leave.requestedAt, meeting.startsAt, deps.clock.now().toISOString(), calendarOf(deps)));
  }
}

function applicantsFor(committee: Committee, pending: readonly Attendance[], chairId: string): string[] {
  // Nobody approves their own leave: a chair's own request is not in his reminder.
  return pending.filter((a) => a.memberId !== chairId).map((a) => committee.roster.find((m) => m.id === a.memberId)?.name ?? '');
}

/** Whoever chairs, while leaves wait and the meeting has not started. */
const pendingMeetingLeaves: ReminderSender = async (deps, job, now) => {
  const committee = await loadCommittee(deps, job.committeeId).catch(() => null);
  const meeting = committee === null ? null : await getDoc(deps.redis, committee.id, MEETINGS, job.subject.split('+')[0] ?? '');
  if (committee === null || meeting === null || !ahead(meeting, now.getTime()) || versionOf(meeting) !== job.version) return [];
  const pending = (await attendanceOf(deps, committee.id, meeting.id)).filter((a) => a.leave?.status === 'pending');
  // Not leave-flow's meetingChairsOf: that module imports the attendance service, which imports this one.
  return committee.roster.filter((m) => chairsMeeting(committee, m.id, meeting)).flatMap((chair): ReminderSend[] => {
    const applicants = applicantsFor(committee, pending, chair.id);
    return applicants.length === 0 ? [] : [{ to: { memberId: chair.id }, notice: { type: 'meetingLeavePending', title: meeting.title, startsAt: meeting.startsAt, applicants } }];
  });
};

export const MEETING_LEAVE_REMINDER_SENDERS: ReminderSenders = {
  'meeting.leaveApproval': pendingMeetingLeaves,
};
