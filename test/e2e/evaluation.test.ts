/**
 * 民主测评 end to end through the stand-in with the real SDK: `/测评` sends each rater a private
 * 民主测评 ballot (everyone on the roster but the person rated), 测评进度 in the group shows
 * turnout only, 结束测评 posts 测评结果. Under ZY (ZY-JD-1b: 不称职 above one third of valid
 * votes) one evaluation crosses the line and one sits exactly on it and does not; a team
 * evaluation under JY, whose profile sets no line, is only recorded. After close, nothing the
 * stand-in holds, the log, or any Redis unit links the first rater (the one 不称职) to a grade.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATED } from '../../cards/evaluation-cards.js';
import { EVALUATION_CLOSED } from '../../handlers/close-evaluation.js';
import { evaluationsOpened } from '../../handlers/open-evaluation.js';
import { RATED_ANSWER, RATING_REFUSALS } from '../../handlers/rate-evaluation.js';
import type { Member } from '../../src/domain/index.js';
import { openEvaluation } from '../../src/services/evaluations.js';
import { INDIVIDUAL_GRADES, TEAM_GRADES } from '../../src/domain/index.js';
import { RULE_FLAG_TEXT } from '../../src/rules/index.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { EVALUATIONS, indexKey } from '../../src/store/repos.js';
import { links, settledUnits } from '../support/aof.js';
import { callbackValues } from '../cards/walk.js';
import { GroupChat } from './group-chat.js';
import { sleep, waitFor } from './receiver-setup.js';
import { cardMessage, committeeIn, expectCardsValid, openIdOf, startWorld, stopWorld, textOf, titleOf, type World } from './meeting-world.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

interface Round { chat: GroupChat; c: string; roster: Member[]; evaluationId: string }

/** Each rater's ballot as first sent (the grades' values stay tappable after the card changed), by evaluation and rater. */
const sentBallots = new Map<string, { messageId: string; values: Record<string, unknown>[] }>();

/** `/测评` from the clerk; the evaluation's id comes from the command's message. */
async function open(profile: 'ZY' | 'JY', chatId: string, subject: string | null): Promise<Round> {
  const { id: c, roster } = await committeeIn(w, profile, chatId);
  const chat = new GroupChat(w.standIn, w.redis, chatId);
  const person = roster.find((m) => m.id === subject);
  const { reply, messageId } = person === undefined
    ? await chat.command(openIdOf(roster, 'clerk1'), '/测评 班子')
    : await chat.command(openIdOf(roster, 'clerk1'), '/测评', [{ openId: person.openId, name: person.name }]);
  expect(reply).toEqual({ text: evaluationsOpened(1) });
  const round = { chat, c, roster, evaluationId: `ev-${messageId}-0` };
  for (const rater of roster.filter((m) => m.id !== subject)) {
    await waitFor(() => ballotOf(round, rater.id) !== undefined, `the ballot of ${rater.id}`);
    const found = ballotOf(round, rater.id);
    if (found !== undefined) sentBallots.set(`${round.evaluationId}|${rater.id}`, { messageId: found.messageId, values: callbackValues(found.content) });
  }
  return round;
}

function ballotOf(r: Round, raterId: string): { messageId: string; content: unknown } | undefined {
  const openId = openIdOf(r.roster, raterId);
  return w.standIn.messages().find((m) => m.openId === openId && titleOf(m.content) === '民主测评'
    && callbackValues(m.content).some((v) => v.e === r.evaluationId));
}

async function rate(r: Round, raterId: string, grade: string): Promise<{ toast: unknown; card: unknown }> {
  const ballot = sentBallots.get(`${r.evaluationId}|${raterId}`);
  const value = ballot?.values.find((v) => v.g === grade);
  if (ballot === undefined || value === undefined) throw new Error(`no ${grade} on the ballot of ${raterId}`);
  const openId = openIdOf(r.roster, raterId);
  const outcome = await w.standIn.push.cardAction({ operatorOpenId: openId, messageId: ballot.messageId, chatId: `oc_p2p_${openId}`, value });
  return { toast: outcome.toast, card: (outcome.body as { card?: { data?: unknown } } | undefined)?.card?.data };
}

