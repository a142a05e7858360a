/**
 * Chairing and votes end to end: the real SDK against the stand-in, the bot as src/app.ts builds
 * it, taps pushed by the stand-in's driver. A JY meeting votes a general item by show of hands with
 * the chair last (the chair's early tap refused) and a personnel item by secret ballot in private
 * chats, after which nothing the stand-in holds or the bot logged ties a member to a choice; a
 * recused member gets no ballot; /表决 opens an item added at the meeting, flagged on its cards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_VOTE_RECORDED, VOTE_RECORDED } from '../../handlers/cast-vote.js';
import { MEETING_CLOSED, VOTE_CLOSED } from '../../handlers/close-vote.js';
import { noSuchItem, SECRET_VOTE_OPENED, VOTE_OPENED } from '../../handlers/open-vote.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { signIn } from '../../src/services/attendance.js';
import { addItemAtMeeting } from '../../src/services/meetings-notice.js';
import { getMeeting } from '../../src/services/meeting-view.js';
import { openSignIn } from '../../src/services/sign-in.js';
import { addRecusal, confirmTopic, submitTopic } from '../../src/services/topics.js';
import { callbackValues } from '../cards/walk.js';
import { waitFor } from './receiver-setup.js';
import { cardMessage, committeeIn, expectCardsValid, noticedMeeting, openIdOf, sealed, startWorld, stopWorld, textOf, titleOf, type World } from './meeting-world.js';
import { buttonValue, cardsTitled, latest, tapper } from './vote-taps.js';
import { comparable, masked, queuesIdle, storeDump, unitsOf, voterTokens, voterView } from './secret-dump.js';
import { QUEUE_PREFIX } from '../../src/store/keys.js';
import { links } from '../support/aof.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

describe('a JY meeting: show of hands with the chair last, then a secret ballot in private chats', () => {
  it('refuses the chair\'s early tap, announces both results with their basis, and never shows a secret choice', async () => {
    const chatId = 'oc_votes_jy';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m, topicIds: [general, personnel] } = await noticedMeeting(w, c, ['general', 'personnel']);
    const tap = tapper(w, chatId, roster);
    expect((await tap('clerk1', sealed({ a: 'meeting.openSignIn', c, m }))).toast?.type).toBe('success');
    const chairing = await cardMessage(w, chatId, '会议主持');
    expect(latest(w, chairing.messageId)).toContain('议题1');
    const present = ['chair1', 'vice1', 'm1', 'm2', 'm3'];
    for (const who of present) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });

    // Only the chair opens a vote.
    const voteValue = sealed({ a: 'chair.vote', c, m, t: general ?? '' });
    expect((await tap('clerk1', voteValue, chairing.messageId, { method: 'hands' })).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tap('chair1', voteValue, chairing.messageId, { method: 'hands' })).toast).toEqual({ type: 'success', content: VOTE_OPENED });
    const vote = await cardMessage(w, chatId, '表决');
    expect(latest(w, vote.messageId)).toContain('已表决 0 / 5');
    expect(latest(w, vote.messageId)).toContain('末位表态');
    const yes = buttonValue(vote.content, '赞成');
    const no = buttonValue(vote.content, '反对');

    expect((await tap('chair1', yes, vote.messageId)).toast).toEqual({ type: 'error', content: USER_MESSAGES.CHAIR_MUST_SPEAK_LAST });
    for (const who of ['vice1', 'm1', 'm2']) expect((await tap(who, yes, vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    expect((await tap('m3', no, vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    expect((await tap('m4', yes, vote.messageId)).toast?.content).toBe(USER_MESSAGES.NOT_PRESENT);
    expect((await tap('chair1', yes, vote.messageId)).toast?.content).toBe(VOTE_RECORDED);
    await waitFor(() => latest(w, vote.messageId).includes('已表决 5 / 5'), '已表决 5 / 5');

    const close = buttonValue(vote.content, '结束表决');
    expect((await tap('m1', close, vote.messageId)).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tap('chair1', close, vote.messageId)).toast?.content).toBe(VOTE_CLOSED);
    const result = await cardMessage(w, chatId, '表决结果');
    const resultText = latest(w, result.messageId);
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
    await waitFor(() => latest(w, progress.messageId).includes('已投 5 / 5'), '已投 5 / 5');
    expect((await tap('chair1', buttonValue(progress.content, '结束表决'), progress.messageId)).toast?.content).toBe(VOTE_CLOSED);
    await waitFor(() => cardsTitled(w, chatId, '表决结果').length === 2, 'the second result');
    const secretResult = latest(w, cardsTitled(w, chatId, '表决结果')[1]?.messageId ?? '');
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
    await waitFor(() => latest(w, chairing.messageId).includes('议题2**（人事）· 已表决'), 'both items shown decided');
    const end = sealed({ a: 'chair.endMeeting', c, m });
    expect((await tap('clerk1', end, chairing.messageId)).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tap('chair1', end, chairing.messageId)).toast?.content).toBe(MEETING_CLOSED);
    await waitFor(() => titleOf(w.standIn.message(chairing.messageId)?.content) === '会议主持' && JSON.stringify(w.standIn.message(chairing.messageId)?.content).includes('已结束'), '会议主持 已结束');
    expect(callbackValues(w.standIn.message(chairing.messageId)?.content)).toEqual([]);
    expectCardsValid(w);
  }, 30_000);
});

describe('a secret ballot with a member recused', () => {
  it('gives the recused member no ballot, counts them apart, and refuses their tap', async () => {
    const chatId = 'oc_votes_recused';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m, topicIds: [item] } = await noticedMeeting(w, c, ['personnel']);
    await addRecusal(w.deps, { committeeId: c, topicId: item ?? '', actorId: 'chair1', memberId: 'm4', reason: '本人系考察对象的近亲属' });
    await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
    for (const who of ['chair1', 'vice1', 'm1', 'm2', 'm3', 'm4']) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });
    expect((await tapper(w, chatId, roster)('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', {})).toast?.content).toBe(SECRET_VOTE_OPENED);
    const progress = await cardMessage(w, chatId, '表决进度');
    expect(latest(w, progress.messageId)).toContain('已投 0 / 5');
    const mine = (who: string) => w.standIn.messages().filter((msg) => titleOf(msg.content) === '无记名投票' && msg.openId === openIdOf(roster, who));
    await waitFor(() => mine('m3').length === 1, 'm3\'s ballot');
    expect(mine('m4')).toEqual([]);
    const value = buttonValue(mine('m3')[0]?.content, '赞成');
    const refused = await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, 'm4'), messageId: 'om_forwarded', chatId: 'oc_p2p_m4', value });
    expect(refused.toast).toEqual({ type: 'error', content: USER_MESSAGES.RECUSED });
    expectCardsValid(w);
  });
});

describe('a secret ballot closed before the outbox posted its ballots', () => {
  it('closes every ballot as it posts: none is left open, all read the same, and 会议主持 shows the close', async () => {
    const chatId = 'oc_votes_close_early';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m, topicIds: [item] } = await noticedMeeting(w, c, ['personnel']);
    await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
    const present = ['chair1', 'vice1', 'm1', 'm2', 'm3'];
    for (const who of present) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });
    const tap = tapper(w, chatId, roster);
    const ballots = () => w.standIn.messages().filter((msg) => titleOf(msg.content) === '无记名投票' && roster.some((p) => p.openId === msg.openId));
    w.standIn.inject({ rate: 0, errors: [], latencyMs: 1500 });
    try {
      expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', { method: 'secret' })).toast?.content).toBe(SECRET_VOTE_OPENED);
      const { meeting } = await getMeeting(w.deps, { committeeId: c, meetingId: m, viewerId: 'chair1' });
      const b = meeting.agenda[0]?.ballotIds.at(-1) ?? '';
      expect((await tap('chair1', sealed({ a: 'ballot.close', c, b }), 'om_progress')).toast?.content).toBe(VOTE_CLOSED);
      expect(ballots()).toEqual([]);
    } finally {
      w.standIn.clearInjection();
    }
    await waitFor(() => ballots().length === present.length && ballots().every((msg) => latest(w, msg.messageId).includes('投票已结束')), 'every ballot posted and closed');
    const shown = ballots().map((msg) => w.standIn.message(msg.messageId)?.content);
    expect(new Set(shown.map((content) => JSON.stringify(content))).size).toBe(1);
    expect(callbackValues(shown[0])).toEqual([]);
    // 会议主持, changed by the close while its first post was still under way, shows the close.
    const chairing = await cardMessage(w, chatId, '会议主持');
    await waitFor(() => latest(w, chairing.messageId).includes('（人事）· 已表决'), '会议主持 up to date');
    await cardMessage(w, chatId, '表决结果');
    expect(cardsTitled(w, chatId, '会议主持')).toHaveLength(1);
    expect(cardsTitled(w, chatId, '表决结果')).toHaveLength(1);
    expectCardsValid(w);
  }, 30_000);
});

describe('/表决 on an item added at the meeting (JY allows it)', () => {
  it('opens the vote by its number, flags the item on every card that shows it, and refuses a number off the agenda', async () => {
    const chatId = 'oc_votes_adhoc';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general']);
    const topic = await submitTopic(w.deps, { committeeId: c, actorId: 'clerk1', title: '临时事项', kind: 'general' });
    await confirmTopic(w.deps, { committeeId: c, topicId: topic.id, actorId: 'chair1' });
    await addItemAtMeeting(w.deps, { committeeId: c, meetingId: m, actorId: 'chair1', topicId: topic.id });
    expect((await tapper(w, chatId, roster)('chair1', sealed({ a: 'meeting.openSignIn', c, m }))).toast?.type).toBe('success');
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
    expect(latest(w, vote.messageId)).toContain('**第 2 项：临时事项**【临时动议】');
    expect(latest(w, vote.messageId)).toContain('表决方式：记名');
    const chairing = await cardMessage(w, chatId, '会议主持');
    await waitFor(() => latest(w, chairing.messageId).includes('临时事项**【临时动议】（一般）· 表决中'), 'the chairing card shows the vote');
    expectCardsValid(w);
  });
});

describe('the chairing card', () => {
  it('offers 表决 with a method select per item and 结束会议', async () => {
    const chatId = 'oc_votes_card';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general']);
    await tapper(w, chatId, roster)('chair1', sealed({ a: 'meeting.openSignIn', c, m }));
    const chairing = await cardMessage(w, chatId, '会议主持');
    const names = callbackValues(chairing.content).map((v) => v.a);
    expect(names).toEqual(['chair.vote', 'chair.endMeeting']);
    expect(JSON.stringify(chairing.content)).toContain('select_static');
    expectCardsValid(w);
  });
});

/** One secret ballot of six, told start to finish in a world of its own: the same story but for who says 反对. */
async function secretStory(dissenter: string, startsAt: string) {
  const world = await startWorld({ queuePrefix: QUEUE_PREFIX });
  try {
    const chatId = 'oc_votes_twin';
    const { id: c, roster } = await committeeIn(world, 'JY', chatId);
    const { meetingId: m, topicIds: [item] } = await noticedMeeting(world, c, ['personnel'], true, startsAt);
    const tap = tapper(world, chatId, roster);
    const order = ['m3', 'chair1', 'vice1', 'm1', 'm2', 'm4'];
    expect((await tap('clerk1', sealed({ a: 'meeting.openSignIn', c, m }))).toast?.type).toBe('success');
    for (const who of order) await signIn(world.deps, { committeeId: c, meetingId: m, actorId: who });
    const chairing = await cardMessage(world, chatId, '会议主持');
    expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), chairing.messageId, { method: 'secret' })).toast?.content).toBe(SECRET_VOTE_OPENED);
    const ballotOf = (who: string) => world.standIn.messages().find((msg) => titleOf(msg.content) === '无记名投票' && msg.openId === openIdOf(roster, who));
    await waitFor(() => order.every((who) => ballotOf(who) !== undefined), 'six private ballots');
    const ballotId = String(buttonValue(ballotOf('m1')?.content, '赞成').b);
    const answers: unknown[] = [];
    for (const who of order) {
      const own = ballotOf(who);
      const value = buttonValue(own?.content, who === dissenter ? '反对' : '赞成');
      const answer = await world.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId: own?.messageId ?? '', chatId: `oc_p2p_${who}`, value });
      answers.push({ toast: answer.toast, body: answer.body });
    }
    const progress = await cardMessage(world, chatId, '表决进度');
    await waitFor(() => latest(world, progress.messageId).includes('已投 6 / 6'), '已投 6 / 6');
    expect((await tap('chair1', buttonValue(progress.content, '结束表决'), progress.messageId)).toast?.content).toBe(VOTE_CLOSED);
    await waitFor(() => order.every((who) => latest(world, ballotOf(who)?.messageId ?? '').includes('投票已结束')), 'every private ballot closed');
    await waitFor(() => cardsTitled(world, chatId, '表决结果').length === 1, 'the result');
    await queuesIdle(world.redis);
    expect(latest(world, cardsTitled(world, chatId, '表决结果')[0]?.messageId ?? '')).toContain('赞成 5 票 · 反对 1 票 · 弃权 0 票');
    const dump = await storeDump(world.redis);
    const held = world.standIn.messages().map((msg) => masked(JSON.stringify({ chatId: msg.chatId, openId: msg.openId, type: msg.msgType, content: msg.content }))).sort();
    const updates = world.standIn.updates().map((u) => JSON.stringify(u.content));
    return { dissenter, dump, held, updates, peaks: world.standIn.peaks(), answers: answers.map((a) => masked(JSON.stringify(a))), log: [...world.bot.log.lines],
      tokens: (who: string) => voterTokens({ id: who, openId: openIdOf(roster, who) }, { committeeId: c, ballotId, messageId: ballotOf(who)?.messageId ?? '' }), privateCards: order.map((who) => JSON.stringify(world.standIn.message(ballotOf(who)?.messageId ?? '')?.content)) };
  } finally {
    await stopWorld(world);
  }
}

