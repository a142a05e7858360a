/**
 * A general leave's reminders. While a step waits, its holders are reminded each working morning
 * (the version is the waiting step, so a step acted on leaves its jobs with nothing to send); once
 * approved, the applicant is reminded to 销假 on the leave's last day and on returnBy (the version
 * is returnBy). Each sender reads the leave as it is then: decided, returned or withdrawn, nothing.
 * Subjects are `<leave>+approval` and `<leave>+return`, so voiding one leaves the other.
 */
import type { Committee, GeneralLeave, ReminderJob } from '../domain/index.js';
import { approvalReminders, leaveReturnReminders } from '../rules/index.js';
import { getDoc, LEAVES } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { calendarOf, loadCommittee } from './context.js';
import { waitingStepHolders } from './leave-flow.js';
import { scheduleOccurrences } from './reminders-plan.js';
import type { ReminderSend, ReminderSender, ReminderSenders } from './reminders.js';

const approvalSubject = (leaveId: string): string => `${leaveId}+approval`;
const returnSubject = (leaveId: string): string => `${leaveId}+return`;

const waitingIndex = (leave: GeneralLeave): number => leave.steps.findIndex((s) => s.status === 'waiting');
const approvalVersion = (leave: GeneralLeave): string => `s${waitingIndex(leave)}`;
const returnVersion = (returnBy: string): string => `r${returnBy}`;

/** Since when the waiting step waits: the previous step's act, or the request. */
function waitingSince(leave: GeneralLeave): string {
  return leave.steps[waitingIndex(leave) - 1]?.at ?? leave.createdAt;
}

/** A leave that is approved and still to be returned from, with the dates its 销假 needs. */
function toReturn(leave: GeneralLeave): { end: string; returnBy: string } | null {
  const { end } = leave.input;
  const returnBy = leave.decision.returnBy;
  if ((leave.status !== 'approved' && leave.status !== 'filed') || end === undefined || returnBy === undefined) return null;
  return { end, returnBy };
}

/** The reminders a leave's state calls for, from now on (adding one already there is harmless). */
export async function planLeave(deps: ServiceDeps, leave: GeneralLeave): Promise<void> {
  const now = deps.clock.now().toISOString();
  const base = { committeeId: leave.committeeId };
  if (leave.status === 'pending' && waitingIndex(leave) >= 0) {
    await scheduleOccurrences(deps, { ...base, kind: 'leave.approval', subject: approvalSubject(leave.id), version: approvalVersion(leave) },
      approvalReminders(waitingSince(leave), now, calendarOf(deps)));
  }
  const dates = toReturn(leave);
  if (dates !== null) {
    await scheduleOccurrences(deps, { ...base, kind: 'leave.return', subject: returnSubject(leave.id), version: returnVersion(dates.returnBy) }, leaveReturnReminders(dates, now));
  }
}

/** After a general leave was asked for or changed: what was planned goes, what its state now calls for comes. */
export async function remindOfLeave(deps: ServiceDeps, leave: GeneralLeave): Promise<void> {
  if (deps.reminders === undefined) return;
  await deps.reminders.voidSubject(leave.committeeId, approvalSubject(leave.id));
  if (toReturn(leave) === null) await deps.reminders.voidSubject(leave.committeeId, returnSubject(leave.id));
  await planLeave(deps, leave);
}

async function leaveOf(deps: ServiceDeps, job: ReminderJob): Promise<{ committee: Committee; leave: GeneralLeave } | null> {
  const leaveId = job.subject.split('+')[0] ?? '';
  const committee = await loadCommittee(deps, job.committeeId).catch(() => null);
  const leave = committee === null ? null : await getDoc(deps.redis, committee.id, LEAVES, leaveId);
  return committee === null || leave === null ? null : { committee, leave };
}

/** The holders of the step that still waits, as when the job was planned. */
const pendingApproval: ReminderSender = async (deps, job) => {
  const found = await leaveOf(deps, job);
  if (found === null || found.leave.status !== 'pending' || approvalVersion(found.leave) !== job.version) return [];
  const { committee, leave } = found;
  const applicant = committee.roster.find((m) => m.id === leave.applicantId)?.name ?? '';
  const holders = await waitingStepHolders(deps, committee, leave);
  return holders.map((h): ReminderSend => ({
    to: { memberId: h.id },
    notice: { type: 'leavePending', applicant, days: leave.decision.days, waitingSince: waitingSince(leave),
      ...(leave.input.start === undefined || leave.input.end === undefined ? {} : { start: leave.input.start, end: leave.input.end }) },
  }));
};

/** The applicant, while the leave is approved and not yet returned from. */
const returnDue: ReminderSender = async (deps, job) => {
  const found = await leaveOf(deps, job);
  const dates = found === null ? null : toReturn(found.leave);
  if (found === null || dates === null || returnVersion(dates.returnBy) !== job.version) return [];
  const { leave } = found;
  return [{
    to: { memberId: leave.applicantId },
    notice: { type: 'leaveReturn', committeeId: leave.committeeId, leaveId: leave.id, start: leave.input.start ?? dates.end, end: dates.end,
      returnBy: dates.returnBy, dueToday: job.occurrence === 'due-day', basis: leave.decision.basis },
  }];
};

export const LEAVE_REMINDER_SENDERS: ReminderSenders = {
  'leave.approval': pendingApproval,
  'leave.return': returnDue,
};
