/**
 * Chairing and votes end to end: the real SDK against the stand-in, the bot as src/app.ts builds
 * it, taps pushed by the stand-in's driver. A JY meeting votes a general item by show of hands with
 * the chair last (the chair's early tap refused) and a personnel item by secret ballot in private
 * chats; an NT personnel vote is refused below two thirds present and allowed after one more signs
 * in; an MS statutory vote fails though most of those present said yes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALREADY_RECORDED, SECRET_VOTE_RECORDED, VOTE_RECORDED } from '../../handlers/cast-vote.js';
import { ITEM_DEFERRED, MEETING_CLOSED, VOTE_CLOSED } from '../../handlers/close-vote.js';
import { noSuchItem, SECRET_VOTE_OPENED, VOTE_OPENED } from '../../handlers/open-vote.js';
import { USER_MESSAGES } from '../../src/errors.js';
import type { Member } from '../../src/domain/index.js';
import { signIn } from '../../src/services/attendance.js';
import { addItemAtMeeting } from '../../src/services/meetings-notice.js';
import { openSignIn } from '../../src/services/sign-in.js';
import { confirmTopic, submitTopic } from '../../src/services/topics.js';
import { snapshot } from '../integration/meeting-fixture.js';
import { callbackValues } from '../cards/walk.js';
import { waitFor } from './receiver-setup.js';
import { cardMessage, committeeIn, expectCardsValid, noticedMeeting, openIdOf, sealed, startWorld, stopWorld, textOf, titleOf, type World } from './meeting-world.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

type Value = Record<string, unknown>;

function tapper(chatId: string, roster: readonly Member[]) {
  return (who: string, value: Value, messageId = 'om_card', formValue?: Value) =>
    w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId, chatId, value, ...(formValue === undefined ? {} : { formValue }) });
}

/** The value of the button labelled `label` on a stored card. */
function buttonValue(content: unknown, label: string): Value {
  const found: Value[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Value;
      const text = (o.text as { content?: unknown } | undefined)?.content;
      if (o.tag === 'button' && text === label) found.push(((o.behaviors as { value: Value }[])[0] ?? { value: {} }).value);
      Object.values(o).forEach(walk);
    }
  };
  walk(content);
  const [value] = found;
  if (value === undefined) throw new Error(`no button ${label}`);
  return value;
}

/** App messages of `chatId` titled `title`, oldest first. */
const cardsTitled = (chatId: string, title: string) => w.standIn.messages().filter((m) => m.chatId === chatId && titleOf(m.content) === title);
const latest = (messageId: string): string => textOf(w.standIn.message(messageId)?.content);

