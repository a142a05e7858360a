/** 议题待确认 → 议题已确认 / 议题已退回: one topic, with the chair's 确认 and 退回 (退回 asks why). */
import type { Committee, Topic } from '../src/domain/index.js';
import { action, FORM_FIELDS } from './actions.js';
import { button, card, columns, form, header, hr, input, md, note, submit } from './components.js';
import { BUTTON, FIELD, TITLE, TOPIC_KIND_NAMES } from './copy.js';
import { clip, formatWhen, typed } from './text.js';
import type { Card } from './types.js';
import { personOf, type ViewOptions } from './view.js';

export interface TopicCan { confirm: boolean; return: boolean }

export interface TopicView {
  committeeId: string;
  topicId: string;
  title: string;
  kind: string;
  submitter: string;
  submittedAt: string;
  state: 'pending' | 'confirmed' | 'returned';
  /** Who confirmed or returned it, when, and why (returned). */
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
  can: TopicCan;
}

function stateOf(topic: Topic): TopicView['state'] {
  if (topic.status === 'submitted') return 'pending';
  return topic.status === 'returned' ? 'returned' : 'confirmed';
}

export function toTopicView(topic: Topic, committee: Pick<Committee, 'roster'>, opts: ViewOptions<TopicCan>): TopicView {
  const state = stateOf(topic);
  const decidedBy = state === 'returned' ? topic.returnedBy : topic.confirmedBy;
  const decidedAt = state === 'returned' ? topic.returnedAt : topic.confirmedAt;
  return {
    committeeId: topic.committeeId,
    topicId: topic.id,
    title: topic.title,
    kind: TOPIC_KIND_NAMES[topic.kind],
    submitter: personOf(committee, topic.submittedBy).name,
    submittedAt: formatWhen(topic.submittedAt, opts.timeZone),
    state,
    ...(decidedBy === undefined ? {} : { decidedBy: personOf(committee, decidedBy).name }),
    ...(decidedAt === undefined ? {} : { decidedAt: formatWhen(decidedAt, opts.timeZone) }),
    ...(topic.returnReason === undefined ? {} : { reason: topic.returnReason }),
    // Only a pending topic can still be confirmed or returned.
    can: { confirm: state === 'pending' && opts.can.confirm, return: state === 'pending' && opts.can.return },
  };
}

const TITLES = { pending: TITLE.topicPending, confirmed: TITLE.topicConfirmed, returned: TITLE.topicReturned } as const;
const COLOURS = { pending: 'orange', confirmed: 'green', returned: 'grey' } as const;

export function buildTopicCard(view: TopicView): Card {
  const c = view.committeeId;
  const lines = [
    `**议题**：${typed(view.title, 200)}`,
    `**类型**：${view.kind}议题`,
    `**提交人**：${typed(view.submitter, 50)}（${view.submittedAt}）`,
  ];
  if (view.state !== 'pending' && view.decidedBy !== undefined) {
    lines.push(`**${view.state === 'returned' ? '退回' : '确认'}**：${typed(view.decidedBy, 50)}${view.decidedAt === undefined ? '' : `（${view.decidedAt}）`}`);
  }
  if (view.state === 'returned' && view.reason !== undefined) lines.push(`**退回理由**：${typed(view.reason, 500)}`);
  const elements: Card['body']['elements'] = [md(lines.join('\n'))];
  if (view.can.confirm) {
    elements.push(columns([button({ label: BUTTON.confirm, type: 'primary_filled', value: action({ a: 'topic.confirm', c, t: view.topicId }) })]));
  }
  if (view.can.return) {
    elements.push(hr(), form('topic_return', [
      input({ name: FORM_FIELDS.topicReturn.reason, label: FIELD.returnReason, required: true, placeholder: '请写明退回理由', maxLength: 500 }),
    ], submit('topic_return_submit', { label: BUTTON.return, type: 'danger', value: action({ a: 'topic.return', c, t: view.topicId }) })));
  }
  if (view.state === 'pending' && !view.can.confirm && !view.can.return) elements.push(note('等待书记确认。'));
  return card(header(TITLES[view.state], COLOURS[view.state], view.kind === '一般' ? undefined : `${view.kind}议题`), elements, `${TITLES[view.state]}：${clip(view.title, 40)}`);
}