const CHOICES = ['yes', 'no', 'abstain', '赞成', '反对', '弃权'];
/** The blank ballot each voter was sent names them with every choice and chooses none. */
const offersAll = (unit: string): boolean => ['yes', 'no', 'abstain'].every((v) => unit.includes(`"v":"${v}"`));

describe('a secret ballot after close, dumped whole', () => {
  it('reads the same whoever dissented: no Redis unit, job, log line, card or message links a voter to a choice', async () => {
    // One meeting time for both, so that no card differs by the minute the story ran in.
    const startsAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 10 * 86_400_000).toISOString();
    const first = await secretStory('m3', startsAt);
    const last = await secretStory('m4', startsAt);
    for (const run of [first, last]) {
      // Every private ballot ends as one and the same closed card, patched within Feishu's limits.
      expect(new Set(run.privateCards).size).toBe(1);
      expect(run.peaks.limitRefusals).toBe(0);
      for (const word of CHOICES.slice(3)) expect(run.privateCards[0]).not.toContain(`**${word}**`);
      // The dissenter (not the chair, whom the audit names beside the totals) is in no unit with a choice,
      // and what the store holds of them reads as what it holds of one who assented.
      const tokens = run.tokens(run.dissenter);
      expect(links(unitsOf(run.dump), tokens, CHOICES).filter(({ unit }) => !offersAll(unit))).toEqual([]);
      for (const text of [...run.updates, ...run.log]) expect(links([{ key: '', unit: text }], tokens, CHOICES).filter(({ unit }) => !offersAll(unit))).toEqual([]);
      expect(voterView(run.dump, tokens, run.tokens('m1'))).toEqual(voterView(run.dump, run.tokens('m1'), tokens));
      expect(run.dump.some((d) => d.key.startsWith(`${QUEUE_PREFIX}:outbox:`))).toBe(true);
    }
    // Two stories, one dissenter each: the stores, what the stand-in holds and every answer agree.
    expect(comparable(last.dump)).toEqual(comparable(first.dump));
    expect(last.held).toEqual(first.held);
    expect(last.answers).toEqual(first.answers);
  }, 60_000);
});
