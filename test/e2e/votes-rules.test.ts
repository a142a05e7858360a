/**
 * Votes decided by each profile's rules, end to end through the stand-in: an NT personnel vote
 * refused below two thirds present and allowed after one more signs in; an NT close vote on a
 * major item deferred by the chair; an MS statutory vote that fails although most of those present
 * said yes (12 of 25 is not more than half); and 100 members tapping one open ballot at once, ten
 * of them twice, every tap answered inside the callback budget and the tally exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALREADY_RECORDED, VOTE_RECORDED } from '../../handlers/cast-vote.js';
import { ITEM_DEFERRED, RECONSIDER_OPENED, VOTE_CLOSED } from '../../handlers/close-vote.js';
import { SECRET_VOTE_OPENED, VOTE_OPENED } from '../../handlers/open-vote.js';
import { USER_MESSAGES } from '../../src/errors.js';
import type { Member } from '../../src/domain/index.js';
import { signIn } from '../../src/services/attendance.js';
import { openSignIn } from '../../src/services/sign-in.js';
import { snapshot } from '../integration/meeting-fixture.js';
import { callbackValues } from '../cards/walk.js';
import { waitFor } from './receiver-setup.js';
import { cardMessage, committeeIn, expectCardsValid, noticedMeeting, sealed, startWorld, stopWorld, titleOf, type World } from './meeting-world.js';
import { buttonValue, cardsTitled, latest, tapper } from './vote-taps.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

describe('an NT personnel vote', () => {
  it('is refused with the figures and the basis below two thirds present, and allowed after one more signs in', async () => {
    const chatId = 'oc_votes_nt';
    const { id: c, roster } = await committeeIn(w, 'NT', chatId);
    const { meetingId: m, topicIds: [personnel] } = await noticedMeeting(w, c, ['personnel']);
    await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
    for (const who of ['chair1', 'vice1', 'm1']) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });
    const tap = tapper(w, chatId, roster);
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
  it('is announced with the advice to defer, 暂缓 by the chair defers it, and 复议 by the 书记 votes on it again', async () => {
    const chatId = 'oc_votes_defer';
    const { id: c, roster } = await committeeIn(w, 'NT', chatId);
    const { meetingId: m, topicIds: [item] } = await noticedMeeting(w, c, ['major']);
    await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
    for (const who of ['chair1', 'vice1', 'm1', 'm2', 'm3', 'm4']) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });
    const tap = tapper(w, chatId, roster);
    expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', { method: 'hands' })).toast?.content).toBe(VOTE_OPENED);
    const vote = await cardMessage(w, chatId, '表决');
    for (const [who, label] of [['m1', '赞成'], ['m2', '赞成'], ['vice1', '反对'], ['m3', '反对'], ['m4', '反对'], ['chair1', '赞成']] as const) {
      expect((await tap(who, buttonValue(vote.content, label), vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    }
    expect((await tap('chair1', buttonValue(vote.content, '结束表决'), vote.messageId)).toast?.content).toBe(VOTE_CLOSED);
    const result = await cardMessage(w, chatId, '表决结果');
    expect(latest(w, result.messageId)).toContain('结果：**未通过**');
    expect(latest(w, result.messageId)).toContain('提示：');
    const defer = buttonValue(result.content, '暂缓');
    expect((await tap('m1', defer, result.messageId)).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tap('chair1', defer, result.messageId)).toast?.content).toBe(ITEM_DEFERRED);
    await waitFor(() => latest(w, result.messageId).includes('结果：**暂缓**'), 'the result shows 暂缓');
    expect(callbackValues(w.standIn.message(result.messageId)?.content)).toEqual([]);
    // 复议 by the 书记 (NT-3.9 needs the 书记's consent): a new vote on the item, with its own card.
    const again = sealed({ a: 'chair.reconsider', c, m, t: item ?? '' });
    expect((await tap('vice1', again, 'om_chairing')).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tap('chair1', again, 'om_chairing')).toast?.content).toBe(RECONSIDER_OPENED);
    await waitFor(() => cardsTitled(w, chatId, '表决').length === 2, 'a second 表决 card');
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
    const tap = tapper(w, chatId, roster);
    expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', { method: 'hands' })).toast?.content).toBe(VOTE_OPENED);
    const vote = await cardMessage(w, chatId, '表决');
    const others = present.filter((id) => id !== 'chair1');
    const choices = [...Array<string>(11).fill('赞成'), ...Array<string>(5).fill('反对'), ...Array<string>(3).fill('弃权')];
    await Promise.all(others.map((who, i) => tap(who, buttonValue(vote.content, choices[i] ?? '弃权'), vote.messageId)));
    expect((await tap('chair1', buttonValue(vote.content, '赞成'), vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    await waitFor(() => latest(w, vote.messageId).includes('已表决 20 / 20'), '已表决 20 / 20');
    expect((await tap('chair1', buttonValue(vote.content, '结束表决'), vote.messageId)).toast?.content).toBe(VOTE_CLOSED);
    const result = await cardMessage(w, chatId, '表决结果');
    const text = latest(w, result.messageId);
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
    const tap = tapper(w, chatId, roster);
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
    await waitFor(() => latest(w, vote.messageId).includes('已表决 100 / 100'), '已表决 100 / 100', 20_000);
    expect((await tap('chair1', buttonValue(vote.content, '结束表决'), vote.messageId)).toast?.content).toBe(VOTE_CLOSED);
    const result = await cardMessage(w, chatId, '表决结果');
    const noes = others.filter((who) => Number(who.replace(/\D/g, '') || 0) % 3 === 0).length;
    expect(latest(w, result.messageId)).toContain(`赞成 ${100 - noes} 票 · 反对 ${noes} 票 · 弃权 0 票（共 100 人表决`);
    expectCardsValid(w);
  }, 60_000);
});

