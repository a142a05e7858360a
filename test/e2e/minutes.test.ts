/**
 * 会议纪要 end to end under JY: the meeting played through the real services, then `/纪要`, `修改`,
 * `保存修改` and `审签` pushed through the stand-in to the bot as src/app.ts builds it. The draft
 * shows the record (time, place, chair, present, leave with its reason, observers, per item the
 * counts, basis and written opinions); only the office amends it, only the 书记 signs (JY-27); after
 * sign-off the card reads 会议纪要（已签发）, shows who signed and when, and every further tap is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE } from '../../cards/copy.js';
import { minutesItemField } from '../../cards/actions.js';
import { MINUTES_WORDING_MISSING } from '../../handlers/save-minutes.js';
import { manualClock } from '../../src/clock.js';
import { MINUTES_WORDING_MAX } from '../../src/domain/index.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { decideMeetingLeave, requestMeetingLeave, signIn } from '../../src/services/attendance.js';
import { closeMeeting, startMeeting } from '../../src/services/meetings.js';
import { draftMinutes, getMinutes, signOffMinutes } from '../../src/services/minutes.js';
import { castVote, closeBallot, openBallot } from '../../src/services/voting.js';
import { getDoc, MEETINGS } from '../../src/store/repos.js';
import { callbackValues } from '../cards/walk.js';
import { committeeKeys } from '../../src/store/keys.js';
import { docxParagraphs } from '../support/unzip.js';
import { GroupChat } from './group-chat.js';
import { waitFor } from './receiver-setup.js';
import { committeeIn, expectCardsValid, noticedMeeting, openIdOf, sealed, startWorld, stopWorld, textOf, titleOf, type World } from './meeting-world.js';

const clock = manualClock(new Date());
/** What a member reads: the card's markdown with the entities that keep typed text inert decoded. */
const shown = (card: unknown): string => textOf(card).replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
let w: World;
beforeAll(async () => { w = await startWorld({ clock, maxSkewSec: 30 * 86_400 }); });
afterAll(async () => { await stopWorld(w); });

