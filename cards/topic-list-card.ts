/** 议题列表: the committee's topics grouped by status (待确认 / 已确认 / 已上会 / 已表决 / 已退回). */
import type { Committee, Topic } from '../src/domain/index.js';
import { capped, card, header, md, note } from './components.js';
import { TITLE, TOPIC_KIND_NAMES, TOPIC_STATUS_NAMES } from './copy.js';
import { formatWhen, typed } from './text.js';
import type { Card, Element } from './types.js';
import { personOf, type ViewOptions } from './view.js';

type Status = Topic['status'];
/** The contract's order, then deferred items, which it does not list but a clerk will look for. */
const ORDER: readonly Status[] = ['submitted', 'confirmed', 'scheduled', 'decided', 'returned', 'deferred'];
/** Per group; a card must stay under 30 KB however many topics a committee keeps. */
const PER_GROUP = 15;
/** Groups that only grow: the newest first. Pending work: the oldest first. */
const NEWEST_FIRST: ReadonlySet<Status> = new Set(['decided', 'returned', 'deferred']);

export interface TopicListEntry { title: string; kind: string; submitter: string; submittedAt: string }
export interface TopicListGroup { status: string; total: number; topics: TopicListEntry[] }
export interface TopicListView { groups: TopicListGroup[]; total: number }

export function toTopicListView(topics: readonly Topic[], committee: Pick<Committee, 'roster'>, opts: ViewOptions<Record<string, never>>): TopicListView {
  const groups = ORDER.map((status) => {
    const order = NEWEST_FIRST.has(status) ? -1 : 1;
    const mine = topics.filter((t) => t.status === status)
      .sort((x, y) => order * (x.submittedAt < y.submittedAt ? -1 : x.submittedAt > y.submittedAt ? 1 : 0));
    return {
      status: TOPIC_STATUS_NAMES[status],
      total: mine.length,
      topics: mine.map((t) => ({
        title: t.title, kind: TOPIC_KIND_NAMES[t.kind], submitter: personOf(committee, t.submittedBy).name, submittedAt: formatWhen(t.submittedAt, opts.timeZone),
      })),
    };
  });
  return { groups, total: topics.length };
}

export function buildTopicListCard(view: TopicListView): Card {
  const elements: Element[] = [];
  for (const group of view.groups) {
    // The five statuses of the contract always show, even when empty; 已暂缓 only when it has topics.
    if (group.total === 0 && group.status === TOPIC_STATUS_NAMES.deferred) continue;
    const lines = group.total === 0 ? ['（无）'] : capped(group.topics, PER_GROUP,
      (t, i) => `${i + 1}. ${typed(t.title, 50)}（${t.kind}，${typed(t.submitter, 20)}，${t.submittedAt}）`);
    elements.push(md([`**${group.status}**（${group.total}）`, ...lines].join('\n')));
  }
  if (view.total === 0) elements.push(note('还没有议题。发送“/议题 标题 类型”提交议题，例如：/议题 2027年度预算安排 重大'));
  return card(header(TITLE.topicList, 'blue', `共 ${view.total} 项`), elements, TITLE.topicList);
}
