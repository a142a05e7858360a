/**
 * 会议签到 end to end for JY, NT, ZY and AJ: the real SDK against the stand-in, the bot as
 * src/app.ts builds it, taps and messages pushed by the stand-in's driver. The card shows the
 * quorum per topic kind the rules module gives (NT: 三分之二 for every item; JY, ZY, AJ: 半数以上
 * for a general topic, 三分之二以上 for personnel) and its counts after each sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_OPENED } from '../../handlers/open-sign-in.js';
import { SIGNED_IN } from '../../handlers/sign-in.js';
import { USER_MESSAGES } from '../../src/errors.js';
import type { ProfileId } from '../../src/rules/index.js';
import { decideMeetingLeave, requestMeetingLeave } from '../../src/services/attendance.js';
import { scheduleMeeting, setAgenda } from '../../src/services/meetings.js';
import { confirmTopic, submitTopic } from '../../src/services/topics.js';
import { callbackValues } from '../cards/walk.js';
import { waitFor } from './receiver-setup.js';
import { cardMessage, committeeIn, expectCardsValid, noticedMeeting, openIdOf, sealed, startWorld, stopWorld, textOf, type World } from './meeting-world.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

/** 6 voting members: 半数以上 is 3, 三分之二以上 is 4. */
/** The basis each profile cites (ZY and AJ take the national rules' quorum). */
const CASES: { profile: ProfileId; general: string; personnel: string; generalNeeds: number; personnelNeeds: number; basis: [string, string] }[] = [
  { profile: 'JY', general: '半数以上', personnel: '三分之二以上', generalNeeds: 3, personnelNeeds: 4, basis: ['JY-23a', 'JY-23b'] },
  { profile: 'NT', general: '三分之二以上', personnel: '三分之二以上', generalNeeds: 4, personnelNeeds: 4, basis: ['NT-3.5b', 'NT-3.5b'] },
  { profile: 'ZY', general: '半数以上', personnel: '三分之二以上', generalNeeds: 3, personnelNeeds: 4, basis: ['NAT-LC', 'NAT-LC'] },
  { profile: 'AJ', general: '半数以上', personnel: '三分之二以上', generalNeeds: 3, personnelNeeds: 4, basis: ['NAT-PG-26、NAT-PG-2019', 'NAT-PG-26、NAT-PG-2019'] },
];

describe.each(CASES)('sign-in under $profile', ({ profile, general, personnel, generalNeeds, personnelNeeds, basis }) => {
  it('shows 应到 / 实到 / 请假 / 列席 and the quorum per topic kind after each sign-in', async () => {
    const chatId = `oc_signin_${profile.toLowerCase()}`;
    const { id: c, roster } = await committeeIn(w, profile, chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general', 'personnel']);
    const leave = await requestMeetingLeave(w.deps, { committeeId: c, meetingId: m, actorId: 'm4', reason: '出差在外' });
    if (leave.leave?.status === 'pending') await decideMeetingLeave(w.deps, { committeeId: c, meetingId: m, actorId: 'chair1', memberId: 'm4', approve: true });
    const tap = (who: string, value: Record<string, unknown>, messageId = 'om_notice') =>
      w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId, chatId, value });

    const refused = await tap('m1', sealed({ a: 'meeting.openSignIn', c, m }));
    expect(refused.toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_CHAIR_OR_CLERK });
    expect((await tap('clerk1', sealed({ a: 'meeting.openSignIn', c, m }))).toast).toEqual({ type: 'success', content: SIGN_IN_OPENED });

    const card = await cardMessage(w, chatId, '会议签到');
    const text = () => textOf(w.standIn.message(card.messageId)?.content);
    const line = (kind: string, words: string, cited: string, needs: number, present: number, met: boolean) =>
      `${kind}议题：需到会 ${needs} 人（${words}，${cited}），已到 ${present} 人，${met ? '已达到' : '<font color=\'red\'>未达到</font>'}`;
    const expectSheet = async (present: number, observers: number) => {
      await waitFor(() => text().includes(`应到 6 人 · 实到 ${present} 人 · 请假 1 人 · 列席 ${observers} 人`), `实到 ${present}, 列席 ${observers}`);
      expect(text()).toContain(line('一般', general, basis[0], generalNeeds, present, present >= generalNeeds));
      expect(text()).toContain(line('人事', personnel, basis[1], personnelNeeds, present, present >= personnelNeeds));
    };
    await expectSheet(0, 0);
    expect(text()).toContain('**请假**：孙委员');
    const signInValue = sealed({ a: 'signIn.signIn', c, m });

    for (const [i, who] of ['chair1', 'vice1', 'm1'].entries()) {
      expect((await tap(who, signInValue, card.messageId)).toast).toEqual({ type: 'success', content: SIGNED_IN.voting });
      await expectSheet(i + 1, 0);
    }
    // The observer attends as 列席 and never counts; the clerk neither.
    expect((await tap('obs1', signInValue, card.messageId)).toast).toEqual({ type: 'success', content: SIGNED_IN.observer });
    await expectSheet(3, 1);
    expect((await tap('clerk1', signInValue, card.messageId)).toast).toEqual({ type: 'success', content: SIGNED_IN.clerk });
    // A second tap is answered as the first was.
    expect((await tap('m1', signInValue, card.messageId)).toast).toEqual({ type: 'success', content: SIGNED_IN.voting });

    const typed = w.standIn.push.message({ chatId, senderOpenId: openIdOf(roster, 'm2'), text: '/签到' });
    await waitFor(() => w.standIn.messages().some((msg) => msg.parentId === typed.messageId), 'the reply to /签到');
    expect(w.standIn.messages().find((msg) => msg.parentId === typed.messageId)?.content).toEqual({ text: SIGNED_IN.voting });
    await expectSheet(4, 1);
    expect(text()).toContain('**未签到**：刘委员');
    expectCardsValid(w);
  });
});

