/**
 * 会议纪要 → 会议纪要（已签发）: the drafted text, `修改` (a form with the wording of each item) for
 * the office and `审签` for the signer the profile names; once signed, who signed and when, the text
 * never changes, and each decision to carry out offers `转为督办` (the office: a form with the owner,
 * from the roster, and the due date) until a task is made of it.
 */
import { MINUTES_WORDING_MAX, type Committee, type Meeting, type Minutes, type Task, type Topic } from '../src/domain/index.js';
import { action, FORM_FIELDS, minutesItemField } from './actions.js';
import { button, buttonRow, card, columns, datePicker, form, header, hr, input, md, note, personPicker, submit } from './components.js';
import { BUTTON, FIELD, TITLE } from './copy.js';
import { clip, esc, formatDay, formatWhen, localDate, typed } from './text.js';
import type { Card, Element } from './types.js';
import { personOf, type ViewOptions } from './view.js';

export interface MinutesCan { edit: boolean; signOff: boolean; toTask: boolean }

export interface DecisionView {
  topicId: string;
  /** The item's number on the agenda. */
  n: number;
  title: string;
  /** The task made of it, once there is one. */
  task?: { owner: string; due: string };
}

export interface MinutesView {
  committeeId: string;
  meetingId: string;
  title: string;
  body: string;
  signed?: { by: string; at: string };
  drafted: { by: string; at: string };
  /** The form of 修改: each agenda item with its current wording. */
  editing?: { topicId: string; title: string; wording: string }[];
  /** Signed minutes: the decisions to carry out. */
  decisions: DecisionView[];
  /** The form of 转为督办 for one decision: an owner from the roster (open_ids) and a due date from today on. */
  assigning?: { decision: DecisionView; openIds: string[]; today: string };
  can: MinutesCan;
}

export interface MinutesSource {
  committee: Pick<Committee, 'id' | 'roster'>;
  meeting: Pick<Meeting, 'id' | 'title'>;
  topics: readonly Pick<Topic, 'id' | 'title'>[];
  minutes: Minutes;
  /** The meeting's decisions to carry out (agenda order), each with the task made of it, if any. */
  decisions?: readonly { topicId: string; task: Pick<Task, 'ownerId' | 'due'> | null }[];
}

function decisionViews(src: MinutesSource): DecisionView[] {
  return (src.decisions ?? []).map((d) => {
    const index = src.topics.findIndex((t) => t.id === d.topicId);
    return {
      topicId: d.topicId, n: index + 1, title: src.topics[index]?.title ?? d.topicId,
      ...(d.task && { task: { owner: personOf(src.committee, d.task.ownerId).name, due: formatDay(d.task.due) } }),
    };
  });
}

/** `assigning`: the topic whose 转为督办 form is open. */
export function toMinutesView(src: MinutesSource, opts: ViewOptions<MinutesCan> & { editing?: boolean; assigning?: string }): MinutesView {
  const { minutes } = src;
  const signed = minutes.status === 'signed' && minutes.signedBy !== undefined && minutes.signedAt !== undefined
    ? { by: personOf(src.committee, minutes.signedBy).name, at: formatWhen(minutes.signedAt, opts.timeZone) } : undefined;
  const open = signed === undefined;
  // Only signed minutes are carried out (JY-27 印发 after 审签).
  const decisions = open ? [] : decisionViews(src);
  const toTask = !open && opts.can.toTask;
  const assigning = decisions.find((d) => d.topicId === opts.assigning && d.task === undefined);
  return {
    committeeId: src.committee.id, meetingId: src.meeting.id, title: src.meeting.title, body: minutes.body,
    drafted: { by: personOf(src.committee, minutes.draftedBy).name, at: formatWhen(minutes.draftedAt, opts.timeZone) },
    ...(signed && { signed }),
    ...(open && opts.editing === true && opts.can.edit && {
      editing: src.topics.map((t) => ({ topicId: t.id, title: t.title, wording: minutes.wording?.[t.id] ?? '' })),
    }),
    decisions,
    ...(toTask && assigning && {
      assigning: { decision: assigning, openIds: src.committee.roster.map((m) => m.openId), today: localDate(opts.now, opts.timeZone) },
    }),
    // Signed minutes never change: neither 修改 nor 审签, whoever looks.
    can: { edit: open && opts.can.edit, signOff: open && opts.can.signOff, toTask },
  };
}

