/**
 * 督查督办: a passed decision is broken into tasks, each with a responsible unit, an owner and a
 * deadline (JY-29..31: 明确责任单位、责任人和完成时限…跟踪问效); every decision is followed up
 * (ZY-DC-2: 件件有督查,事事有结果). Owners and clerks report progress and completion.
 */
import { z } from 'zod';
import type { Ballot, Committee, Meeting, Task } from '../domain/index.js';
import { DateSchema, IdSchema, InstantSchema, TextSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { update } from '../store/doc-store.js';
import { BALLOTS, docKey, getDoc, indexKey, listDocs, TASKS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, newId } from './context.js';
import { loadMeeting } from './loaders.js';
import { localDate } from './local-date.js';
import { parseInput } from './input.js';
import { remindOfTasks } from './reminders-task.js';

const TaskItem = z.object({
  title: z.string().trim().min(1).max(200), ownerId: IdSchema, unit: z.string().trim().min(1).max(100), due: DateSchema,
});
const CreateInput = z.object({
  committeeId: IdSchema, meetingId: IdSchema, topicId: IdSchema, actorId: IdSchema, tasks: z.array(TaskItem).min(1).max(50),
});
const FreeInput = z.object({
  committeeId: IdSchema, actorId: IdSchema, id: IdSchema.optional(), title: TaskItem.shape.title, ownerId: IdSchema,
  unit: TaskItem.shape.unit.optional(), due: DateSchema,
});
const GetInput = z.object({ committeeId: IdSchema, taskId: IdSchema, viewerId: IdSchema });
const ProgressInput = z.object({ committeeId: IdSchema, taskId: IdSchema, actorId: IdSchema, note: TextSchema });
const CompleteInput = z.object({ committeeId: IdSchema, taskId: IdSchema, actorId: IdSchema, note: TextSchema.optional() });
const ListInput = z.object({ committeeId: IdSchema, viewerId: IdSchema, ownerId: IdSchema.optional() });
const OverdueInput = z.object({ committeeId: IdSchema, viewerId: IdSchema, asOf: z.union([z.date(), InstantSchema]).optional() });

/** The agenda item's latest ballot: a 复议 adds a later one, and the latest decides. */
async function decidingBallot(deps: ServiceDeps, committeeId: string, meeting: Meeting, topicId: string): Promise<Ballot | null> {
  const item = meeting.agenda.find((a) => a.topicId === topicId);
  if (!item) throw new RefusedError('NOT_FOUND', 'agenda item');
  const ballotId = item.ballotIds.at(-1);
  return ballotId === undefined ? null : getDoc(deps.redis, committeeId, BALLOTS, ballotId);
}

function checkOwners(committee: Committee, tasks: readonly z.infer<typeof TaskItem>[], today: string): void {
  if (tasks.some((t) => !committee.roster.some((m) => m.id === t.ownerId))) throw new RefusedError('INVALID_INPUT', 'owner not on the roster');
  if (tasks.some((t) => t.due < today)) throw new RefusedError('INVALID_INPUT', 'due in the past');
}

/** Tasks from a topic whose ballot closed and passed; by a clerk or the chair; one commit for all. */
export async function createTasksFromDecision(deps: ServiceDeps, raw: z.input<typeof CreateInput>): Promise<Task[]> {
  const input = parseInput(CreateInput, raw);
  const created = await update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    authorize(committee, input.actorId, 'task.create');
    const meeting = await loadMeeting(deps, committee.id, input.meetingId);
    const ballot = await decidingBallot(deps, committee.id, meeting, input.topicId);
    if (ballot?.state !== 'closed' || ballot.result?.passed !== true) throw new RefusedError('INVALID_STATE', 'decision not passed');
    // A passed item the chair deferred after a close vote (A21, NT-3.6d) is not a decision to carry out yet.
    if (ballot.deferredAt !== undefined) throw new RefusedError('INVALID_STATE', 'decision deferred');
    const now = deps.clock.now();
    checkOwners(committee, input.tasks, localDate(now, committee.timeZone));
    const at = now.toISOString();
    const tasks: Task[] = input.tasks.map((t) => ({
      version: 0, id: newId('task', deps.clock), committeeId: committee.id, meetingId: meeting.id, topicId: input.topicId,
      title: t.title, ownerId: t.ownerId, unit: t.unit, due: t.due, status: 'open', progress: [], createdAt: at, createdBy: input.actorId,
    }));
    return {
      commit: { committeeId: committee.id, at: now,
        docs: tasks.map((t) => ({ key: docKey(committee.id, TASKS, t.id), value: t })),
        indexes: tasks.map((t) => ({ key: indexKey(committee.id, TASKS), member: t.id })),
        audit: { actor: input.actorId, action: 'task.create', subject: input.topicId, data: {
          meetingId: meeting.id, ballotId: ballot.id, tasks: tasks.map((t) => ({ id: t.id, ownerId: t.ownerId, due: t.due })),
        } } },
      result: tasks.map((t) => ({ ...t, version: 1 })),
    };
  });
  await remindOfTasks(deps, created);
  return created;
}

/**
 * A task the chair or a clerk assigns outside any decision (/督办). The unit defaults to the body
 * itself. A given id (from the message) makes a re-run of the same command create nothing twice.
 */
