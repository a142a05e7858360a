/**
 * The cards of one vote while it is open: `会议主持` (the chair's agenda with 表决 / 暂缓 / 复议 /
 * 结束会议), the group's `表决` card of an open method (赞成 / 反对 / 弃权, 已表决 x / y, 末位表态),
 * a member's private `无记名投票` card and the group's `表决进度` (turnout only). No card here ever
 * holds anyone's choice: the secret ballot's answer after the tap says only `已投票`.
 */
import type { TopicKind, VoteMethod } from '../src/rules/index.js';
import { VOTE_METHODS } from '../src/rules/index.js';
import { action, FORM_FIELDS } from './actions.js';
import { basisBlock, button, buttonRow, card, header, md, note, select, submit } from './components.js';
import { BUTTON, METHOD_NAMES, SENTENCE, STATUS, TITLE, TOPIC_KIND_NAMES, TOPIC_STATUS_NAMES } from './copy.js';
import { clip, typed } from './text.js';
import type { Card, Element } from './types.js';

export interface ChairItemView {
  topicId: string;
  index: number;
  title: string;
  kind: TopicKind;
  status: keyof typeof TOPIC_STATUS_NAMES;
  /** 临时动议: flagged wherever the item shows. */
  addedAtMeeting: boolean;
  /** A vote on it is open now. */
  voting: boolean;
  can: { vote: boolean; defer: boolean; reconsider: boolean };
}

export interface ChairingView {
  committeeId: string;
  meetingId: string;
  title: string;
  closed: boolean;
  items: ChairItemView[];
}

/** The methods offered in the select; 口头 stays a typed choice (/表决 1 口头). */
const SELECTABLE: readonly VoteMethod[] = VOTE_METHODS.filter((m) => m !== 'oral');
const AD_HOC = '【临时动议】';
const MAX_ITEMS = 20;

const itemLine = (i: ChairItemView): string =>
  `**${i.index}. ${typed(i.title, 60)}**${i.addedAtMeeting ? AD_HOC : ''}（${TOPIC_KIND_NAMES[i.kind]}）· ${i.voting ? '表决中' : TOPIC_STATUS_NAMES[i.status]}`;

function chairItem(view: ChairingView, i: ChairItemView): Element[] {
  const value = { c: view.committeeId, m: view.meetingId, t: i.topicId };
  const buttons = [
    ...(i.can.vote ? [submit(`vote_${i.index}`, { label: BUTTON.vote, value: action({ a: 'chair.vote', ...value }) })] : []),
    ...(i.can.defer ? [button({ label: BUTTON.defer, value: action({ a: 'chair.defer', ...value }) })] : []),
    ...(i.can.reconsider ? [button({ label: BUTTON.reconsider, value: action({ a: 'chair.reconsider', ...value }) })] : []),
  ];
  return [md(itemLine(i)), ...buttonRow(buttons)];
}

/**
 * One form holds the agenda: its one method select (a card's field names are unique) goes with
 * whichever item's 表决 is tapped; left empty, each item takes its kind's usual method.
 */
export function buildChairingCard(view: ChairingView): Card {
  const shown = view.items.slice(0, MAX_ITEMS);
  const items = shown.flatMap((i) => chairItem(view, i));
  const omitted = view.items.length > MAX_ITEMS ? [note(SENTENCE.omitted(view.items.length - MAX_ITEMS))] : [];
  const methods = select({ name: FORM_FIELDS.chairVote.method, label: '表决方式（不选则人事议题无记名投票，其他议题举手表决）', options: SELECTABLE.map((m) => ({ value: m, text: METHOD_NAMES[m] })) });
  const agenda: Element[] = items.length === 0 ? [md(SENTENCE.noAgenda)]
    : shown.some((i) => i.can.vote) ? [{ tag: 'form', name: 'chairing', elements: [...methods, ...items, ...omitted] }] : [...items, ...omitted];
  const end = view.closed ? [] : buttonRow([button({
    label: BUTTON.endMeeting, type: 'danger', value: action({ a: 'chair.endMeeting', c: view.committeeId, m: view.meetingId }),
    confirm: { title: BUTTON.endMeeting, text: '结束会议后不能再表决，确定结束吗？' },
  })]);
  return card(
    header(TITLE.chairing, view.closed ? 'grey' : 'blue', clip(view.title, 60), { text: view.closed ? '已结束' : '进行中', color: view.closed ? 'neutral' : 'blue' }),
    [note('只有会议主持人可以操作本卡片。'), ...agenda, ...end],
    `${TITLE.chairing}：${clip(view.title, 30)}`,
  );
}

