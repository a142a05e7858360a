/**
 * 督查督办: a passed decision is broken into tasks, each with a responsible unit, an owner and a
 * deadline (JY-29..31: 明确责任单位、责任人和完成时限…跟踪问效); every decision is followed up
 * (ZY-DC-2: 件件有督查,事事有结果). Owners and clerks report progress and completion.
 */
import { z } from 'zod';
import type { Ballot, Committee, Meeting, Minutes, Task } from '../domain/index.js';
import { DateSchema, IdSchema, InstantSchema, TextSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { update } from '../store/doc-store.js';
import { BALLOTS, docKey, getDoc, indexKey, listDocs, MINUTES, TASKS, TOPICS } from '../store/repos.js';
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
/** A given id makes the item idempotent: a task of that id made before is kept, not made again. */
const DecisionTaskItem = TaskItem.extend({ id: IdSchema.optional(), title: TaskItem.shape.title.optional(), unit: TaskItem.shape.unit.optional() });
const CreateInput = z.object({
  committeeId: IdSchema, meetingId: IdSchema, topicId: IdSchema, actorId: IdSchema, tasks: z.array(DecisionTaskItem).min(1).max(50),
});
const DecisionInput = z.object({ committeeId: IdSchema, meetingId: IdSchema, topicId: IdSchema, actorId: IdSchema });
const DecisionsInput = z.object({ committeeId: IdSchema, meetingId: IdSchema, viewerId: IdSchema });
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

/** Why the item's latest ballot is not a decision to carry out, or null when it is. */
function notCarriedOut(ballot: Ballot | null): string | null {
  if (ballot?.state !== 'closed' || ballot.result?.passed !== true) return 'decision not passed';
  // A passed item the chair deferred after a close vote (A21, NT-3.6d) is not a decision to carry out yet.
  return ballot.deferredAt === undefined ? null : 'decision deferred';
}

async function passedBallot(deps: ServiceDeps, committeeId: string, meeting: Meeting, topicId: string): Promise<Ballot> {
  const ballot = await decidingBallot(deps, committeeId, meeting, topicId);
  const why = notCarriedOut(ballot);
  if (why !== null || ballot === null) throw new RefusedError('INVALID_STATE', why ?? 'no ballot');
  return ballot;
}

/** The one task the signed minutes make of a decision: asked twice, it is the same task. */
export const decisionTaskId = (meetingId: string, topicId: string): string => `task-${meetingId}-${topicId}`;

/**
 * Tasks from a topic whose ballot closed and passed; by a clerk or the chair; one commit for all.
 * The title defaults to the topic's, the unit to the body itself; an item whose id names a task
 * already made is that task.
 */
export async function createTasksFromDecision(deps: ServiceDeps, raw: z.input<typeof CreateInput>): Promise<Task[]> {
  const input = parseInput(CreateInput, raw);
  const created = await update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    authorize(committee, input.actorId, 'task.create');
    const meeting = await loadMeeting(deps, committee.id, input.meetingId);
    const ballot = await passedBallot(deps, committee.id, meeting, input.topicId);
    const now = deps.clock.now();
    const topic = await getDoc(deps.redis, committee.id, TOPICS, input.topicId);
    const items = input.tasks.map((t) => ({ ...t, title: t.title ?? topic?.title ?? input.topicId, unit: t.unit ?? committee.name }));
    checkOwners(committee, items, localDate(now, committee.timeZone));
    const made = await Promise.all(items.map((t) => (t.id === undefined ? Promise.resolve(null) : getDoc(deps.redis, committee.id, TASKS, t.id))));
    if (made.some((t) => t !== null && (t.meetingId !== meeting.id || t.topicId !== input.topicId))) throw new RefusedError('INVALID_INPUT', 'task id of another task');
    const at = now.toISOString();
    const tasks: Task[] = items.map((t, i) => made[i] ?? {
      version: 0, id: t.id ?? newId('task', deps.clock), committeeId: committee.id, meetingId: meeting.id, topicId: input.topicId,
      title: t.title, ownerId: t.ownerId, unit: t.unit, due: t.due, status: 'open', progress: [], createdAt: at, createdBy: input.actorId,
    });
    const fresh = tasks.filter((_, i) => (made[i] ?? null) === null);
    return {
      commit: { committeeId: committee.id, at: now,
        docs: fresh.map((t) => ({ key: docKey(committee.id, TASKS, t.id), value: t })),
        indexes: fresh.map((t) => ({ key: indexKey(committee.id, TASKS), member: t.id })),
        // Nothing new (every item made before): nothing is written, nothing audited.
        audit: fresh.length === 0 ? null : { actor: input.actorId, action: 'task.create', subject: input.topicId, data: {
          meetingId: meeting.id, ballotId: ballot.id, tasks: fresh.map((t) => ({ id: t.id, ownerId: t.ownerId, due: t.due })),
        } } },
      result: tasks.map((t) => (fresh.includes(t) ? { ...t, version: 1 } : t)),
    };
  });
  await remindOfTasks(deps, created);
  return created;
}

const taskOf = (tasks: readonly Task[], meetingId: string, topicId: string): Task | null =>
  tasks.filter((t) => t.meetingId === meetingId && t.topicId === topicId).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))[0] ?? null;

/**
 * What 转为督办 on the signed minutes acts on: for the chair or a clerk, a passed, undeferred item
 * of minutes already signed; the minutes, and the task made of the decision before, if any.
 */
export async function decisionToCarryOut(deps: ServiceDeps, raw: z.input<typeof DecisionInput>): Promise<{ minutes: Minutes; task: Task | null }> {
  const input = parseInput(DecisionInput, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.actorId, 'task.create');
  const meeting = await loadMeeting(deps, committee.id, input.meetingId);
  const minutes = await getDoc(deps.redis, committee.id, MINUTES, meeting.id);
  if (!minutes) throw new RefusedError('MINUTES_NOT_DRAFTED', meeting.id);
  if (minutes.status !== 'signed') throw new RefusedError('INVALID_STATE', 'minutes not signed');
  await passedBallot(deps, committee.id, meeting, input.topicId);
  return { minutes, task: taskOf(await listDocs(deps.redis, committee.id, TASKS), meeting.id, input.topicId) };
}

export interface Decision { topicId: string; task: Task | null }

/** A meeting's decisions to carry out, in agenda order, each with the first task made of it; for anyone on the roster. */
export async function meetingDecisions(deps: ServiceDeps, raw: z.input<typeof DecisionsInput>): Promise<Decision[]> {
  const input = parseInput(DecisionsInput, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.viewerId, 'task.list');
  const meeting = await loadMeeting(deps, committee.id, input.meetingId);
  const [ballots, tasks] = await Promise.all([
    Promise.all(meeting.agenda.map((item) => decidingBallot(deps, committee.id, meeting, item.topicId))),
    listDocs(deps.redis, committee.id, TASKS),
  ]);
  return meeting.agenda.filter((_, i) => notCarriedOut(ballots[i] ?? null) === null).map((item) => ({
    topicId: item.topicId, task: taskOf(tasks, meeting.id, item.topicId),
  }));
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