describe('会议纪要 of a JY meeting', () => {
  it('is drafted from the record, amended by the office only, signed by the 书记 only, then immutable', async () => {
    const chatId = 'oc_minutes_jy';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m, topicIds: [general = '', personnel = ''] } = await noticedMeeting(w, c, ['general', 'personnel']);
    const ref = { committeeId: c, meetingId: m };
    await requestMeetingLeave(w.deps, { ...ref, actorId: 'm4', reason: '赴省参加培训', writtenOpinions: [{ topicId: general, text: '同意该方案' }] });
    await decideMeetingLeave(w.deps, { ...ref, actorId: 'chair1', memberId: 'm4', approve: true });
    const meeting = await getDoc(w.redis, c, MEETINGS, m);
    clock.set(new Date(new Date(meeting?.startsAt ?? 0).getTime() - 5 * 60_000));
    for (const id of ['chair1', 'vice1', 'm1', 'm2', 'm3', 'obs1']) await signIn(w.deps, { ...ref, actorId: id });
    await startMeeting(w.deps, { ...ref, actorId: 'chair1' });
    const hands = await openBallot(w.deps, { ...ref, topicId: general, method: 'hands', actorId: 'chair1' });
    for (const [voterId, choice] of [['m1', 'yes'], ['m2', 'yes'], ['m3', 'no'], ['vice1', 'yes'], ['chair1', 'yes']] as const) {
      await castVote(w.deps, { committeeId: c, ballotId: hands.id, voterId, choice, operationId: `op-h-${voterId}` });
    }
    await closeBallot(w.deps, { committeeId: c, ballotId: hands.id, actorId: 'chair1' });
    const secret = await openBallot(w.deps, { ...ref, topicId: personnel, method: 'secret', actorId: 'chair1' });
    for (const [voterId, choice] of [['m1', 'yes'], ['m2', 'yes'], ['m3', 'yes'], ['vice1', 'no'], ['chair1', 'yes']] as const) {
      await castVote(w.deps, { committeeId: c, ballotId: secret.id, voterId, choice, operationId: `op-s-${voterId}` });
    }
    await closeBallot(w.deps, { committeeId: c, ballotId: secret.id, actorId: 'chair1' });
    // The secret ballot's AOF rewrite settles in the background; "nothing changed" is measured after it.
    await waitFor(async () => (await w.redis.exists(committeeKeys(c).aofPending)) === 0, 'the AOF rewrite');

    const chat = new GroupChat(w.standIn, w.redis, chatId);
    const as = (id: string) => openIdOf(roster, id);
    // While the meeting is open there is nothing to draft from yet.
    expect((await chat.unchanged(c, () => chat.command(as('clerk1'), '/纪要'))).reply).toEqual({ text: USER_MESSAGES.MEETING_NOT_CLOSED });
    await closeMeeting(w.deps, { ...ref, actorId: 'chair1' });
    expect((await chat.unchanged(c, () => chat.command(as('m1'), '/纪要'))).reply).toEqual({ text: USER_MESSAGES.NOT_CLERK });

    const { reply: draft, messageId: asked } = await chat.command(as('clerk1'), '/纪要');
    expect(titleOf(draft)).toBe(TITLE.minutes);
    const text = shown(draft);
    for (const line of ['党组会议纪要', '主持人:张书记', '记录人:赵秘书', '应到会 6 人,实到会 5 人。', '出席:张书记、李副书记、王委员、陈委员、刘委员',
      '缺席:孙委员(请假:赴省参加培训,已批准)', '列席:钱列席', '表决结果:赞成 4 票,反对 1 票,弃权 0 票(参加表决 5 人)',
      '表态情况:王委员 赞成;陈委员 赞成;刘委员 反对;李副书记 赞成;张书记 赞成', '孙委员:同意该方案', '表决方式:无记名投票', '决定:通过']) {
      expect(text).toContain(line);
    }
    // A secret ballot's section names no one's choice.
    expect(text.slice(text.indexOf('无记名投票'))).not.toContain('表态');
    expect(text).toContain('规则依据');
    const card = w.standIn.messages().find((msg) => msg.parentId === asked);
    if (!card) throw new Error('no 会议纪要');
    const tap = async (who: string, value: Record<string, unknown> & { a: string; c: string }, formValue?: Record<string, unknown>) => {
      const r = await w.standIn.push.cardAction({ operatorOpenId: as(who), messageId: card.messageId, chatId, value: sealed(value), ...(formValue && { formValue }) });
      expect(r.status).toBe(200);
      return { toast: r.toast, card: (r.body as { card?: { data?: unknown } } | undefined)?.card?.data };
    };
    const refused = async (who: string, value: Record<string, unknown> & { a: string; c: string }, code: keyof typeof USER_MESSAGES, formValue?: Record<string, unknown>) => {
      const r = await chat.unchanged(c, () => tap(who, value, formValue));
      expect(r.toast).toEqual({ type: 'error', content: USER_MESSAGES[code] });
      expect(r.card).toBeUndefined();
    };
    const edit = { a: 'minutes.edit', c, m };
    const save = { a: 'minutes.save', c, m };
    const signOff = { a: 'minutes.signOff', c, m };
    const wording = { [minutesItemField(general)]: '会议同意该方案，请办公室抓好落实。' };

    for (const who of ['m1', 'vice1', 'obs1']) await refused(who, edit, 'NOT_CLERK');
    const opened = await tap('clerk1', edit);
    expect(JSON.stringify(opened.card)).toContain(minutesItemField(personnel));
    for (const who of ['m1', 'obs1']) await refused(who, save, 'NOT_CLERK', wording);
    const empty = await chat.unchanged(c, () => tap('clerk1', save, { [minutesItemField(general)]: '  ' }));
    expect(empty.toast).toEqual({ type: 'error', content: MINUTES_WORDING_MISSING });
    const long = await chat.unchanged(c, () => tap('clerk1', save, { [minutesItemField(general)]: '长'.repeat(MINUTES_WORDING_MAX + 1) }));
    expect(long.toast).toEqual({ type: 'error', content: MINUTES_WORDING_MISSING });
    await refused('clerk1', save, 'INVALID_INPUT', { [minutesItemField('tp_not_on_agenda')]: '伪造的议题' });
    const saved = await tap('clerk1', save, wording);
    expect(saved.toast?.type).toBe('success');
    expect(shown(saved.card)).toContain('会议议定:会议同意该方案，请办公室抓好落实。');
    expect((await getMinutes(w.deps, { ...ref, viewerId: 'm1' }))?.body).toContain('会议议定:会议同意该方案，请办公室抓好落实。');

    // JY-27: 经党组书记审签 — neither the vice chair nor the office signs.
    for (const who of ['vice1', 'clerk1', 'm1']) await refused(who, signOff, 'NOT_COMMITTEE_CHAIR');
    const signed = await tap('chair1', signOff);
    expect(titleOf(signed.card)).toBe(TITLE.minutesSigned);
    expect(shown(signed.card)).toMatch(/审签\*\*：张书记（\d+月\d+日（周.）\d\d:\d\d）/);
    expect(shown(signed.card)).toContain('会议议定:会议同意该方案');
    // Nothing changes signed minutes: what is left is each decision's 转为督办.
    expect(callbackValues(signed.card).map((v) => [v.a, v.t])).toEqual([['minutes.toTask', general], ['minutes.toTask', personnel]]);
    const stored = await getMinutes(w.deps, { ...ref, viewerId: 'm1' });
    expect(stored).toMatchObject({ status: 'signed', signedBy: 'chair1', signedAt: clock.now().toISOString() });

    // The group receives the signed minutes as a Word document: uploaded, then a `file` message.
    await waitFor(() => w.standIn.messages().some((msg) => msg.chatId === chatId && msg.msgType === 'file'), 'the .docx');
    const files = w.standIn.messages().filter((msg) => msg.chatId === chatId && msg.msgType === 'file');
    expect(files).toHaveLength(1);
    const uploaded = w.standIn.file(String((files[0]?.content as { file_key?: unknown }).file_key));
    expect(uploaded?.fileName).toBe('党组会议纪要.docx');
    const paragraphs = docxParagraphs(uploaded?.bytes ?? Buffer.alloc(0));
    expect(paragraphs.slice(0, 3)).toEqual(['JY党组会议纪要', expect.stringMatching(/^JY党组办公室\s+\d{4}年\d+月\d+日$/), '党组会议纪要']);
    for (const line of ['主持人:张书记', '缺席:孙委员(请假:赴省参加培训,已批准)', '表态情况:王委员 赞成;陈委员 赞成;刘委员 反对;李副书记 赞成;张书记 赞成',
      '会议议定:会议同意该方案，请办公室抓好落实。', '孙委员:同意该方案']) expect(paragraphs).toContain(line);
    expect(paragraphs.at(-1)).toMatch(/^JY党组办公室\s+\d{4}年\d+月\d+日印发$/);
    expect(paragraphs).toContainEqual(expect.stringMatching(/^审签：张书记\s+\d{4}年\d+月\d+日$/));

    // Signed minutes never change, whoever taps what, and /纪要 shows them as signed.
    await refused('clerk1', edit, 'MINUTES_SIGNED');
    await refused('clerk1', save, 'MINUTES_SIGNED', wording);
    await refused('chair1', signOff, 'MINUTES_SIGNED');
    const again = await chat.unchanged(c, () => chat.command(as('clerk1'), '/纪要'));
    expect(titleOf(again.reply)).toBe(TITLE.minutesSigned);
    expect(shown(again.reply)).toContain('会议议定:会议同意该方案');
    // /纪要 on signed minutes asks for the file again under the meeting's key: the group still holds one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(w.standIn.messages().filter((msg) => msg.chatId === chatId && msg.msgType === 'file')).toHaveLength(1);
    expectCardsValid(w);
  });

  it('signed minutes whose Word file was never sent (a crash after 审签) reach the group on the next /纪要, once', async () => {
    const chatId = 'oc_minutes_lost_file';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general']);
    const ref = { committeeId: c, meetingId: m };
    const meeting = await getDoc(w.redis, c, MEETINGS, m);
    clock.set(new Date(new Date(meeting?.startsAt ?? 0).getTime() - 5 * 60_000));
    for (const id of ['chair1', 'vice1', 'm1', 'm2']) await signIn(w.deps, { ...ref, actorId: id });
    await startMeeting(w.deps, { ...ref, actorId: 'chair1' });
    await closeMeeting(w.deps, { ...ref, actorId: 'chair1' });
    // Signed straight through the services: the tap's handler, and so its file send, never ran.
    await draftMinutes(w.deps, { ...ref, actorId: 'clerk1' });
    await signOffMinutes(w.deps, { ...ref, actorId: 'chair1' });
    const chat = new GroupChat(w.standIn, w.redis, chatId);
    const fileMessages = () => w.standIn.messages().filter((msg) => msg.chatId === chatId && msg.msgType === 'file');
    expect(fileMessages()).toHaveLength(0);
    for (let i = 0; i < 2; i += 1) {
      const { reply } = await chat.command(openIdOf(roster, 'clerk1'), '/纪要');
      expect(titleOf(reply)).toBe(TITLE.minutesSigned);
      await waitFor(() => fileMessages().length > 0, 'the .docx');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fileMessages()).toHaveLength(1);
    const uploaded = w.standIn.file(String((fileMessages()[0]?.content as { file_key?: unknown }).file_key));
    expect(docxParagraphs(uploaded?.bytes ?? Buffer.alloc(0))).toContainEqual(expect.stringMatching(/^审签：张书记\s/));
    expectCardsValid(w);
  });
});