describe('a JY meeting: show of hands with the chair last, then a secret ballot in private chats', () => {
  it('refuses the chair\'s early tap, announces both results with their basis, and never shows a secret choice', async () => {
    const chatId = 'oc_votes_jy';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m, topicIds: [general, personnel] } = await noticedMeeting(w, c, ['general', 'personnel']);
    const tap = tapper(chatId, roster);
    expect((await tap('clerk1', sealed({ a: 'meeting.openSignIn', c, m }))).toast?.type).toBe('success');
    const chairing = await cardMessage(w, chatId, '会议主持');
    expect(latest(chairing.messageId)).toContain('议题1');
    const present = ['chair1', 'vice1', 'm1', 'm2', 'm3'];
    for (const who of present) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });

    // Only the chair opens a vote.
    const voteValue = sealed({ a: 'chair.vote', c, m, t: general ?? '' });
    expect((await tap('clerk1', voteValue, chairing.messageId, { method: 'hands' })).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tap('chair1', voteValue, chairing.messageId, { method: 'hands' })).toast).toEqual({ type: 'success', content: VOTE_OPENED });
    const vote = await cardMessage(w, chatId, '表决');
    expect(latest(vote.messageId)).toContain('已表决 0 / 5');
    expect(latest(vote.messageId)).toContain('末位表态');
    const yes = buttonValue(vote.content, '赞成');
    const no = buttonValue(vote.content, '反对');

    expect((await tap('chair1', yes, vote.messageId)).toast).toEqual({ type: 'error', content: USER_MESSAGES.CHAIR_MUST_SPEAK_LAST });
    for (const who of ['vice1', 'm1', 'm2']) expect((await tap(who, yes, vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    expect((await tap('m3', no, vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    expect((await tap('m4', yes, vote.messageId)).toast?.content).toBe(USER_MESSAGES.NOT_PRESENT);
    expect((await tap('chair1', yes, vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    await waitFor(() => latest(vote.messageId).includes('已表决 5 / 5'), '已表决 5 / 5');

    const close = buttonValue(vote.content, '结束表决');
    expect((await tap('m1', close, vote.messageId)).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tap('chair1', close, vote.messageId)).toast?.content).toBe(VOTE_CLOSED);
    const result = await cardMessage(w, chatId, '表决结果');
    const resultText = latest(result.messageId);
    expect(resultText).toContain('结果：**通过**');
    expect(resultText).toContain('赞成 4 票 · 反对 1 票 · 弃权 0 票');
    expect(resultText).toContain('应到 6 人 · 实到 5 人 · 回避 0 人');
    expect(resultText).toContain('**反对**：刘委员');
    expect(resultText).toContain('依据：JY-');

    // The personnel item by secret ballot: five private ballots, none for the absent m4 or the observer.
    const secretValue = sealed({ a: 'chair.vote', c, m, t: personnel ?? '' });
    expect((await tap('chair1', secretValue, chairing.messageId, { method: 'secret' })).toast?.content).toBe(SECRET_VOTE_OPENED);
    const progress = await cardMessage(w, chatId, '表决进度');
    await waitFor(() => w.standIn.messages().filter((msg) => titleOf(msg.content) === '无记名投票').length === 5, 'five private ballots');
    const ballots = w.standIn.messages().filter((msg) => titleOf(msg.content) === '无记名投票');
    expect(ballots.map((b) => b.openId).sort()).toEqual(present.map((id) => openIdOf(roster, id)).sort());
    expect(JSON.stringify(ballots[0]?.content)).toContain('无记名投票提交后不能更改');

    // The dissenter votes first; every answer and every card reads the same whatever the choice.
    const order: [string, string][] = [['m3', '反对'], ['chair1', '赞成'], ['vice1', '赞成'], ['m1', '赞成'], ['m2', '赞成']];
    const answers: string[] = [];
    for (const [who, label] of order) {
      const own = ballots.find((b) => b.openId === openIdOf(roster, who));
      if (!own) throw new Error(`no ballot for ${who}`);
      const answer = await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId: own.messageId, chatId: `oc_p2p_${who}`, value: buttonValue(own.content, label) });
      expect(answer.toast?.content).toBe(SECRET_VOTE_RECORDED);
      const card = (answer.body as { card?: { data?: unknown } }).card?.data;
      expect(textOf(card)).toContain('已投票');
      for (const word of ['赞成', '反对', '弃权']) expect(JSON.stringify(card)).not.toContain(word);
      answers.push(JSON.stringify(card));
    }
    expect(new Set(answers).size).toBe(1);
    await waitFor(() => latest(progress.messageId).includes('已投 5 / 5'), '已投 5 / 5');
    expect((await tap('chair1', buttonValue(progress.content, '结束表决'), progress.messageId)).toast?.content).toBe(VOTE_CLOSED);
    await waitFor(() => cardsTitled(chatId, '表决结果').length === 2, 'the second result');
    const secretResult = latest(cardsTitled(chatId, '表决结果')[1]?.messageId ?? '');
    expect(secretResult).toContain('赞成 4 票 · 反对 1 票 · 弃权 0 票（共 5 人表决，通过需赞成 4 票）');
    expect(secretResult).toContain('结果：**通过**');
    expect(secretResult).toContain('**参加投票**：');
    expect(secretResult).not.toContain('**反对**：');

    // Nothing the stand-in holds or the bot logged ties a member to a secret choice.
    const privateCards = w.standIn.messages().filter((msg) => msg.openId !== undefined).map((msg) => JSON.stringify(msg.content));
    expect(new Set(privateCards).size).toBe(1);
    const groupTexts = [...w.standIn.messages().filter((msg) => msg.chatId === chatId).map((msg) => msg.content), ...w.standIn.updates().map((u) => u.content)]
      .map((content) => JSON.stringify(content)).filter((text) => text.includes('议题2'));
    for (const text of groupTexts) expect(text).not.toMatch(/\*\*(赞成|反对|弃权)\*\*：/);
    for (const line of w.bot.log.lines) expect(line).not.toMatch(/"(yes|no|abstain)"|赞成|反对|弃权/);
    await waitFor(() => latest(chairing.messageId).includes('议题2**（人事）· 已表决'), 'both items shown decided');
    const end = sealed({ a: 'chair.endMeeting', c, m });
    expect((await tap('clerk1', end, chairing.messageId)).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tap('chair1', end, chairing.messageId)).toast?.content).toBe(MEETING_CLOSED);
    await waitFor(() => titleOf(w.standIn.message(chairing.messageId)?.content) === '会议主持' && JSON.stringify(w.standIn.message(chairing.messageId)?.content).includes('已结束'), '会议主持 已结束');
    expect(callbackValues(w.standIn.message(chairing.messageId)?.content)).toEqual([]);
    expectCardsValid(w);
  }, 30_000);
});

describe('an NT personnel vote', () => {
  it('is refused with the figures and the basis below two thirds present, and allowed after one more signs in', async () => {
    const chatId = 'oc_votes_nt';
    const { id: c, roster } = await committeeIn(w, 'NT', chatId);
    const { meetingId: m, topicIds: [personnel] } = await noticedMeeting(w, c, ['personnel']);
    await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
    for (const who of ['chair1', 'vice1', 'm1']) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });
    const tap = tapper(chatId, roster);
    const value = sealed({ a: 'chair.vote', c, m, t: personnel ?? '' });
    const before = await snapshot(w.redis, c);
    const refused = await tap('chair1', value, 'om_chairing', { method: 'secret' });
    expect(refused.toast).toEqual({ type: 'error', content: '人事议题须三分之二以上成员到会（应到 6 人，需 4 人，实到 3 人），暂不能表决。依据：NT-3.5b。' });
    expect(await snapshot(w.redis, c)).toEqual(before);
    await signIn(w.deps, { committeeId: c, meetingId: m, actorId: 'm2' });
    expect((await tap('chair1', value, 'om_chairing', { method: 'secret' })).toast?.content).toBe(SECRET_VOTE_OPENED);
    await waitFor(() => w.standIn.messages().filter((msg) => titleOf(msg.content) === '无记名投票' && roster.some((r) => r.openId === msg.openId)).length === 4, 'four private ballots');
    expectCardsValid(w);
  });
});

