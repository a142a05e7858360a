/**
 * Tasks and duties end to end: the bot as src/app.ts builds it, the real SDK against the stand-in,
 * people typing /督办 and /职责 and tapping the buttons of the cards the bot really sent.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandIn } from '../../sandbox/open-api/index.js';
import { BUTTON, FIELD, STATUS, TITLE } from '../../cards/copy.js';
import { esc } from '../../cards/text.js';
import { PROGRESS_MISSING } from '../../handlers/report-task.js';
import { DONE_DATE_MISSING } from '../../handlers/record-duty.js';
import type { Clock } from '../../src/clock.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { duties, getProfile } from '../../src/rules/index.js';
import { listOpenTasks } from '../../src/services/tasks.js';
import { snapshot } from '../integration/meeting-fixture.js';
import { expectCardsValid, startWorld, stopWorld, textOf, titleOf, type World } from './meeting-world.js';
import { sleep, waitFor } from './receiver-setup.js';
import { buttonOf, expectValidCard, Group, labelsOf, valueOf, type Person, type SentCard } from './conversation-driver.js';

const DAY = 86_400_000;
/** The bot's clock runs with the wall clock, moved forward by `ahead` to make a task overdue. */
let ahead = 0;
const clock: Clock = { now: () => new Date(Date.now() + ahead) };

let w: World;
let redis: Redis;
let standIn: StandIn;

beforeAll(async () => {
  w = await startWorld({ clock, maxSkewSec: 10 * 86_400 });
  ({ redis, standIn } = w);
});
afterAll(async () => {
  expectCardsValid(w);
  await stopWorld(w);
});

/** "YYYY-MM-DD" in Shanghai, `days` from the bot's now. */
const shanghaiDate = (days: number): string => new Date(clock.now().getTime() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);

type Json = Record<string, unknown>;

/** Types `text` with `mentions` placed as @-mentions at `@@`; the bot's replies to it (texts, and cards as sent). */
async function say(g: Group, person: Person, text: string, mentions: Person[] = []): Promise<{ texts: string[]; cards: SentCard[] }> {
  let i = 0;
  const withPlaceholders = text.replace(/@@/g, () => `@_user_${(i += 1)}`);
  const names = mentions.map((p) => ({ openId: g.openId(p), name: p }));
  const delivery = standIn.push.message({ chatId: g.chatId, senderOpenId: g.openId(person), text: withPlaceholders, mentions: names });
  await delivery.settled;
  await waitFor(() => standIn.messages().some((m) => m.parentId === delivery.messageId), `a reply to ${text}`);
  const mine = standIn.messages().filter((m) => m.parentId === delivery.messageId);
  return {
    texts: mine.filter((m) => m.msgType === 'text').map((m) => String((m.content as Json).text)),
    cards: mine.filter((m) => m.msgType === 'interactive').map((m) => ({ messageId: m.messageId, card: m.content as Json })),
  };
}

/** Types a command that posts to the group and answers nothing; the new card with `title`. */
async function posting(g: Group, person: Person, text: string, mentions: Person[], title: string): Promise<SentCard> {
  const count = g.cards(title).length + 1;
  let i = 0;
  const names = mentions.map((p) => ({ openId: g.openId(p), name: p }));
  standIn.push.message({ chatId: g.chatId, senderOpenId: g.openId(person), text: text.replace(/@@/g, () => `@_user_${(i += 1)}`), mentions: names });
  return g.waitCard(title, count);
}

const TASK_EXAMPLE = '"/督办 完成年度预算报告 @张三 12月20日"';
const OWNER_MISSING = `请 @ 督办事项的负责人，如${TASK_EXAMPLE}。`;
const TWO_OWNERS = `督办事项只能有一位负责人，请只 @ 一人，如${TASK_EXAMPLE}。`;

