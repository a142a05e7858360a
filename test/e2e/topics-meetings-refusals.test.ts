/**
 * Every command and card action of topics, meetings and the notice, with bad input and by every
 * role: each gets its short Chinese answer, and no key of the committee changes.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBJECTION_MISSING } from '../../handlers/raise-objection.js';
import { RETURN_REASON_MISSING } from '../../handlers/return-topic.js';
import { STALE_CARD_TOAST } from '../../src/bot/bot.js';
import { USER_MESSAGES, type RefusalCode } from '../../src/errors.js';
import { snapshot } from '../integration/meeting-fixture.js';
import { startWorld, stopWorld, type World } from './meeting-world.js';
import { signed } from './receiver-setup.js';
import { buttonOf, Group, valueOf, type Person, type SentCard } from './conversation-driver.js';

let conversation: World;
let redis: Redis;
let g: Group;
let other: Group;
let pending: SentCard;
let returned: string;
let draft: string;
let noticed: string;

const EVERYONE: readonly Person[] = ['chair', 'viceChair', 'member', 'clerk', 'observer', 'stranger'];
const msg = (code: RefusalCode) => USER_MESSAGES[code];
/** A refusal for everyone on the roster, NOT_A_MEMBER for the stranger. */
const roster = (answer: string) => (p: Person) => (p === 'stranger' ? msg('NOT_A_MEMBER') : answer);
const future = () => new Date(Date.now() + 8 * 3_600_000 + 10 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  conversation = await startWorld();
  ({ redis } = conversation);
  g = await new Group(conversation.standIn, redis, 'NT').setUp();
  other = await new Group(conversation.standIn, redis, 'NT').setUp();
  // A confirmed topic on a meeting whose notice is out, a pending topic, a returned one, a meeting being drafted.
  await g.say('member', '/议题 关于年度工作要点的议题');
  const agenda = await g.waitCard('议题待确认');
  await g.tap('chair', agenda, valueOf(buttonOf(agenda.card, '确认')));
  await g.say('member', '/议题 关于某项工作的议题');
  // A card's title follows its latest content: the confirmed one no longer reads 议题待确认.
  pending = await g.waitCard('议题待确认', 1);
  await g.say('member', '/议题 关于另一项工作的议题');
  const second = await g.waitCard('议题待确认', 2);
  await g.tap('chair', second, valueOf(buttonOf(second.card, '退回')), { reason: '材料不全' });
  returned = String(valueOf(buttonOf(second.card, '退回')).t);
  const first = await g.say('clerk', `/会议 ${future()} 09:00`, 1);
  noticed = String(valueOf(buttonOf(first.cards()[0]!, '发送通知')).m);
  const firstDraft = { messageId: conversation.standIn.messages().find((m) => m.parentId === first.messageId)!.messageId, card: first.cards()[0]! };
  await g.tap('clerk', firstDraft, valueOf(buttonOf(firstDraft.card, '发送通知')));
  await g.waitCard('会议通知');
  const second2 = await g.say('clerk', `/会议 ${future()} 15:00`, 1);
  draft = String(valueOf(buttonOf(second2.cards()[0]!, '取消会议')).m);
}, 30_000);

afterAll(() => stopWorld(conversation));

interface CommandCase { text: string | (() => string); who: readonly Person[]; answer: (p: Person) => unknown }
const COMMANDS: CommandCase[] = [
  { text: '/议题', who: EVERYONE, answer: () => '请写明议题标题，如"/议题 关于2027年度部门预算的请示 重大"。' },
  { text: '/议题 重大', who: EVERYONE, answer: () => '请写明议题标题，如"/议题 关于2027年度部门预算的请示 重大"。' },
  { text: `/议题 ${'很长的标题'.repeat(60)}`, who: EVERYONE, answer: (): unknown => expect.stringContaining('议题标题') as unknown },
  { text: '/议题 关于某事的议题', who: ['observer', 'stranger'], answer: (p) => (p === 'stranger' ? msg('NOT_A_MEMBER') : msg('NOT_SUBMITTER')) },
  { text: '/会议 12月40日 9:00', who: EVERYONE, answer: () => '日期"12月40日"无法识别。请写成"12月10日 9:00"或"2026-12-10 09:00"。' },
  { text: '/会议', who: EVERYONE, answer: () => '请写明会议的日期和时间，如"/会议 12月10日 9:00 第一会议室"。' },
  { text: '/会议 2020-01-01 09:00', who: EVERYONE, answer: (): unknown => expect.stringContaining('已经过去') as unknown },
  { text: () => `/会议 ${future()} 10:00`, who: ['viceChair', 'member', 'observer', 'stranger'], answer: roster(msg('NOT_CLERK')) },
  { text: '/议题列表', who: ['stranger'], answer: () => msg('NOT_A_MEMBER') },
];