async function close(r: Round, chatId: string, turnout: string): Promise<string> {
  const progress = await cardMessage(w, chatId, '测评进度');
  await waitFor(() => textOf(w.standIn.message(progress.messageId)?.content).includes(turnout), turnout);
  const [value] = callbackValues(w.standIn.message(progress.messageId)?.content);
  const outcome = await w.standIn.push.cardAction({ operatorOpenId: openIdOf(r.roster, 'clerk1'), messageId: progress.messageId, chatId, value: value ?? {} });
  expect(outcome.toast).toEqual({ type: 'success', content: EVALUATION_CLOSED });
  // Every ballot sent, rated or not, ends the same: 测评已结束 and no button.
  const ballots = [...sentBallots].filter(([key]) => key.startsWith(`${r.evaluationId}|`)).map(([, b]) => b.messageId);
  await waitFor(() => ballots.every((id) => textOf(w.standIn.message(id)?.content).includes('测评已结束') && callbackValues(w.standIn.message(id)?.content).length === 0), 'every ballot closed');
  expect(new Set(ballots.map((id) => JSON.stringify(w.standIn.message(id)?.content))).size).toBe(1);
  expect(textOf(w.standIn.message(ballots[0] ?? '')?.content)).toContain('测评结果');
  // The progress card loses 结束测评 once closed, and still shows the turnout.
  await waitFor(() => callbackValues(w.standIn.message(progress.messageId)?.content).length === 0, 'the progress card closed');
  expect(textOf(w.standIn.message(progress.messageId)?.content)).toContain(turnout);
  return textOf((await cardMessage(w, chatId, '测评结果')).content);
}

describe('民主测评 under ZY (ZY-JD-1b)', () => {
  it('crosses one third of valid votes: flagged for the body to confirm the qualitative part; nothing links the first rater to 不称职', async () => {
    const chatId = 'oc_eval_zy_cross';
    const r = await open('ZY', chatId, 'm1');
    const raters = ['chair1', 'vice1', 'm2', 'm3', 'm4', 'clerk1', 'obs1'];
    for (const id of raters) await waitFor(() => ballotOf(r, id) !== undefined, `the ballot of ${id}`);
    expect(ballotOf(r, 'm1')).toBeUndefined();
    const grades = { m2: '不称职', m3: '不称职', m4: '不称职', chair1: '称职', vice1: '称职', clerk1: '优秀', obs1: '称职' } as const;
    const first = await rate(r, 'm2', grades.m2);
    expect(first.toast).toEqual({ type: 'success', content: RATED_ANSWER });
    expect(textOf(first.card)).toContain(RATED);
    for (const grade of INDIVIDUAL_GRADES) expect(JSON.stringify(first.card)).not.toContain(grade);
    // Rating again is refused and the card stays rated.
    expect((await rate(r, 'm2', '优秀')).toast).toEqual({ type: 'error', content: RATING_REFUSALS.ALREADY_VOTED });
    for (const id of raters) {
      if (id !== 'm2') expect((await rate(r, id, grades[id as keyof typeof grades])).toast).toEqual({ type: 'success', content: RATED_ANSWER });
    }
    const result = await close(r, chatId, '已测评 7 / 7');
    expect(result).toContain('应参加 7 人 · 实际测评 7 人 · 有效票 7 张');
    expect(result).toContain('优秀 1 票 · 称职 3 票 · 基本称职 0 票 · 不称职 3 票 · 不了解 0 票');
    expect(result).toContain('不称职票 3 张，占有效票 3 / 7；界限为有效票的超过三分之一：<font color=\'red\'>已达到</font>');
    expect(result).toContain('须经本机构研究确认');
    expect(result).toContain('ZY-JD-1b');
    expectCardsValid(w);

    // The first rater gave the only 不称职 of the first three: after close nothing holds both.
    const rater = ['m2', openIdOf(r.roster, 'm2')];
    const shown = [...w.standIn.messages().filter((m) => m.openId !== rater[1]).map((m) => m.content), ...w.standIn.updates().map((u) => u.content),
      ...w.standIn.cardActions().map((a) => [a.toast, a.body])];
    for (const content of shown) {
      const text = JSON.stringify(content);
      expect(rater.some((id) => text.includes(id)) && text.includes('不称职')).toBe(false);
    }
    // The rater's own chat holds the ballot as every rater got it, and nothing else.
    const own = w.standIn.messages().filter((m) => m.openId === rater[1]).map((m) => JSON.stringify(m.content));
    const others = w.standIn.messages().filter((m) => m.openId === openIdOf(r.roster, 'm3')).map((m) => JSON.stringify(m.content));
    expect(own).toEqual(others);
    for (const line of [...w.bot.log.lines, ...(w.deps.log as unknown as { lines?: string[] }).lines ?? []]) {
      expect(rater.some((id) => line.includes(`"${id}"`)) && line.includes('不称职')).toBe(false);
    }
    // A unit that names the rater with every grade (the blank ballot sent to each rater) chooses none.
    const offersAll = (unit: string) => INDIVIDUAL_GRADES.every((g) => unit.includes(`"g":"${g}"`));
    expect(links(await settledUnits(w.redis), rater, ['不称职']).filter(({ unit }) => !offersAll(unit))).toEqual([]);

    // After close the store keeps no one's grade, so a late tap of a rater is answered as the rating was.
    const late = await rate(r, 'm2', '称职');
    expect(late.toast).toEqual({ type: 'success', content: RATED_ANSWER });
    expect(textOf(late.card)).toContain(RATED);
  }, 30_000);

  it('exactly one third of valid votes does not cross it', async () => {
    const chatId = 'oc_eval_zy_third';
    const r = await open('ZY', chatId, 'm2');
    const grades: [string, string][] = [['m1', '不称职'], ['m3', '不称职'], ['chair1', '称职'], ['vice1', '称职'], ['m4', '优秀'], ['clerk1', '基本称职']];
    for (const [id, grade] of grades) expect((await rate(r, id, grade)).toast).toEqual({ type: 'success', content: RATED_ANSWER });
    const result = await close(r, chatId, '已测评 6 / 7');
    expect(result).toContain('应参加 7 人 · 实际测评 6 人 · 有效票 6 张');
    expect(result).toContain('不称职票 2 张，占有效票 2 / 6；界限为有效票的超过三分之一：未达到');
    expect(result).not.toContain('须经本机构研究确认');
    // The one who did not rate cannot after close.
    expect((await rate(r, 'obs1', '称职')).toast).toEqual({ type: 'error', content: RATING_REFUSALS.BALLOT_CLOSED });
    expectCardsValid(w);
  }, 30_000);
});