/** A tap that must be refused with `answer` and change nothing of the committee. */
async function refused(g: Group, person: Person, sent: SentCard, value: Json, answer: string, formValue?: Json): Promise<void> {
  const before = await snapshot(redis, g.committeeId);
  const outcome = await g.tap(person, sent, value, formValue);
  expect(outcome.toast, `${person}`).toEqual({ type: 'error', content: answer });
  expect(outcome.card).toBeUndefined();
  expect(await snapshot(redis, g.committeeId)).toEqual(before);
}

describe('督办事项', () => {
  it('the clerk assigns a task (a member may not); its owner reports progress (other members, observers and outsiders may not); 办结 makes it 已办结', async () => {
    const g = await new Group(standIn, redis, 'JY').setUp();
    const due = shanghaiDate(5);
    const command = `/督办 完成年度预算报告 @@ ${due}`;

    const before = await snapshot(redis, g.committeeId);
    expect((await say(g, 'member', command, ['member2'])).texts).toEqual([USER_MESSAGES.NOT_CLERK]);
    // The bot's own @ names no owner; someone not on the roster is no owner.
    const botOnly = standIn.push.message({ chatId: g.chatId, senderOpenId: g.openId('clerk'), text: `@_user_1 /督办 完成年度预算报告 ${due}`, mentions: [{ openId: 'ou_bot', name: '议事' }] });
    await waitFor(() => standIn.messages().some((m) => m.parentId === botOnly.messageId), 'the reply to the bot only');
    expect(standIn.messages().find((m) => m.parentId === botOnly.messageId)?.content).toEqual({ text: OWNER_MISSING });
    expect((await say(g, 'clerk', command, ['stranger'])).texts).toEqual([USER_MESSAGES.OWNER_NOT_ON_ROSTER]);
    expect((await say(g, 'clerk', command, ['member', 'member2'])).texts).toEqual([TWO_OWNERS]);
    expect(await snapshot(redis, g.committeeId)).toEqual(before);

    // As Feishu delivers a group message to a bot: @议事 first.
    standIn.push.message({ chatId: g.chatId, senderOpenId: g.openId('clerk'), text: `@_user_1 /督办 完成年度预算报告 @_user_2 ${due}`,
      mentions: [{ openId: 'ou_bot', name: '议事' }, { openId: g.openId('member2'), name: '赵委员' }] });
    const sent = await g.waitCard(TITLE.task);
    expectValidCard(sent.card);
    expect(textOf(sent.card)).toContain('完成年度预算报告');
    expect(textOf(sent.card)).toContain(`<at id=${g.openId('member2')}></at>`);
    expect(textOf(sent.card)).toContain('JY党组');
    expect(labelsOf(sent.card)).toEqual([BUTTON.done, BUTTON.reportProgress]);
    expect(JSON.stringify(sent.card)).toContain(FIELD.progress);
    const report = valueOf(buttonOf(sent.card, BUTTON.reportProgress));
    const done = valueOf(buttonOf(sent.card, BUTTON.done));

    for (const person of ['member', 'viceChair', 'observer'] as const) {
      await refused(g, person, sent, report, USER_MESSAGES.NOT_OWNER_OR_CLERK, { progress: '代为报告' });
      await refused(g, person, sent, done, USER_MESSAGES.NOT_OWNER_OR_CLERK);
    }
    await refused(g, 'stranger', sent, report, USER_MESSAGES.NOT_A_MEMBER, { progress: '代为报告' });
    await refused(g, 'member2', sent, report, PROGRESS_MISSING);
    await refused(g, 'member2', sent, report, PROGRESS_MISSING, { progress: '   ' });

    const reported = await g.tap('member2', sent, report, { progress: '已完成初稿，正在征求意见' });
    expect(reported.toast?.type).toBe('success');
    expect(textOf(reported.card)).toContain('已完成初稿，正在征求意见');
    expect(textOf(reported.card)).toContain('赵委员');
    expect(textOf(reported.card)).not.toContain(STATUS.overdue);

    const finished = await g.tap('member2', sent, done);
    expect(finished.toast).toEqual({ type: 'success', content: '督办事项已办结。' });
    expect(titleOf(finished.card)).toBe(TITLE.task);
    expect(textOf(finished.card)).toContain(STATUS.taskDone);
    expect(labelsOf(finished.card!)).toEqual([]);
    // A second tap on the old copy is answered as the first; progress on a done task is refused.
    const settled = await snapshot(redis, g.committeeId);
    expect(await g.tap('member2', sent, done)).toEqual(finished);
    await refused(g, 'member2', sent, report, USER_MESSAGES.INVALID_STATE, { progress: '补充' });
    await refused(g, 'member', sent, done, USER_MESSAGES.NOT_OWNER_OR_CLERK);
    expect(await snapshot(redis, g.committeeId)).toEqual(settled);

    const list = await say(g, 'observer', '/督办');
    expect(list.cards).toHaveLength(1);
    expect(titleOf(list.cards[0]!.card)).toBe(TITLE.task);
    expect(textOf(list.cards[0]!.card)).toContain('没有未办结的督办事项');
  });

  it('one /督办 message delivered twice at once, under two event ids, makes one task and one card', async () => {
    const g = await new Group(standIn, redis, 'ZY').setUp();
    const message = { chatId: g.chatId, senderOpenId: g.openId('clerk'), messageId: `om_twice_${g.chatId}`, text: `/督办 整改巡视反馈问题 @_user_1 ${shanghaiDate(7)}`, mentions: [{ openId: g.openId('member'), name: '王委员' }] };
    const [one, two] = [standIn.push.message(message), standIn.push.message(message)];
    await Promise.all([one.settled, two.settled]);
    await g.waitCard(TITLE.task);
    await sleep(300);
    expect(g.cards(TITLE.task)).toHaveLength(1);
    const tasks = await listOpenTasks(w.deps, { committeeId: g.committeeId, viewerId: g.id('clerk') });
    expect(tasks.map((t) => [t.title, t.ownerId])).toEqual([['整改巡视反馈问题', g.id('member')]]);
  });

  it('a task past its due date is 已逾期 on the list and on its card, by the committee\'s local date', async () => {
    const g = await new Group(standIn, redis, 'NT').setUp();
    const sent = await posting(g, 'chair', `/督办 报送半年工作总结 @@ ${shanghaiDate(1)}`, ['member'], TITLE.task);
    await posting(g, 'chair', `/督办 筹备民主生活会 @@ ${shanghaiDate(9)}`, ['member3'], TITLE.task);
    const onTime = await say(g, 'member', '/督办');
    expect(textOf(onTime.cards[0]!.card)).toMatch(/报送半年工作总结[\s\S]*筹备民主生活会/);
    expect(textOf(onTime.cards[0]!.card)).not.toContain(STATUS.overdue);
    try {
      ahead = 3 * DAY;
      const late = await say(g, 'member', '/督办');
      const card = late.cards[0]!.card;
      expectValidCard(card);
      expect(textOf(card)).toMatch(new RegExp(`报送半年工作总结[^\\n]*${STATUS.overdue}`));
      expect(textOf(card)).not.toMatch(new RegExp(`筹备民主生活会[^\\n]*${STATUS.overdue}`));
      expect(JSON.stringify(card.header)).toContain(`${STATUS.overdue} 1 项`);
      const reported = await g.tap('member', sent, valueOf(buttonOf(sent.card, BUTTON.reportProgress)), { progress: '已提交初稿' });
      expect(textOf(reported.card)).toContain(STATUS.overdue);
    } finally {
      ahead = 0;
    }
  });
});