describe('concurrent sign-ins', () => {
  it('the card ends with every one of them, whatever order the patches were enqueued in', async () => {
    const chatId = 'oc_signin_burst';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general']);
    await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, 'chair1'), messageId: 'om_notice', chatId, value: sealed({ a: 'meeting.openSignIn', c, m }) });
    const card = await cardMessage(w, chatId, '会议签到');
    const value = sealed({ a: 'signIn.signIn', c, m });
    const taps = await Promise.all(['chair1', 'vice1', 'm1', 'm2', 'm3', 'm4'].map((who) =>
      w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId: card.messageId, chatId, value })));
    expect(taps.map((t) => t.toast?.content)).toEqual(Array(6).fill(SIGNED_IN.voting));
    await waitFor(() => textOf(w.standIn.message(card.messageId)?.content).includes('实到 6 人'), 'all six on the card');
    expectCardsValid(w);
  });
});

describe('an emergency meeting without a notice', () => {
  it('opens sign-in by the chair, and the 签到 button on the posted card signs people in', async () => {
    const chatId = 'oc_signin_emergency';
    const { id: c, roster } = await committeeIn(w, 'NT', chatId);
    const topic = await submitTopic(w.deps, { committeeId: c, actorId: 'clerk1', title: '紧急事项', kind: 'major' });
    await confirmTopic(w.deps, { committeeId: c, topicId: topic.id, actorId: 'chair1' });
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const meeting = await scheduleMeeting(w.deps, { committeeId: c, actorId: 'clerk1', title: '紧急会议', kind: 'emergency', startsAt });
    await setAgenda(w.deps, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1', topicIds: [topic.id] });
    const opened = await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, 'chair1'), messageId: 'om_draft', chatId, value: sealed({ a: 'meeting.openSignIn', c, m: meeting.id }) });
    expect(opened.toast?.content).toBe(SIGN_IN_OPENED);
    const card = await cardMessage(w, chatId, '会议签到');
    const [value] = callbackValues(card.content);
    expect(value?.a).toBe('signIn.signIn');
    const tapped = await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, 'm3'), messageId: card.messageId, chatId, value: value ?? {} });
    expect(tapped.toast?.content).toBe(SIGNED_IN.voting);
    await waitFor(() => textOf(w.standIn.message(card.messageId)?.content).includes('应到 6 人 · 实到 1 人'), '实到 1');
    expect(textOf(w.standIn.message(card.messageId)?.content)).toContain('重大议题：需到会 4 人（三分之二以上，NT-3.5b），已到 1 人');
    expectCardsValid(w);
  });
});