describe('a team evaluation under JY', () => {
  it('is rated by the whole roster with the team grades and recorded without a line', async () => {
    const chatId = 'oc_eval_jy_team';
    const r = await open('JY', chatId, null);
    const everyone = r.roster.map((m) => m.id);
    for (const id of everyone) await waitFor(() => ballotOf(r, id) !== undefined, `the ballot of ${id}`);
    const ballot = ballotOf(r, 'm1');
    expect(callbackValues(ballot?.content).map((v) => v.g)).toEqual([...TEAM_GRADES]);
    expect(JSON.stringify(ballot?.content)).toContain('测评提交后不能更改');
    const grades = ['好', '较好', '较好', '一般', '较差', '不了解'];
    for (const [i, grade] of grades.entries()) await rate(r, everyone[i] ?? '', grade);
    const result = await close(r, chatId, `已测评 6 / ${everyone.length}`);
    expect(result).toContain('测评对象**：JY党组（班子）');
    expect(result).toContain('好 1 票 · 较好 2 票 · 一般 1 票 · 较差 1 票 · 不了解 1 票');
    expect(result).not.toContain('界限为');
    expect(result).toContain(RULE_FLAG_TEXT.NO_EVAL_THRESHOLD);
    expectCardsValid(w);
  }, 30_000);
});

describe('/测评 naming two people, delivered twice', () => {
  it('opens one evaluation per person, each once: one progress card and one ballot per rater each', async () => {
    const chatId = 'oc_eval_two';
    const { id: c, roster } = await committeeIn(w, 'ZY', chatId);
    const named = roster.filter((m) => m.id === 'm1' || m.id === 'm2');
    const text = `@_user_1 /测评 ${named.map((_, i) => `@_user_${i + 2}`).join(' ')}`;
    const mentions = [{ openId: 'ou_bot', name: '议事' }, ...named.map((m) => ({ openId: m.openId, name: m.name }))];
    const message = { chatId, senderOpenId: openIdOf(roster, 'chair1'), text, mentions, messageId: 'om_eval_twice' };
    w.standIn.push.message(message);
    w.standIn.push.message(message);
    await waitFor(() => w.standIn.messages().some((m) => m.parentId === 'om_eval_twice'), 'the reply');
    const progress = () => w.standIn.messages().filter((m) => m.chatId === chatId && titleOf(m.content) === '测评进度');
    const ballots = () => w.standIn.messages().filter((m) => roster.some((p) => p.openId === m.openId) && callbackValues(m.content).some((v) => String(v.e).startsWith('ev-om_eval_twice-')));
    await waitFor(() => progress().length === 2 && ballots().length === 14, 'two progress cards and 7 + 7 ballots');
    await sleep(300);
    expect(progress()).toHaveLength(2);
    expect(ballots()).toHaveLength(14);
    expect(w.standIn.messages().filter((m) => m.parentId === 'om_eval_twice').map((m) => m.content)).toEqual([{ text: evaluationsOpened(2) }]);
    expect((await w.redis.smembers(indexKey(c, EVALUATIONS))).sort()).toEqual(['ev-om_eval_twice-0', 'ev-om_eval_twice-1']);
    // Each named person rates the other's evaluation and not their own.
    for (const [i, person] of named.entries()) {
      const own = ballots().filter((m) => m.openId === person.openId).map((m) => callbackValues(m.content)[0]?.e);
      expect(own).toEqual([`ev-om_eval_twice-${1 - i}`]);
    }
  }, 30_000);
});

