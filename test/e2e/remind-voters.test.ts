/**
 * 提醒未投票 end to end through the stand-in with the real SDK. On a secret ballot the reminders go
 * privately to exactly the members who have not voted (the dissenter voted first), the tapper
 * learns only the count, and nothing the stand-in holds, the bot logged or Redis (job payloads
 * included) links a voter to a choice. On a show of hands the non-voters are @-mentioned in the
 * group. On an evaluation the non-raters are told privately. Only whoever may close may remind,
 * and a second tap within the interval sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_VOTE_OPENED, VOTE_OPENED } from '../../handlers/open-vote.js';
import { evaluationsOpened } from '../../handlers/open-evaluation.js';
import { ALL_VOTED, evaluationReminder, openVoteReminder, reminded, remindedRecently, secretVoteReminder } from '../../handlers/remind-voters.js';
import type { Member } from '../../src/domain/index.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { signIn } from '../../src/services/attendance.js';
import { REMIND_INTERVAL_MINUTES } from '../../src/services/remind-voters.js';
import { openSignIn } from '../../src/services/sign-in.js';
import { links, settledUnits } from '../support/aof.js';
import { callbackValues } from '../cards/walk.js';
import { GroupChat } from './group-chat.js';
import { sleep, waitFor } from './receiver-setup.js';
import { cardMessage, committeeIn, noticedMeeting, openIdOf, sealed, startWorld, stopWorld, titleOf, type World } from './meeting-world.js';
import { buttonValue, tapper } from './vote-taps.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

const textsTo = (openId: string): string[] => w.standIn.messages()
  .filter((m) => m.openId === openId && m.msgType === 'text').map((m) => (m.content as { text: string }).text);
const groupTexts = (chatId: string): string[] => w.standIn.messages()
  .filter((m) => m.chatId === chatId && m.msgType === 'text' && m.parentId === undefined).map((m) => (m.content as { text: string }).text);

async function meetingInProgress(chatId: string, kinds: ('general' | 'personnel')[], present: string[]) {
  const { id: c, roster } = await committeeIn(w, 'JY', chatId);
  const { meetingId: m, topicIds } = await noticedMeeting(w, c, kinds);
  await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
  for (const who of present) await signIn(w.deps, { committeeId: c, meetingId: m, actorId: who });
  return { c, m, roster, topicIds, tap: tapper(w, chatId, roster) };
}

const ids = (roster: readonly Member[], who: readonly string[]) => who.map((id) => openIdOf(roster, id)).sort();

describe('提醒未投票 on a secret ballot', () => {
  it('reminds exactly the non-voters privately, tells the group only the count, and links no one to a choice', async () => {
    const chatId = 'oc_remind_secret';
    const present = ['chair1', 'vice1', 'm1', 'm2', 'm3'];
    const { c, m, roster, topicIds: [item], tap } = await meetingInProgress(chatId, ['personnel'], present);
    expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', { method: 'secret' })).toast?.content).toBe(SECRET_VOTE_OPENED);
    const progress = await cardMessage(w, chatId, '表决进度');
    await waitFor(() => w.standIn.messages().filter((msg) => titleOf(msg.content) === '无记名投票').length === 5, 'five private ballots');
    const ballotOf = (who: string) => w.standIn.messages().find((msg) => titleOf(msg.content) === '无记名投票' && msg.openId === openIdOf(roster, who));
    // The dissenter votes first, then the chair.
    for (const [who, label] of [['m3', '反对'], ['chair1', '赞成']] as const) {
      const own = ballotOf(who);
      await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId: own?.messageId ?? '', chatId: `oc_p2p_${who}`, value: buttonValue(own?.content, label) });
    }
    const remind = buttonValue(progress.content, '提醒未投票');
    // Only the meeting's chair reminds (as only he closes); a refusal sends nothing.
    for (const who of ['m1', 'clerk1', 'vice1']) expect((await tap(who, remind, progress.messageId)).toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_CHAIR });
    const before = w.standIn.messages().length;
    const answer = await tap('chair1', remind, progress.messageId);
    expect(answer.toast).toEqual({ type: 'success', content: reminded(3) });
    const expected = secretVoteReminder(1, '议题1');
    const notVoted = ['vice1', 'm1', 'm2'];
    await waitFor(() => notVoted.every((who) => textsTo(openIdOf(roster, who)).includes(expected)), 'three private reminders');
    await sleep(300);
    const sent = w.standIn.messages().slice(before);
    expect(sent.map((msg) => msg.openId).sort()).toEqual(ids(roster, notVoted));
    expect(sent.every((msg) => msg.msgType === 'text' && (msg.content as { text: string }).text === expected)).toBe(true);
    // The group learns the count only: no message in it names a non-voter.
    for (const text of groupTexts(chatId)) for (const who of notVoted) expect(text).not.toContain(openIdOf(roster, who));

    // A second tap within the interval sends nothing and says when the next is possible.
    const again = await tap('chair1', remind, progress.messageId);
    expect(again.toast).toEqual({ type: 'info', content: remindedRecently(REMIND_INTERVAL_MINUTES) });
    await sleep(300);
    expect(w.standIn.messages().length).toBe(before + 3);

    // Nothing the stand-in holds, the log or any Redis unit (the outbox's jobs included) links the dissenter to 反对.
    const dissenter = ['m3', openIdOf(roster, 'm3')];
    const shown = [...w.standIn.messages().filter((msg) => msg.openId !== dissenter[1]).map((msg) => msg.content), ...w.standIn.updates().map((u) => u.content),
      ...w.standIn.cardActions().map((a) => [a.toast, a.body])];
    for (const content of shown) {
      const text = JSON.stringify(content);
      expect(dissenter.some((id) => text.includes(id)) && /反对|"no"/.test(text)).toBe(false);
    }
    for (const line of [...w.bot.log.lines, ...(w.deps.log as unknown as { lines?: string[] }).lines ?? []]) {
      expect(dissenter.some((id) => line.includes(id)) && /"(yes|no|abstain)"|赞成|反对|弃权/.test(line)).toBe(false);
    }
    const units = await settledUnits(w.redis);
    // The reminders' outbox jobs are among the units read (job data is JSON: its quotes are escaped).
    expect(units.filter(({ unit }) => unit.includes('的无记名投票正在进行，您尚未投票')).length).toBeGreaterThanOrEqual(3);
    // A unit naming the dissenter with every choice (his blank ballot, as every voter got it) chooses none.
    const offersAll = (unit: string) => ['"v":"yes"', '"v":"no"', '"v":"abstain"'].every((v) => unit.includes(v));
    expect(links(units, dissenter, ['no', '反对']).filter(({ unit }) => !offersAll(unit))).toEqual([]);
  }, 30_000);

  it('reminds the chair who speaks last only once the others have voted; then 所有人都已投票; refused once closed', async () => {
    const chatId = 'oc_remind_all';
    const { c, m, roster, topicIds: [item], tap } = await meetingInProgress(chatId, ['general'], ['chair1', 'vice1', 'm1', 'm2']);
    expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', { method: 'hands' })).toast?.content).toBe(VOTE_OPENED);
    const vote = await cardMessage(w, chatId, '表决');
    for (const who of ['vice1', 'm1', 'm2']) await tap(who, buttonValue(vote.content, '赞成'), vote.messageId);
    const remind = buttonValue(vote.content, '提醒未投票');
    expect((await tap('chair1', remind, vote.messageId)).toast).toEqual({ type: 'success', content: reminded(1) });
    const chair = roster.find((p) => p.id === 'chair1') as Member;
    await waitFor(() => groupTexts(chatId).length === 1, 'the reminder');
    expect(groupTexts(chatId)).toEqual([openVoteReminder([chair], 1, '议题1')]);
    await tap('chair1', buttonValue(vote.content, '赞成'), vote.messageId);
    // Nobody left: answered as such even within the interval, and nothing is sent.
    expect((await tap('chair1', remind, vote.messageId)).toast).toEqual({ type: 'info', content: ALL_VOTED });
    await tap('chair1', buttonValue(vote.content, '结束表决'), vote.messageId);
    expect((await tap('chair1', remind, vote.messageId)).toast).toEqual({ type: 'error', content: USER_MESSAGES.REMIND_NOT_OPEN });
    await sleep(300);
    expect(groupTexts(chatId)).toHaveLength(1);
  }, 30_000);
});

describe('提醒未投票 on a show of hands', () => {
  it('@-mentions exactly the present members who have not voted, in one group message; the chair, who speaks last, not yet', async () => {
    const chatId = 'oc_remind_hands';
    const present = ['chair1', 'vice1', 'm1', 'm2', 'm3'];
    const { c, m, roster, topicIds: [item], tap } = await meetingInProgress(chatId, ['general'], present);
    expect((await tap('chair1', sealed({ a: 'chair.vote', c, m, t: item ?? '' }), 'om_chairing', { method: 'hands' })).toast?.content).toBe(VOTE_OPENED);
    const vote = await cardMessage(w, chatId, '表决');
    for (const who of ['vice1', 'm2']) await tap(who, buttonValue(vote.content, '赞成'), vote.messageId);
    const answer = await tap('chair1', buttonValue(vote.content, '提醒未投票'), vote.messageId);
    expect(answer.toast).toEqual({ type: 'success', content: reminded(2) });
    const byId = (id: string) => roster.find((p) => p.id === id) as Member;
    const expected = openVoteReminder(['m1', 'm3'].map(byId), 1, '议题1');
    await waitFor(() => groupTexts(chatId).length === 1, 'the group reminder');
    expect(groupTexts(chatId)).toEqual([expected]);
    const mentioned = [...expected.matchAll(/<at user_id="([^"]+)"><\/at>/g)].map((x) => x[1]).sort();
    expect(mentioned).toEqual(ids(roster, ['m1', 'm3']));
    // Nobody was reminded privately.
    for (const p of roster) expect(textsTo(p.openId)).toEqual([]);
  }, 30_000);
});

describe('提醒未投票 on 测评进度', () => {
  it('tells each non-rater privately; only the office may tap it', async () => {
    const chatId = 'oc_remind_eval';
    const { roster } = await committeeIn(w, 'ZY', chatId);
    const chat = new GroupChat(w.standIn, w.redis, chatId);
    const person = roster.find((p) => p.id === 'm1') as Member;
    const { reply, messageId } = await chat.command(openIdOf(roster, 'clerk1'), '/测评', [{ openId: person.openId, name: person.name }]);
    expect(reply).toEqual({ text: evaluationsOpened(1) });
    const evaluationId = `ev-${messageId}-0`;
    const ballotOf = (who: string) => w.standIn.messages().find((msg) => msg.openId === openIdOf(roster, who) && titleOf(msg.content) === '民主测评');
    await waitFor(() => ['m2', 'm3'].every((who) => ballotOf(who) !== undefined), 'the ballots');
    for (const who of ['m2', 'm3']) {
      const own = ballotOf(who);
      const value = callbackValues(own?.content).find((v) => v.g === '称职' && v.e === evaluationId) ?? {};
      await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId: own?.messageId ?? '', chatId: `oc_p2p_${who}`, value });
    }
    const progress = await cardMessage(w, chatId, '测评进度');
    const remind = buttonValue(progress.content, '提醒未投票');
    const tap = tapper(w, chatId, roster);
    for (const who of ['m2', 'vice1', 'obs1']) expect((await tap(who, remind, progress.messageId)).toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_CLERK });
    const before = w.standIn.messages().length;
    // Raters: everyone but m1; m2 and m3 have rated.
    const notRated = ['chair1', 'vice1', 'm4', 'clerk1', 'obs1'];
    expect((await tap('clerk1', remind, progress.messageId)).toast).toEqual({ type: 'success', content: reminded(notRated.length) });
    const expected = evaluationReminder('王委员民主测评', '王委员');
    await waitFor(() => w.standIn.messages().length === before + notRated.length, 'the private reminders');
    await sleep(300);
    const sent = w.standIn.messages().slice(before);
    expect(sent.map((msg) => msg.openId).sort()).toEqual(ids(roster, notRated));
    expect(new Set(sent.map((msg) => (msg.content as { text: string }).text))).toEqual(new Set([expected]));
    expect((await tap('chair1', remind, progress.messageId)).toast?.type).toBe('info');
  }, 30_000);
});