export async function createTask(deps: ServiceDeps, raw: z.input<typeof FreeInput>): Promise<Task> {
  const input = parseInput(FreeInput, raw);
  const task = await update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    authorize(committee, input.actorId, 'task.create');
    const now = deps.clock.now();
    if (!committee.roster.some((m) => m.id === input.ownerId)) throw new RefusedError('OWNER_NOT_ON_ROSTER', 'task owner');
    const item = { title: input.title, ownerId: input.ownerId, unit: input.unit ?? committee.name, due: input.due };
    checkOwners(committee, [item], localDate(now, committee.timeZone));
    const id = input.id ?? newId('task', deps.clock);
    const existing = await getDoc(deps.redis, committee.id, TASKS, id);
    // Already made by an earlier run of the same message: nothing is written.
    if (existing) return { commit: { committeeId: committee.id, at: now, docs: [], audit: null }, result: existing };
    const task: Task = { version: 0, id, committeeId: committee.id, ...item, status: 'open', progress: [], createdAt: now.toISOString(), createdBy: input.actorId };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, TASKS, id), value: task }],
        indexes: [{ key: indexKey(committee.id, TASKS), member: id }],
        audit: { actor: input.actorId, action: 'task.create', subject: id, data: { ownerId: task.ownerId, due: task.due } } },
      result: { ...task, version: 1 },
    };
  });
  await remindOfTasks(deps, [task]);
  return task;
}

/** One task, open or done, for anyone on the roster. */
export async function getTask(deps: ServiceDeps, raw: z.input<typeof GetInput>): Promise<Task> {
  const input = parseInput(GetInput, raw);
  authorize(await loadCommittee(deps, input.committeeId), input.viewerId, 'task.list');
  const task = await getDoc(deps.redis, input.committeeId, TASKS, input.taskId);
  if (!task) throw new RefusedError('NOT_FOUND', 'task');
  return task;
}

/** The owner, a clerk or the chair may act on a task while it is open. */
async function loadOpenTaskFor(deps: ServiceDeps, committeeId: string, taskId: string, actorId: string, action: 'task.progress' | 'task.complete'): Promise<Task> {
  const committee = await loadCommittee(deps, committeeId);
  const task = await getDoc(deps.redis, committee.id, TASKS, taskId);
  if (!task) throw new RefusedError('NOT_FOUND', 'task');
  authorize(committee, actorId, action, { subjects: [task.ownerId] });
  if (task.status !== 'open') throw new RefusedError('INVALID_STATE', task.status);
  return task;
}

async function changeTask(deps: ServiceDeps, input: { committeeId: string; taskId: string; actorId: string; note?: string | undefined },
  action: 'task.progress' | 'task.complete'): Promise<Task> {
  return update(deps.redis, async () => {
    const task = await loadOpenTaskFor(deps, input.committeeId, input.taskId, input.actorId, action);
    const now = deps.clock.now();
    const progress = input.note === undefined ? task.progress : [...task.progress, { at: now.toISOString(), by: input.actorId, note: input.note }];
    const next: Task = action === 'task.complete'
      ? { ...task, progress, status: 'done', doneAt: now.toISOString() }
      : { ...task, progress };
    return {
      commit: { committeeId: task.committeeId, at: now, docs: [{ key: docKey(task.committeeId, TASKS, task.id), value: next }],
        audit: { actor: input.actorId, action, subject: task.id, data: { status: next.status, progress: next.progress.length } } },
      result: { ...next, version: next.version + 1 },
    };
  });
}

export async function reportProgress(deps: ServiceDeps, raw: z.input<typeof ProgressInput>): Promise<Task> {
  return changeTask(deps, parseInput(ProgressInput, raw), 'task.progress');
}

export async function completeTask(deps: ServiceDeps, raw: z.input<typeof CompleteInput>): Promise<Task> {
  const done = await changeTask(deps, parseInput(CompleteInput, raw), 'task.complete');
  await remindOfTasks(deps, [done]);
  return done;
}

const byDue = (a: Task, b: Task): number => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1);

/** Open tasks, earliest deadline first; of one owner when given; for anyone on the roster. */
export async function listOpenTasks(deps: ServiceDeps, raw: z.input<typeof ListInput>): Promise<Task[]> {
  const input = parseInput(ListInput, raw);
  authorize(await loadCommittee(deps, input.committeeId), input.viewerId, 'task.list');
  const tasks = await listDocs(deps.redis, input.committeeId, TASKS);
  return tasks.filter((t) => t.status === 'open' && (input.ownerId === undefined || t.ownerId === input.ownerId)).sort(byDue);
}

/**
 * Open tasks past their deadline as of an instant (default now). The deadline is a local date and
 * includes its whole day, so a task is overdue from the next local date on.
 */
export async function overdueTasks(deps: ServiceDeps, raw: z.input<typeof OverdueInput>): Promise<Task[]> {
  const input = parseInput(OverdueInput, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.viewerId, 'task.overdue');
  const today = localDate(input.asOf ?? deps.clock.now(), committee.timeZone);
  return (await listOpenTasks(deps, { committeeId: committee.id, viewerId: input.viewerId })).filter((t) => t.due < today);
}