describe('every rater at once', () => {
  it('is counted once each, and the progress card ends with all of them whatever order the patches came in', async () => {
    const chatId = 'oc_eval_burst';
    const r = await open('JY', chatId, null);
    const everyone = r.roster.map((m) => m.id);
    for (const id of everyone) await waitFor(() => ballotOf(r, id) !== undefined, `the ballot of ${id}`);
    const grades = ['好', '好', '较好', '一般', '较差', '不了解', '较好', '好'];
    // Each rater taps twice at once: the second tap is told it was rated already, or is the same operation.
    const taps = await Promise.all(everyone.flatMap((id, i) => [rate(r, id, grades[i] ?? '好'), rate(r, id, grades[i] ?? '好')]));
    const success = { type: 'success', content: RATED_ANSWER };
    for (const [i] of everyone.entries()) {
      const pair = [taps[2 * i]?.toast, taps[2 * i + 1]?.toast];
      expect(pair).toContainEqual(success);
      for (const t of pair) expect([success, { type: 'error', content: RATING_REFUSALS.ALREADY_VOTED }]).toContainEqual(t);
    }
    const result = await close(r, chatId, `已测评 ${everyone.length} / ${everyone.length}`);
    expect(result).toContain('好 3 票 · 较好 2 票 · 一般 1 票 · 较差 1 票 · 不了解 1 票');
    expectCardsValid(w);
  }, 30_000);
});

describe('/测评 naming someone off the roster, and only the bot', () => {
  it('refuses both with a sentence of their own and opens nothing', async () => {
    const chatId = 'oc_eval_stranger';
    const { id: c, roster } = await committeeIn(w, 'ZY', chatId);
    const chat = new GroupChat(w.standIn, w.redis, chatId);
    const clerk = openIdOf(roster, 'clerk1');
    expect((await chat.command(clerk, '/测评', [{ openId: 'ou_not_here', name: '路人' }])).reply).toEqual({ text: USER_MESSAGES.SUBJECT_NOT_ON_ROSTER });
    expect((await chat.command(clerk, '/测评')).reply).toEqual({ text: '请 @ 要测评的人，如"/测评 @张三 @李四"；测评班子请写"/测评 班子"。' });
    expect(await w.redis.smembers(indexKey(c, EVALUATIONS))).toEqual([]);
  }, 30_000);
});

describe('/测评 re-run after a crash in the middle', () => {
  it('finds the evaluation the first run opened and finishes the sends it had not made', async () => {
    const chatId = 'oc_eval_crash';
    const { id: c, roster } = await committeeIn(w, 'ZY', chatId);
    const subject = roster.find((m) => m.id === 'm1');
    if (subject === undefined) throw new Error('no m1');
    // The first run stopped right after opening: the evaluation is stored, nothing was sent.
    const raterIds = roster.filter((m) => m.id !== 'm1').map((m) => m.id);
    await openEvaluation(w.deps, { committeeId: c, actorId: 'clerk1', title: '王委员民主测评', category: 'individual', subject: subject.name, raterIds, id: 'ev-om_eval_crash-0' });
    w.standIn.push.message({ chatId, senderOpenId: openIdOf(roster, 'clerk1'), text: '@_user_1 /测评 @_user_2', messageId: 'om_eval_crash',
      mentions: [{ openId: 'ou_bot', name: '议事' }, { openId: subject.openId, name: subject.name }] });
    await waitFor(() => w.standIn.messages().some((m) => m.parentId === 'om_eval_crash'), 'the reply');
    const ballots = () => w.standIn.messages().filter((m) => callbackValues(m.content).some((v) => v.e === 'ev-om_eval_crash-0'));
    await waitFor(() => ballots().filter((m) => m.openId !== undefined).length === raterIds.length, 'a ballot for each rater');
    expect((await w.redis.smembers(indexKey(c, EVALUATIONS)))).toEqual(['ev-om_eval_crash-0']);
    expect(textOf((await cardMessage(w, chatId, '测评进度')).content)).toContain(`已测评 0 / ${raterIds.length}`);
  }, 30_000);
});

describe('/测评 班子 <名称> sent privately', () => {
  it('answers in the private chat and posts 测评进度 of the team named in the group', async () => {
    const chatId = 'oc_eval_private';
    const { roster } = await committeeIn(w, 'AJ', chatId);
    const chair = openIdOf(roster, 'chair1');
    w.standIn.addChat(`oc_p2p_${chair}`, [chair], { botIn: true });
    const reply = await new GroupChat(w.standIn, w.redis, chatId).privately(chair, '/测评 班子 机关党支部');
    expect(reply).toEqual({ text: evaluationsOpened(1) });
    const progress = await cardMessage(w, chatId, '测评进度');
    expect(textOf(progress.content)).toContain('**测评对象**：机关党支部（班子）');
    expect(textOf(progress.content)).toContain(`已测评 0 / ${roster.length}`);
    expectCardsValid(w);
  }, 30_000);
});