describe.each([
  ['JY', 'lifeMeeting', 'partyGroupMeeting'],
  ['AJ', 'branchCommitteeMeeting', 'lawStudy'],
] as const)('%s: 工作职责', (profile, recordToday, recordLongAgo) => {
  it('lists every duty with its basis and status; the clerk records one done (others may not), and a month missed is 已逾期', async () => {
    const g = await new Group(standIn, redis, profile).setUp();
    const all = duties(getProfile(profile));

    const seen = await say(g, 'member', '/职责');
    const plain = seen.cards[0]!;
    expectValidCard(plain.card);
    expect(titleOf(plain.card)).toBe(TITLE.duties);
    for (const duty of all) expect(textOf(plain.card)).toContain(`**${esc(duty.title)}**`);
    for (const id of all[0]!.basis) expect(textOf(plain.card)).toContain(id);
    expect(textOf(plain.card)).toContain(STATUS.dutyPending);
    expect(textOf(plain.card)).not.toContain(STATUS.dutyDone);
    expect(labelsOf(plain.card)).toEqual([]);

    const asked = await say(g, 'clerk', '/职责');
    const sent = asked.cards[0]!;
    expect(labelsOf(sent.card)).toEqual(all.map(() => BUTTON.recordDuty));
    const valueFor = (dutyId: string): Json => {
      let found: Json | undefined;
      JSON.stringify(sent.card, (_k, v: unknown) => {
        const o = v as Json | null;
        if (o && typeof o === 'object' && o.a === 'duty.record' && o.d === dutyId) found = o;
        return v;
      });
      if (found === undefined) throw new Error(`no 登记完成 for ${dutyId}`);
      return found;
    };
    const today = valueFor(recordToday);
    for (const person of ['member', 'viceChair', 'observer'] as const) {
      await refused(g, person, sent, today, USER_MESSAGES.NOT_CLERK);
      await refused(g, person, sent, today, USER_MESSAGES.NOT_CLERK, { date: shanghaiDate(0) });
    }
    await refused(g, 'stranger', sent, today, USER_MESSAGES.NOT_A_MEMBER);

    // The first tap opens the duty's form; nothing is written until it is submitted.
    const before = await snapshot(redis, g.committeeId);
    const opened = await g.tap('clerk', sent, today);
    expect(opened.toast?.type).toBe('info');
    expect(JSON.stringify(opened.card)).toContain(`**${FIELD.doneDate}**`);
    expect(await snapshot(redis, g.committeeId)).toEqual(before);
    await refused(g, 'clerk', sent, today, DONE_DATE_MISSING, { date: '2026-02-30' });
    await refused(g, 'clerk', sent, today, USER_MESSAGES.INVALID_INPUT, { date: shanghaiDate(3) });

    const recorded = await g.tap('clerk', sent, today, { date: `${shanghaiDate(0)} +0800` });
    expect(recorded.toast).toEqual({ type: 'success', content: '已登记完成。' });
    /** The duty's own lines: its title, status, window and last entry. */
    const line = (card: Json | undefined, dutyId: string): string => {
      const title = `**${esc(all.find((d) => d.id === dutyId)!.title)}**`;
      return textOf(card).split('\n').reduce<string[]>((acc, l, i, lines) => (l.startsWith(title) ? [l, lines[i + 1] ?? '', lines[i + 2] ?? ''] : acc), []).join('\n');
    };
    expect(line(recorded.card, recordToday)).toContain(STATUS.dutyDone);
    expect(JSON.stringify(recorded.card)).not.toContain(`**${FIELD.doneDate}**`);

    const longAgo = await g.tap('chair', sent, valueFor(recordLongAgo), { date: shanghaiDate(-75) });
    expect(longAgo.toast?.type).toBe('success');
    expect(line(longAgo.card, recordLongAgo)).toContain(STATUS.overdue);
    expect(line(longAgo.card, recordToday)).toContain(STATUS.dutyDone);
    expect(JSON.stringify(longAgo.card?.header)).toContain(`${STATUS.overdue} 1 项`);
  });
});