/** UTF-8 bytes the text of the minutes and the decisions may take on the card, leaving room for the rest under 30 KB. */
const BODY_BUDGET = 18 * 1024;
/** What sealing adds to each button's value (its MAC), with room to spare. */
const SEAL_ROOM = 64;
const utf8 = new TextEncoder();
const bytesOf = (elements: readonly Element[]): number => utf8.encode(JSON.stringify(elements)).length;

/** The drafted Markdown with every line's text made inert; only the draft's own structure stays. Cut at a line when longer than `budget` bytes. */
function bodyMarkdown(body: string, budget: number): string {
  const lines = body.split('\n').map((line) => {
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) return `**${esc(heading[2] ?? '')}**`;
    const item = /^(\s*)- (.*)$/.exec(line);
    if (item) return `${item[1] ?? ''}- ${esc(item[2] ?? '')}`;
    return esc(line);
  });
  const kept: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    bytes += utf8.encode(line).length + 1;
    if (bytes > budget) return [...kept, '', '……（纪要较长，卡片只显示前一部分，全文以纪要文本为准。）'].join('\n');
    kept.push(line);
  }
  return kept.join('\n');
}

/** Each decision: the task made of it, or 转为督办 for whoever may. */
function decisionElements(view: MinutesView): Element[] {
  if (view.decisions.length === 0 || view.assigning) return [];
  const c = view.committeeId;
  const m = view.meetingId;
  const rows = view.decisions.map((d): Element => {
    const line = `${d.n}. ${typed(d.title, 30)}`;
    if (d.task) return md(`${line} · **已转督办**：${esc(d.task.owner)}，${d.task.due}前`);
    if (!view.can.toTask) return md(line);
    return columns([md(line)], [button({ label: BUTTON.toTask, value: action({ a: 'minutes.toTask', c, m, t: d.topicId }) })]);
  });
  return [hr(), md(`**会议决定督办**（书记或秘书点“${BUTTON.toTask}”交办）`), ...rows];
}

function assignForm(view: MinutesView): Element[] {
  if (!view.assigning) return [];
  const { decision, openIds, today } = view.assigning;
  const F = FORM_FIELDS.minutesTask;
  return [hr(), form('minutes_task', [
    md(`**${BUTTON.toTask}**：${decision.n}. ${typed(decision.title, 60)}`),
    ...personPicker({ name: F.owner, label: FIELD.owner, required: true, options: openIds }),
    ...datePicker({ name: F.due, label: FIELD.due, required: true, initialDate: today }),
  ], submit('minutes_task_submit', { label: BUTTON.assignTask, value: action({ a: 'minutes.toTask', c: view.committeeId, m: view.meetingId, t: decision.topicId }) }))];
}

export function buildMinutesCard(view: MinutesView): Card {
  const c = view.committeeId;
  const m = view.meetingId;
  const title = view.signed ? TITLE.minutesSigned : TITLE.minutes;
  const decisions = decisionElements(view);
  const budget = BODY_BUDGET - bytesOf(decisions) - SEAL_ROOM * view.decisions.length;
  // While a form is open it takes the room the text had.
  const elements: Card['body']['elements'] = view.editing || view.assigning ? [] : [md(bodyMarkdown(view.body, budget)), hr()];
  elements.push(view.signed
    ? md(`**审签**：${esc(view.signed.by)}（${view.signed.at}）`)
    : note(`草稿：${esc(view.drafted.by)} 起草于 ${view.drafted.at}，待审签。`));
  elements.push(...decisions, ...assignForm(view));
  if (view.editing) {
    elements.push(hr(), form('minutes_edit', view.editing.map((item) => input({
      name: minutesItemField(item.topicId), label: `${clip(item.title, 40)}（会议议定）`, multiline: true, maxLength: MINUTES_WORDING_MAX,
      placeholder: '写明会议对本议题的议定意见', ...(item.wording === '' ? {} : { defaultValue: item.wording }),
    })), submit('minutes_save', { label: BUTTON.saveMinutes, value: action({ a: 'minutes.save', c, m }) })));
  }
  elements.push(...buttonRow([
    ...(view.can.edit && !view.editing ? [button({ label: BUTTON.editMinutes, value: action({ a: 'minutes.edit', c, m }) })] : []),
    ...(view.can.signOff ? [button({
      label: BUTTON.signOff, type: 'primary_filled', value: action({ a: 'minutes.signOff', c, m }),
      confirm: { title: '审签会议纪要', text: '审签后纪要即签发，不能再修改。确定审签吗？' },
    })] : []),
  ]));
  return card(header(title, view.signed ? 'green' : 'blue', clip(view.title, 40)), elements, `${title}：${clip(view.title, 40)}`);
}