export interface VoteView {
  committeeId: string;
  ballotId: string;
  title: string;
  index: number;
  method: VoteMethod;
  addedAtMeeting: boolean;
  voted: number;
  eligible: number;
  open: boolean;
  /** 末位表态 applies: the card says so; the service enforces it. */
  chairLast: boolean;
  chairLastBasis: readonly string[];
}

const headline = (v: VoteView): string =>
  `**第 ${v.index} 项：${typed(v.title, 80)}**${v.addedAtMeeting ? AD_HOC : ''}\n表决方式：${METHOD_NAMES[v.method]}`;

const choiceButtons = (v: VoteView, confirm?: { title: string; text: string }) => buttonRow(([['yes', BUTTON.yes, 'primary'], ['no', BUTTON.no, 'danger'], ['abstain', BUTTON.abstain, 'default']] as const)
  .map(([choice, label, type]) => button({ label, type, value: action({ a: 'ballot.cast', c: v.committeeId, b: v.ballotId, v: choice }), ...(confirm ? { confirm } : {}) })));

/** 结束表决 and 提醒未投票 while open; whoever taps, the service decides. */
const closeButton = (v: VoteView) => buttonRow(v.open ? [
  button({ label: BUTTON.closeVote, type: 'primary_filled', value: action({ a: 'ballot.close', c: v.committeeId, b: v.ballotId }) }),
  button({ label: BUTTON.remindNonVoters, type: 'default', value: action({ a: 'ballot.remind', c: v.committeeId, b: v.ballotId }) }),
] : []);

/** The group's card of an open method. */
export function buildOpenVoteCard(v: VoteView): Card {
  const chairLast = v.chairLast ? [md('本项实行末位表态：会议主持人在其他成员表态后最后表态。'), ...basisBlock(v.chairLastBasis)] : [];
  return card(
    header(TITLE.vote, v.open ? 'blue' : 'grey', clip(v.title, 60), { text: v.open ? '表决中' : '已结束', color: v.open ? 'blue' : 'neutral' }),
    [md(`${headline(v)}\n已表决 ${v.voted} / ${v.eligible}`), ...chairLast, ...(v.open ? choiceButtons(v) : []), ...closeButton(v)],
    `${TITLE.vote}：已表决 ${v.voted} / ${v.eligible}`,
  );
}

/** The group's turnout card of a secret ballot: how many voted, never who chose what. */
export function buildVoteProgressCard(v: VoteView): Card {
  return card(
    header(TITLE.voteProgress, v.open ? 'blue' : 'grey', clip(v.title, 60), { text: v.open ? '投票中' : '已结束', color: v.open ? 'blue' : 'neutral' }),
    [md(`${headline(v)}\n已投 ${v.voted} / ${v.eligible}`), note('无记名投票在各成员与机器人的私聊中进行。'), ...closeButton(v)],
    `${TITLE.voteProgress}：已投 ${v.voted} / ${v.eligible}`,
  );
}

/**
 * One member's private ballot; `cast` is the card after the tap: it says 已投票 and nothing else.
 * Once the ballot is closed every recipient gets the same card, voted or not, so its bytes tell
 * nobody anything.
 */
export function buildSecretBallotCard(v: Omit<VoteView, 'voted' | 'eligible' | 'chairLast' | 'chairLastBasis'>, cast: boolean): Card {
  const blank: VoteView = { ...v, voted: 0, eligible: 0, chairLast: false, chairLastBasis: [] };
  const line = headline(blank);
  const state = !v.open ? 'closed' : cast ? 'cast' : 'open';
  const body = state === 'closed' ? [md(`${line}\n**${SENTENCE.secretBallotClosed}**`)]
    : state === 'cast' ? [md(`${line}\n**${STATUS.voted}**`)]
      : [md(line), note(SENTENCE.secretBallot),
        ...choiceButtons(blank, { title: TITLE.secretVote, text: '无记名投票提交后不能更改' })];
  const look = { open: ['blue', undefined], cast: ['green', { text: STATUS.voted, color: 'green' }], closed: ['grey', { text: '已结束', color: 'neutral' }] } as const;
  return card(
    header(TITLE.secretVote, look[state][0], clip(v.title, 60), look[state][1]),
    body,
    `${TITLE.secretVote}：第 ${v.index} 项`,
  );
}
