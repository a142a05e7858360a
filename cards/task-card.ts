/**
 * 督办事项: one task (title, owner, unit, due date, progress) with the owner's 报告进展 and 办结,
 * and the list of open tasks `/督办` answers with. A task past its due date is marked 已逾期: the
 * due date is a local date and includes its whole day, read in the committee's zone.
 */
import type { Committee, Task } from '../src/domain/index.js';
import { action, FORM_FIELDS } from './actions.js';
import { button, capped, card, columns, form, header, hr, input, md, note, submit } from './components.js';
import { BUTTON, FIELD, STATUS, TITLE } from './copy.js';
import { clip, formatDay, formatWhen, localDate, typed } from './text.js';
import type { Card, Element } from './types.js';
import { mention, personOf, type PersonView, type ViewOptions } from './view.js';

export interface TaskCan { report: boolean; done: boolean }

export type TaskState = 'open' | 'overdue' | 'done';

export interface TaskView {
  committeeId: string;
  taskId: string;
  title: string;
  owner: PersonView;
  unit: string;
  due: string;
  state: TaskState;
  doneAt?: string;
  /** Newest first. */
  progress: { at: string; by: string; note: string }[];
  can: TaskCan;
}

/** Progress entries a card shows; older ones are counted, not shown, to stay under 30 KB. */
const PROGRESS_SHOWN = 5;
const LISTED = 30;

export function taskState(task: Pick<Task, 'status' | 'due'>, now: Date | string, timeZone: string): TaskState {
  if (task.status === 'done') return 'done';
  return task.due < localDate(now, timeZone) ? 'overdue' : 'open';
}

export function toTaskView(task: Task, committee: Pick<Committee, 'roster'>, opts: ViewOptions<TaskCan>): TaskView {
  const state = taskState(task, opts.now, opts.timeZone);
  const open = state !== 'done';
  return {
    committeeId: task.committeeId,
    taskId: task.id,
    title: task.title,
    owner: personOf(committee, task.ownerId),
    unit: task.unit,
    due: formatDay(task.due),
    state,
    ...(task.doneAt === undefined ? {} : { doneAt: formatWhen(task.doneAt, opts.timeZone) }),
    progress: [...task.progress].reverse().map((p) => ({ at: formatWhen(p.at, opts.timeZone), by: personOf(committee, p.by).name, note: p.note })),
    can: { report: open && opts.can.report, done: open && opts.can.done },
  };
}

const STATE_WORDS: Record<TaskState, string> = { open: '办理中', overdue: STATUS.overdue, done: STATUS.taskDone };
const COLOURS = { open: 'blue', overdue: 'red', done: 'green' } as const;

export function buildTaskCard(view: TaskView): Card {
  const c = view.committeeId;
  const lines = [
    `**事项**：${typed(view.title, 200)}`,
    `**${FIELD.owner}**：${mention(view.owner)}`,
    `**责任单位**：${typed(view.unit, 100)}`,
    `**${FIELD.due}**：${view.due}`,
    `**状态**：${view.state === 'done' && view.doneAt !== undefined ? `${STATUS.taskDone}（${view.doneAt}）` : STATE_WORDS[view.state]}`,
  ];
  const elements: Element[] = [md(lines.join('\n'))];
  const progress = view.progress.length === 0 ? ['（暂无）']
    : capped(view.progress, PROGRESS_SHOWN, (p) => `${p.at} ${typed(p.by, 20)}：${typed(p.note, 1000)}`);
  elements.push(md([`**${FIELD.progress}**`, ...progress].join('\n')));
  if (view.can.done) {
    elements.push(columns([button({
      label: BUTTON.done, type: 'primary_filled', value: action({ a: 'task.done', c, k: view.taskId }),
      confirm: { title: '确认办结', text: `确认“${clip(view.title, 40)}”已办结？办结后不能再报告进展。` },
    })]));
  }
  if (view.can.report) {
    elements.push(hr(), form('task_progress', [
      input({ name: FORM_FIELDS.taskProgress.progress, label: FIELD.progress, required: true, placeholder: '请写明办理进展', multiline: true, maxLength: 1000 }),
    ], submit('task_progress_submit', { label: BUTTON.reportProgress, value: action({ a: 'task.report', c, k: view.taskId }) })));
    elements.push(note('报告进展、办结：负责人、书记或秘书。'));
  }
  const tag = view.state === 'open' ? undefined : { text: STATE_WORDS[view.state], color: view.state === 'done' ? 'green' as const : 'red' as const };
  return card(header(TITLE.task, COLOURS[view.state], clip(view.title, 40), tag), elements, `${TITLE.task}：${clip(view.title, 40)}`);
}

export interface TaskListEntry { title: string; owner: string; unit: string; due: string; overdue: boolean }
export interface TaskListView { tasks: TaskListEntry[]; overdue: number }

/** Open tasks in the order given (earliest due first, as the service lists them). */
export function toTaskListView(tasks: readonly Task[], committee: Pick<Committee, 'roster'>, opts: ViewOptions<Record<string, never>>): TaskListView {
  const entries = tasks.filter((t) => t.status === 'open').map((t) => ({
    title: t.title, owner: personOf(committee, t.ownerId).name, unit: t.unit, due: formatDay(t.due),
    overdue: taskState(t, opts.now, opts.timeZone) === 'overdue',
  }));
  return { tasks: entries, overdue: entries.filter((t) => t.overdue).length };
}

export function buildTaskListCard(view: TaskListView): Card {
  const lines = view.tasks.length === 0 ? ['没有未办结的督办事项。']
    : capped(view.tasks, LISTED, (t, i) =>
      `${i + 1}. ${typed(t.title, 60)}（${typed(t.owner, 20)}，${typed(t.unit, 30)}，${t.due}前）${t.overdue ? ` **${STATUS.overdue}**` : ''}`);
  const elements: Element[] = [md(lines.join('\n'))];
  if (view.tasks.length === 0) elements.push(note('书记或秘书发送“/督办 事项 @负责人 日期”交办，例如：/督办 完成年度预算报告 @张三 12月20日'));
  const subtitle = `未办结 ${view.tasks.length} 项${view.overdue > 0 ? ` · ${STATUS.overdue} ${view.overdue} 项` : ''}`;
  return card(header(TITLE.task, view.overdue > 0 ? 'red' : 'blue', subtitle), elements, TITLE.task);
}
