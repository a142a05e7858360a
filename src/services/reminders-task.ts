/**
 * A task's reminders (督查督办): its owner the body's lead time before the due date, the chair and
 * the clerk the working morning after it passed. The version is the due date and the lead time, so
 * a task given a new date or a body's new lead time gets new jobs; a task 办结 has its jobs voided,
 * and a job that escaped finds it done and sends nothing.
 */
import type { Committee, ReminderJob, ReminderKind, Task } from '../domain/index.js';
import { REMINDER_DEFAULTS, taskReminders } from '../rules/index.js';
import { getDoc, listDocs, TASKS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { calendarOf, loadCommittee } from './context.js';
import { chairsOf, officeOf, scheduleOccurrences } from './reminders-plan.js';
import type { ReminderSender, ReminderSenders } from './reminders.js';

const leadOf = (committee: Committee): number => committee.reminders?.taskLeadWorkingDays ?? REMINDER_DEFAULTS.taskLeadWorkingDays;
const versionOf = (task: Task, committee: Committee): string => `d${task.due}.l${leadOf(committee)}`;
const KIND_OF: Readonly<Record<string, ReminderKind>> = { 'due-soon': 'task.due', overdue: 'task.overdue' };

/** The reminders of an open task from now on (adding one already there is harmless). */
export async function planTask(deps: ServiceDeps, committee: Committee, task: Task): Promise<void> {
  if (task.status !== 'open') return;
  for (const o of taskReminders(task.due, deps.clock.now().toISOString(), calendarOf(deps), leadOf(committee))) {
    const kind = KIND_OF[o.occurrence];
    if (kind !== undefined) await scheduleOccurrences(deps, { committeeId: committee.id, kind, subject: task.id, version: versionOf(task, committee) }, [o]);
  }
}

/** After tasks were made or changed: what was planned goes; the open ones' reminders come. */
export async function remindOfTasks(deps: ServiceDeps, tasks: readonly Task[]): Promise<void> {
  const reminders = deps.reminders;
  const first = tasks[0];
  if (reminders === undefined || first === undefined) return;
  const committee = await loadCommittee(deps, first.committeeId);
  for (const task of tasks) {
    await reminders.voidSubject(committee.id, task.id);
    await planTask(deps, committee, task);
  }
}

/** After the body's lead time changed: every open task's reminders again, with the new version. */
export async function replanCommitteeTasks(deps: ServiceDeps, committee: Committee): Promise<void> {
  if (deps.reminders === undefined) return;
  const open = (await listDocs(deps.redis, committee.id, TASKS)).filter((t) => t.status === 'open');
  for (const task of open) {
    await deps.reminders.voidSubject(committee.id, task.id);
    await planTask(deps, committee, task);
  }
}

async function openTask(deps: ServiceDeps, job: ReminderJob): Promise<{ committee: Committee; task: Task } | null> {
  const committee = await loadCommittee(deps, job.committeeId).catch(() => null);
  const task = committee === null ? null : await getDoc(deps.redis, committee.id, TASKS, job.subject);
  if (committee === null || task === null || task.status !== 'open' || versionOf(task, committee) !== job.version) return null;
  return { committee, task };
}

const dueSoon: ReminderSender = async (deps, job) => {
  const found = await openTask(deps, job);
  return found === null ? [] : [{ to: { memberId: found.task.ownerId }, notice: { type: 'taskDue', title: found.task.title, due: found.task.due } }];
};

const overdue: ReminderSender = async (deps, job) => {
  const found = await openTask(deps, job);
  if (found === null) return [];
  const { committee, task } = found;
  const owner = committee.roster.find((m) => m.id === task.ownerId)?.name ?? '';
  const people = [...new Set([...chairsOf(committee), ...officeOf(committee)])];
  return people.map((memberId) => ({ to: { memberId }, notice: { type: 'taskOverdue', title: task.title, due: task.due, owner } }));
};

export const TASK_REMINDER_SENDERS: ReminderSenders = {
  'task.due': dueSoon,
  'task.overdue': overdue,
};