describe('an NT close vote on a major item', () => {
  it('is announced with the advice to defer, and 暂缓 by the chair defers it', async () => {
    const chatId = 'oc_votes_defer';
    const { id: c, roster } = await committeeIn(w, 'NT', chatId);
    const { meetingId: m, topicIds: [item] } = await noticedMeeting(w, c, ['major']);
    await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
    for (const who of ['chair1', 'vice1', 'm1', 'm2', 'm3', 'm4']) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });
    const tap = tapper(chatId, roster);
    expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', { method: 'hands' })).toast?.content).toBe(VOTE_OPENED);
    const vote = await cardMessage(w, chatId, '表决');
    for (const [who, label] of [['m1', '赞成'], ['m2', '赞成'], ['vice1', '反对'], ['m3', '反对'], ['m4', '反对'], ['chair1', '赞成']] as const) {
      expect((await tap(who, buttonValue(vote.content, label), vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    }
    expect((await tap('chair1', buttonValue(vote.content, '结束表决'), vote.messageId)).toast?.content).toBe(VOTE_CLOSED);
    const result = await cardMessage(w, chatId, '表决结果');
    expect(latest(result.messageId)).toContain('结果：**未通过**');
    expect(latest(result.messageId)).toContain('提示：');
    const defer = buttonValue(result.content, '暂缓');
    expect((await tap('m1', defer, result.messageId)).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tap('chair1', defer, result.messageId)).toast?.content).toBe(ITEM_DEFERRED);
    await waitFor(() => latest(result.messageId).includes('结果：**暂缓**'), 'the result shows 暂缓');
    expect(callbackValues(w.standIn.message(result.messageId)?.content)).toEqual([]);
    expectCardsValid(w);
  });
});