describe('commands with bad input, by every role', () => {
  it.each(COMMANDS.map((c) => [typeof c.text === 'string' ? c.text.slice(0, 24) : '/会议 (a valid time)', c] as const))('%s', async (_, c) => {
    for (const person of c.who) {
      const before = await snapshot(redis, g.committeeId);
      const said = await g.say(person, typeof c.text === 'string' ? c.text : c.text(), 1);
      expect(said.texts(), person).toEqual([c.answer(person)]);
      expect(said.cards(), person).toEqual([]);
      expect(await snapshot(redis, g.committeeId), person).toEqual(before);
    }
  });
});

interface ActionCase { name: string; who: readonly Person[]; value: () => Record<string, unknown>; form?: Record<string, unknown>; answer: (p: Person) => string }
const ACTIONS: ActionCase[] = [
  { name: '确认 an unknown topic', who: EVERYONE, value: () => signed({ a: 'topic.confirm', c: g.committeeId, t: 'topic-unknown' }), answer: roster(msg('NOT_FOUND')) },
  { name: '确认 a returned topic', who: EVERYONE, value: () => signed({ a: 'topic.confirm', c: g.committeeId, t: returned }),
    answer: (p) => (p === 'stranger' ? msg('NOT_A_MEMBER') : p === 'chair' ? msg('INVALID_STATE') : msg('NOT_COMMITTEE_CHAIR')) },
  { name: '确认 by anyone but the chair', who: ['viceChair', 'member', 'clerk', 'observer', 'stranger'], value: () => valueOf(buttonOf(pending.card, '确认')), answer: roster(msg('NOT_COMMITTEE_CHAIR')) },
  { name: '退回 without a reason', who: EVERYONE, value: () => valueOf(buttonOf(pending.card, '退回')), form: { reason: '   ' }, answer: roster(RETURN_REASON_MISSING) },
  { name: '退回 with a reason too long', who: EVERYONE, value: () => valueOf(buttonOf(pending.card, '退回')), form: { reason: '长'.repeat(501) }, answer: roster(RETURN_REASON_MISSING) },
  { name: '发送通知 of an unknown meeting', who: EVERYONE, value: () => signed({ a: 'meeting.sendNotice', c: g.committeeId, m: 'meeting-unknown', late: true }), answer: roster(msg('NOT_FOUND')) },
  { name: '发送通知 by a non-clerk', who: ['viceChair', 'member', 'observer', 'stranger'], value: () => signed({ a: 'meeting.sendNotice', c: g.committeeId, m: draft, late: true }), answer: roster(msg('NOT_CLERK')) },
  { name: '取消会议 by a non-clerk', who: ['viceChair', 'member', 'observer', 'stranger'], value: () => signed({ a: 'meeting.cancel', c: g.committeeId, m: noticed }), answer: roster(msg('NOT_CLERK')) },
  { name: '取消会议 of an unknown meeting', who: EVERYONE, value: () => signed({ a: 'meeting.cancel', c: g.committeeId, m: 'meeting-unknown' }), answer: roster(msg('NOT_FOUND')) },
  { name: '参加 an unknown meeting', who: EVERYONE, value: () => signed({ a: 'notice.attend', c: g.committeeId, m: 'meeting-unknown' }), answer: roster(msg('NOT_FOUND')) },
  { name: '提出异议 by one without a vote', who: ['clerk', 'observer', 'stranger'], value: () => signed({ a: 'notice.object', c: g.committeeId, m: noticed }), answer: roster(msg('NOT_VOTING_MEMBER')) },
  { name: '提出异议 with an empty form', who: EVERYONE, value: () => signed({ a: 'notice.object', c: g.committeeId, m: noticed }), form: { text: '' }, answer: roster(OBJECTION_MISSING) },
  { name: '提出异议 tapped before the notice', who: ['chair', 'member', 'stranger'], value: () => signed({ a: 'notice.object', c: g.committeeId, m: draft }), answer: roster(msg('INVALID_STATE')) },
  { name: '提出异议 before the notice', who: ['chair', 'member'], value: () => signed({ a: 'notice.object', c: g.committeeId, m: draft }), form: { text: '有异议' }, answer: () => msg('INVALID_STATE') },
  { name: 'an edited value', who: EVERYONE, value: () => ({ ...valueOf(buttonOf(pending.card, '确认')), t: returned }), answer: () => STALE_CARD_TOAST },
  { name: 'a card of another group', who: EVERYONE, value: () => signed({ a: 'notice.attend', c: other.committeeId, m: noticed }), answer: () => msg('FOREIGN_CARD') },
];

describe('card actions with bad input, by every role', () => {
  it.each(ACTIONS.map((a) => [a.name, a] as const))('%s', async (_, a) => {
    for (const person of a.who) {
      const before = await snapshot(redis, g.committeeId);
      const sentBefore = conversation.standIn.messages().length;
      const answer = await g.tap(person, pending, a.value(), a.form);
      expect(answer.toast, person).toEqual({ type: 'error', content: a.answer(person) });
      expect(answer.card, person).toBeUndefined();
      expect(await snapshot(redis, g.committeeId), person).toEqual(before);
      expect(conversation.standIn.messages().length, person).toBe(sentBefore);
    }
  });
});
