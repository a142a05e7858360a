/**
 * The reminders of a body's periodic duties (A13/A14): before each window closes the office is
 * reminded (the profile's lead time), the working morning after a missed window the chair is told,
 * and after a recorded 民主生活会 the office is reminded of its report (dueDate). Planned for every
 * committee at start and after setup (job ids are fixed, so planning again adds nothing), again for
 * a duty when it is recorded done, and by the overdue notice itself for the next window. Each
 * sender reads the duty's record as it is then: a window recorded done sends nothing.
 */
import type { Committee, DutyRecord, ReminderJob } from '../domain/index.js';
import type { Duty, Occurrence } from '../rules/index.js';
import { dueDate, duties, dutyWindowReminders, dutyWindowStatus, lifeMeetingReportReminders, windowCompliance } from '../rules/index.js';
import { scanCommitteeIds } from '../store/committee-scan.js';
import { DUTY_RECORDS, getDoc, LEAVES, listDocs, TASKS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { calendarOf, loadCommittee, profileOf } from './context.js';
import { planLeave } from './reminders-leave.js';
import { planPendingMeetingLeaves } from './reminders-meeting-leave.js';
import { chairsOf, officeOf, scheduleOccurrences } from './reminders-plan.js';
import { planTask } from './reminders-task.js';
import type { ReminderSend, ReminderSender, ReminderSenders } from './reminders.js';

/** The duty whose report follows a recorded meeting (JY-12d and the like). */
const LIFE_MEETING = 'lifeMeeting';
const reportSubject = `${LIFE_MEETING}+report`;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The 民主生活会 whose report is due: the latest date the duty was recorded done on, if it is that duty. */
export function lifeMeetingHeldOn(dutyId: string, entries: readonly string[]): string | undefined {
  return dutyId === LIFE_MEETING ? entries.filter((e) => DATE.test(e)).sort().at(-1) : undefined;
}

/** A window label as a job id part: the two-month labels' '/' is not allowed there; and back. */
const part = (label: string): string => label.replace(/\//g, '_');
const labelOf = (occurrence: string, suffix: string): string => occurrence.slice(0, -suffix.length).replace(/_/g, '/');
/** The version of a body's duty reminders: its profile and lead time (changing either plans anew). */
const versionOf = (committee: Committee): string => `${committee.profileId}.l${profileOf(committee).options.reminderLeadDays}`;

async function entriesOf(deps: ServiceDeps, committeeId: string, dutyId: string): Promise<string[]> {
  const record: DutyRecord | null = await getDoc(deps.redis, committeeId, DUTY_RECORDS, dutyId);
  return (record?.entries ?? []).map((e) => e.entry);
}

/** The window reminders of one duty and, for the 民主生活会, its report's, from now on. */
export async function planDuty(deps: ServiceDeps, committee: Committee, duty: Duty): Promise<Occurrence[]> {
  const profile = profileOf(committee);
  const entries = await entriesOf(deps, committee.id, duty.id);
  const now = deps.clock.now().toISOString();
  const windows = dutyWindowReminders(profile, duty, entries, now, calendarOf(deps)).map((o) => ({ ...o, occurrence: part(o.occurrence) }));
  const version = versionOf(committee);
  for (const o of windows) {
    const kind = o.occurrence.endsWith('-before') ? 'duty.due' : 'duty.overdue';
    await scheduleOccurrences(deps, { committeeId: committee.id, kind, subject: duty.id, version }, [o]);
  }
  const heldOn = lifeMeetingHeldOn(duty.id, entries);
  if (heldOn === undefined) return windows;
  const reports = lifeMeetingReportReminders(profile, heldOn, now, calendarOf(deps));
  await scheduleOccurrences(deps, { committeeId: committee.id, kind: 'duty.report', subject: reportSubject, version: heldOn }, reports);
  return [...windows, ...reports].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Every duty of the body (at start, after setup): idempotent by job id. */
export async function planDuties(deps: ServiceDeps, committee: Committee): Promise<void> {
  if (deps.reminders === undefined) return;
  for (const duty of duties(profileOf(committee))) await planDuty(deps, committee, duty);
}

/** After a duty was recorded done: its pending jobs go, the next window's (and a report's) come. */
export async function remindOfDuty(deps: ServiceDeps, committeeId: string, dutyId: string): Promise<void> {
  if (deps.reminders === undefined) return;
  const committee = await loadCommittee(deps, committeeId);
  const duty = duties(profileOf(committee)).find((d) => d.id === dutyId);
  if (duty === undefined) return;
  await deps.reminders.voidSubject(committee.id, duty.id);
  if (duty.id === LIFE_MEETING) await deps.reminders.voidSubject(committee.id, reportSubject);
  await planDuty(deps, committee, duty);
}

/**
 * At start, for every committee: its duties' reminders, and those of its open tasks, its
 * leaves and its meetings' pending leaves (made before reminders existed, or whose planning a crash cut short). Only adds: job ids
 * are fixed, so what is there stays as it is. A committee that fails is logged; the rest go on.
 */
export async function planAllFollowUps(deps: ServiceDeps): Promise<void> {
  if (deps.reminders === undefined) return;
  for (const id of await scanCommitteeIds(deps.redis)) {
    try {
      const committee = await loadCommittee(deps, id);
      await planDuties(deps, committee);
      for (const task of await listDocs(deps.redis, id, TASKS)) await planTask(deps, committee, task);
      for (const leave of await listDocs(deps.redis, id, LEAVES)) await planLeave(deps, leave);
      await planPendingMeetingLeaves(deps, committee);
    } catch (error) {
      deps.log.warn('follow-up reminders not planned', { committeeId: id, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
}

interface Due { committee: Committee; duty: Duty; entries: string[] }

/** The duty as it is now; `planned` when the job's version must still be the body's (window jobs). */
async function dueDuty(deps: ServiceDeps, job: ReminderJob, dutyId: string, planned: boolean): Promise<Due | null> {
  const committee = await loadCommittee(deps, job.committeeId).catch(() => null);
  if (committee === null || (planned && versionOf(committee) !== job.version)) return null;
  const duty = duties(profileOf(committee)).find((d) => d.id === dutyId);
  return duty === undefined ? null : { committee, duty, entries: await entriesOf(deps, committee.id, duty.id) };
}

const toEach = (ids: readonly string[], notice: Extract<ReminderSend, { notice: unknown }>['notice']): ReminderSend[] => ids.map((memberId) => ({ to: { memberId }, notice }));

/** The office, while the window the job names is still the open one and not recorded done. */
const windowDue: ReminderSender = async (deps, job, now) => {
  const due = await dueDuty(deps, job, job.subject, true);
  if (due === null) return [];
  const { committee, duty, entries } = due;
  const c = windowCompliance(duty, entries, now.toISOString(), { reminderLeadDays: profileOf(committee).options.reminderLeadDays });
  if (c.pending === undefined || c.nextDue === undefined || `${part(c.pending)}-before` !== job.occurrence) return [];
  return toEach(officeOf(committee), { type: 'dutyDue', title: duty.title, window: c.pending, due: c.nextDue.slice(0, 10), basis: duty.basis });
};

/** The chair, when the window the job names was missed; then the next window's reminders are planned. */
const windowMissed: ReminderSender = async (deps, job, now) => {
  const due = await dueDuty(deps, job, job.subject, true);
  if (due === null) return [];
  const { committee, duty, entries } = due;
  await planDuty(deps, committee, duty);
  const label = labelOf(job.occurrence, '-overdue');
  const status = dutyWindowStatus(duty, entries, label, now.toISOString());
  if (!status.missed) return [];
  return toEach(chairsOf(committee), { type: 'dutyOverdue', title: duty.title, window: label, due: status.due, basis: duty.basis });
};

/** The office, for the report of the latest recorded 民主生活会, as long as it is the one the job is about. */
const reportDue: ReminderSender = async (deps, job) => {
  const due = await dueDuty(deps, job, LIFE_MEETING, false);
  if (due === null) return [];
  const { committee, entries } = due;
  const profile = profileOf(committee);
  if (lifeMeetingHeldOn(LIFE_MEETING, entries) !== job.version || !profile.lifeMeeting.report) return [];
  const report = dueDate(profile, 'lifeMeetingReport', job.version, calendarOf(deps));
  return toEach(officeOf(committee), { type: 'dutyReport', heldOn: job.version, due: (report.tolerableDue ?? report.due).slice(0, 10), basis: report.basis });
};

export const DUTY_REMINDER_SENDERS: ReminderSenders = {
  'duty.due': windowDue,
  'duty.overdue': windowMissed,
  'duty.report': reportDue,
};