describe('an MS statutory vote', () => {
  it('fails with 12 yes of 25 members although most of the 20 present said yes', async () => {
    const chatId = 'oc_votes_ms';
    const extra: Member[] = Array.from({ length: 19 }, (_, i) => ({ id: `x${i + 1}`, openId: `ou_${chatId}_x${i + 1}`, name: `委员${i + 1}`, role: 'member' }));
    const { id: c, roster } = await committeeIn(w, 'MS', chatId, extra);
    const { meetingId: m, topicIds: [item] } = await noticedMeeting(w, c, ['major']);
    await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
    const voting = roster.filter((r) => ['chair', 'viceChair', 'member'].includes(r.role)).map((r) => r.id);
    expect(voting).toHaveLength(25);
    const present = voting.slice(0, 20);
    for (const who of present) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });
    const tap = tapper(chatId, roster);
    expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', { method: 'hands' })).toast?.content).toBe(VOTE_OPENED);
    const vote = await cardMessage(w, chatId, '表决');
    const others = present.filter((id) => id !== 'chair1');
    const choices = [...Array<string>(11).fill('赞成'), ...Array<string>(5).fill('反对'), ...Array<string>(3).fill('弃权')];
    await Promise.all(others.map((who, i) => tap(who, buttonValue(vote.content, choices[i] ?? '弃权'), vote.messageId)));
    expect((await tap('chair1', buttonValue(vote.content, '赞成'), vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    await waitFor(() => latest(vote.messageId).includes('已表决 20 / 20'), '已表决 20 / 20');
    expect((await tap('chair1', buttonValue(vote.content, '结束表决'), vote.messageId)).toast?.content).toBe(VOTE_CLOSED);
    const result = await cardMessage(w, chatId, '表决结果');
    const text = latest(result.messageId);
    expect(text).toContain('赞成 12 票 · 反对 5 票 · 弃权 3 票');
    expect(text).toContain('应到 25 人 · 实到 20 人');
    expect(text).toContain('结果：**未通过**');
    expect(text).toContain('通过需赞成 13 票');
    expectCardsValid(w);
  });
});

describe('100 members tapping one open ballot at once', () => {
  it('answers every tap within the callback budget, counts each member once, and the tally is exact', async () => {
    const chatId = 'oc_votes_load';
    const extra: Member[] = Array.from({ length: 94 }, (_, i) => ({ id: `y${i + 1}`, openId: `ou_${chatId}_y${i + 1}`, name: `委员${i + 1}`, role: 'member' }));
    const { id: c, roster } = await committeeIn(w, 'JY', chatId, extra);
    const { meetingId: m, topicIds: [item] } = await noticedMeeting(w, c, ['general']);
    await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
    const voting = roster.filter((r) => ['chair', 'viceChair', 'member'].includes(r.role)).map((r) => r.id);
    expect(voting).toHaveLength(100);
    await Promise.all(voting.map((who) => signIn(w.deps, { committeeId: c, meetingId: m, actorId: who })));
    const tap = tapper(chatId, roster);
    expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', { method: 'named' })).toast?.content).toBe(VOTE_OPENED);
    const vote = await cardMessage(w, chatId, '表决');
    const yes = buttonValue(vote.content, '赞成');
    const no = buttonValue(vote.content, '反对');
    // 末位表态: the chair taps after everyone else; ten members' taps arrive twice.
    const others = voting.filter((id) => id !== 'chair1');
    const taps = [...others, ...others.filter((_, i) => i % 10 === 0)].map((who) => ({ who, value: Number(who.replace(/\D/g, '') || 0) % 3 === 0 ? no : yes }));
    const outcomes = await Promise.all(taps.map(({ who, value }) => tap(who, value, vote.messageId)));
    for (const o of outcomes) {
      expect(o.status).toBe(200);
      expect([VOTE_RECORDED, ALREADY_RECORDED]).toContain(o.toast?.content);
    }
    expect(outcomes.filter((o) => o.toast?.content === VOTE_RECORDED)).toHaveLength(99);
    expect((await tap('chair1', yes, vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    await waitFor(() => latest(vote.messageId).includes('已表决 100 / 100'), '已表决 100 / 100', 20_000);
    expect((await tap('chair1', buttonValue(vote.content, '结束表决'), vote.messageId)).toast?.content).toBe(VOTE_CLOSED);
    const result = await cardMessage(w, chatId, '表决结果');
    const noes = others.filter((who) => Number(who.replace(/\D/g, '') || 0) % 3 === 0).length;
    expect(latest(result.messageId)).toContain(`赞成 ${100 - noes} 票 · 反对 ${noes} 票 · 弃权 0 票（共 100 人表决`);
    expectCardsValid(w);
  }, 60_000);
});

describe('/表决 on an item added at the meeting (JY allows it)', () => {
  it('opens the vote by its number, flags the item on every card that shows it, and refuses a number off the agenda', async () => {
    const chatId = 'oc_votes_adhoc';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general']);
    const topic = await submitTopic(w.deps, { committeeId: c, actorId: 'clerk1', title: '临时事项', kind: 'general' });
    await confirmTopic(w.deps, { committeeId: c, topicId: topic.id, actorId: 'chair1' });
    await addItemAtMeeting(w.deps, { committeeId: c, meetingId: m, actorId: 'chair1', topicId: topic.id });
    expect((await tapper(chatId, roster)('chair1', sealed({ a: 'meeting.openSignIn', c, m }))).toast?.type).toBe('success');
    for (const who of ['chair1', 'vice1', 'm1', 'm2']) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });
    const say = async (who: string, text: string): Promise<unknown> => {
      const pushed = w.standIn.push.message({ chatId, senderOpenId: openIdOf(roster, who), text });
      await waitFor(() => w.standIn.messages().some((msg) => msg.parentId === pushed.messageId), `the reply to ${text}`);
      return w.standIn.messages().find((msg) => msg.parentId === pushed.messageId)?.content;
    };
    expect(await say('chair1', '/表决 9')).toEqual({ text: noSuchItem(9, 2) });
    expect(await say('m1', '/表决 2')).toEqual({ text: USER_MESSAGES.NOT_CHAIR });
    expect(await say('chair1', '/表决 2 记名')).toEqual({ text: VOTE_OPENED });
    const vote = await cardMessage(w, chatId, '表决');
    expect(latest(vote.messageId)).toContain('**第 2 项：临时事项**【临时动议】');
    expect(latest(vote.messageId)).toContain('表决方式：记名');
    const chairing = await cardMessage(w, chatId, '会议主持');
    await waitFor(() => latest(chairing.messageId).includes('临时事项**【临时动议】（一般）· 表决中'), 'the chairing card shows the vote');
    expectCardsValid(w);
  });
});

describe('the chairing card', () => {
  it('offers 表决 with a method select per item and 结束会议', async () => {
    const chatId = 'oc_votes_card';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general']);
    await tapper(chatId, roster)('chair1', sealed({ a: 'meeting.openSignIn', c, m }));
    const chairing = await cardMessage(w, chatId, '会议主持');
    const names = callbackValues(chairing.content).map((v) => v.a);
    expect(names).toEqual(['chair.vote', 'chair.endMeeting']);
    expect(JSON.stringify(chairing.content)).toContain('select_static');
    expectCardsValid(w);
  });
});
