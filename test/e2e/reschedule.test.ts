/**
 * 改期 end to end: the clerk taps 改期 on the group's 会议通知, fills the private form, confirms the
 * late-notice dialog; the notice is re-rendered with the new time and the time first announced, the
 * group is told once, and of the reminders only the new time's arrive (the bot's clock is set so
 * that both the old and the new ones would come due within seconds). A member is refused, and so is
 * everyone once sign-in has opened; nothing changes then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUTTON, TITLE } from '../../cards/copy.js';
import { FORM_FIELDS } from '../../cards/actions.js';
import { noticeKey } from '../../handlers/notice-refresh.js';
import { FILL_IN_MOVE, MEETING_MOVED, MEETING_MOVED_BEFORE_NOTICE, MOVE_NOW_LATE, RESCHEDULE_FORM_SENT } from '../../handlers/reschedule-meeting.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { RULE_FLAG_TEXT } from '../../src/rules/index.js';
import { requestMeetingLeave, rsvp } from '../../src/services/attendance.js';
import { confirmTopic, submitTopic } from '../../src/services/topics.js';
import { committeeIn, openIdOf, stopWorld } from './meeting-world.js';
import { expectValidCard, GroupChat, textOf, titleOf } from './group-chat.js';
import { meetingAt, privateCards, startReminderWorld, until, type ReminderWorld } from './reminder-world.js';
import { sleep, waitFor } from './receiver-setup.js';
import { buttonOf, labelsOf, valueOf } from './conversation-driver.js';

type Json = Record<string, unknown>;

/** The callback value of the button labelled `label` in a card. */
const valueOfButton = (card: unknown, label: string): Json => valueOf(buttonOf(card as Json, label));

describe('改期 in the chat', () => {
  let w: ReminderWorld;
  beforeAll(async () => { w = await startReminderWorld('2026-12-09T09:59:56+08:00'); });
  afterAll(() => stopWorld(w));

  it('moves a noticed meeting: the notice shows the new time and the old, the group is told once, only the new reminders come, and once sign-in opens no one may move it', async () => {
    const chat = 'oc_move';
    const { id, roster } = await committeeIn(w, 'NT', chat);
    const g = new GroupChat(w.standIn, w.redis, chat);
    // Tomorrow at 10:00:01.2: its 会前一天 reminder would come at 10:00:01.2 today.
    const meetingId = await meetingAt(w, id, '2026-12-10T10:00:01.200+08:00');
    const ref = { committeeId: id, meetingId };
    await rsvp(w.app, { ...ref, actorId: 'm1', answer: 'attend' });
    await requestMeetingLeave(w.app, { ...ref, actorId: 'm3', reason: '出差在外' });
    const outbox = w.bot.app.bot.context.outbox;
    await waitFor(async () => await outbox.sentMessageId(noticeKey(id, meetingId)) !== undefined, 'the notice');
    const noticeId = (await outbox.sentMessageId(noticeKey(id, meetingId)))!;
    const notice = () => w.standIn.message(noticeId)?.content;
    const tapAs = (who: string, messageId: string, chatId: string, value: Json, formValue?: Json) =>
      w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId, chatId, value, ...(formValue === undefined ? {} : { formValue }) });

    // A member's tap is refused and changes nothing.
    const reschedule = valueOfButton(notice(), BUTTON.reschedule);
    const refused = await g.unchanged(id, () => tapAs('m2', noticeId, chat, reschedule));
    expect(refused.toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_CLERK });

    // The clerk taps 改期 on the shared notice: the form comes privately.
    const opened = await tapAs('clerk1', noticeId, chat, reschedule);
    expect(opened.toast).toEqual({ type: 'info', content: RESCHEDULE_FORM_SENT });
    await waitFor(() => privateCards(w, BUTTON.confirmReschedule).some((c) => c.openId === openIdOf(roster, 'clerk1')), 'the private form');
    const formMessage = w.standIn.messages().find((m) => m.openId === openIdOf(roster, 'clerk1') && titleOf(m.content).includes(TITLE.meetingDraft))!;
    expectValidCard(formMessage.content);
    const here = formMessage.chatId ?? `oc_p2p_${openIdOf(roster, 'clerk1')}`;
    const form = { [FORM_FIELDS.reschedule.time]: '12月9日 10:30', [FORM_FIELDS.reschedule.place]: '第二会议室' };

    // Today 10:30 with NT's 会前两天: the notice sent is now late, so the first 确认改期 asks.
    const asked = await g.unchanged(id, () => tapAs('clerk1', formMessage.messageId, here, valueOfButton(formMessage.content, BUTTON.confirmReschedule), form));
    expect(asked.toast).toEqual({ type: 'warning', content: MOVE_NOW_LATE });
    const askingCard = (asked.body as { card?: { data?: unknown } }).card?.data;
    expectValidCard(askingCard);
    expect(textOf(askingCard)).toContain('晚于规定时间');
    const confirmed = valueOfButton(askingCard, BUTTON.confirmReschedule);
    expect(confirmed).toMatchObject({ a: 'meeting.reschedule', late: true });

    // Tapped twice at once (a double tap): one move, both answered alike.
    const [moved, twin] = await Promise.all([tapAs('clerk1', formMessage.messageId, here, confirmed, form), tapAs('clerk1', formMessage.messageId, here, confirmed, form)]);
    expect(moved.toast).toEqual({ type: 'success', content: MEETING_MOVED });
    expect(twin.toast).toEqual(moved.toast);
    // The new time's first reminders are due at 10:00: the move had to come before (the setup takes well under the 4 s).
    expect(w.clock.now().getTime()).toBeLessThan(Date.parse('2026-12-09T10:00:00+08:00'));
    const draft = (moved.body as { card?: { data?: unknown } }).card?.data;
    expectValidCard(draft);
    expect(textOf(draft)).toContain('12月9日（周三）10:30');

    // The notice: new time and place, the time first announced, the late warning; 参加 asked again (another day), leave kept.
    await waitFor(() => textOf(notice()).includes('已改期'), 'the notice re-rendered');
    expectValidCard(notice());
    expect(textOf(notice())).toContain('12月9日（周三）10:30');
    expect(textOf(notice())).toContain('第二会议室');
    expect(textOf(notice())).toContain('已改期：原定 12月10日（周四）10:00');
    expect(textOf(notice())).toContain(RULE_FLAG_TEXT.LATE_NOTICE);
    expect(textOf(notice())).toContain('已确认 0 人 · 请假 1 人 · 未回复 5 人');

    // The group is told once, @-mentioning every invited person; the same tap again (or twice at once, above) tells no one twice.
    const told = () => g.sent().filter((m) => m.msgType === 'text' && textOf(m.content).includes('改期至'));
    await waitFor(() => told().length > 0, 'the announcement');
    const again = await tapAs('clerk1', formMessage.messageId, here, confirmed, form);
    expect(again.toast).toEqual(moved.toast);
    const text = textOf(told()[0]!.content);
    for (const who of ['chair1', 'vice1', 'm1', 'm2', 'm3', 'm4', 'obs1']) expect(text).toContain(`<at user_id=\\"${openIdOf(roster, who)}\\">`);
    expect(text).not.toContain(openIdOf(roster, 'clerk1'));
    expect(text).toContain('原定 12月10日（周四）10:00');
    expect(text).toContain('重新确认');

    // 10:00: the new time's 30-minute reminders and sign-in come; the old 会前一天 one (due 10:00:01.2) never does.
    await until(w, '2026-12-09T10:00:02.000+08:00');
    await waitFor(() => g.sent().some((m) => titleOf(m.content).includes(TITLE.signIn)), 'sign-in at the new time', 5_000);
    await sleep(300);
    const mine = (title: string) => privateCards(w, title).filter((c) => c.openId.includes(chat));
    expect(mine('1 天后开会')).toEqual([]);
    const attending = ['chair1', 'vice1', 'm1', 'm2', 'm4', 'obs1'].map((who) => openIdOf(roster, who)).sort();
    expect(mine('30 分钟后开会').map((c) => c.openId).sort()).toEqual(attending);
    expect(told()).toHaveLength(1);
    // The notice is drawn again once sign-in opens by itself: 改期 is gone from it.
    const offersMove = () => JSON.stringify(w.standIn.message(noticeId)?.content).includes(`"content":"${BUTTON.reschedule}"`);
    await waitFor(() => !offersMove(), 'the notice without 改期', 5_000);

    // Sign-in is open: a tap on the form or on the notice is refused, changing nothing.
    const late = await g.unchanged(id, () => tapAs('clerk1', formMessage.messageId, here, confirmed, { ...form, [FORM_FIELDS.reschedule.time]: '12月11日 9:00' }));
    expect(late.toast).toEqual({ type: 'error', content: USER_MESSAGES.INVALID_STATE });
    expect((await g.unchanged(id, () => tapAs('chair1', noticeId, chat, reschedule))).toast).toEqual({ type: 'error', content: USER_MESSAGES.INVALID_STATE });
  }, 20_000);

  it('on 会议筹备 the form opens in the card; a meeting not yet noticed moves quietly (no announcement, no 原定 line) and its notice later says the new time', async () => {
    w.clock.set('2026-12-09T11:00:00+08:00');
    const chat = 'oc_move_draft';
    const { id, roster } = await committeeIn(w, 'NT', chat);
    const g = new GroupChat(w.standIn, w.redis, chat);
    const topic = await submitTopic(w.app, { committeeId: id, actorId: 'clerk1', title: '议题一', kind: 'general' });
    await confirmTopic(w.app, { committeeId: id, topicId: topic.id, actorId: 'chair1' });
    const clerk = openIdOf(roster, 'clerk1');
    const typed = await g.command(clerk, '/会议 12月20日 9:00 第一会议室');
    const draftId = g.sent().find((m) => m.parentId === typed.messageId)!.messageId;
    const tapAs = (value: Json, formValue?: Json) => w.standIn.push.cardAction({ operatorOpenId: clerk, messageId: draftId, chatId: chat, value, ...(formValue === undefined ? {} : { formValue }) });
    const cardOf = (outcome: { body?: unknown }) => (outcome.body as { card?: { data?: unknown } }).card?.data;

    const opened = await g.unchanged(id, () => tapAs(valueOfButton(typed.reply, BUTTON.reschedule)));
    expect(opened.toast).toEqual({ type: 'info', content: FILL_IN_MOVE });
    const form = cardOf(opened);
    expectValidCard(form);
    expect(labelsOf(form as Json)).toContain(BUTTON.confirmReschedule);
    expect(labelsOf(form as Json)).not.toContain(BUTTON.reschedule);

    const moved = await tapAs(valueOfButton(form, BUTTON.confirmReschedule), { [FORM_FIELDS.reschedule.time]: '12月21日 15:00' });
    expect(moved.toast).toEqual({ type: 'success', content: MEETING_MOVED_BEFORE_NOTICE });
    const draft = cardOf(moved);
    expectValidCard(draft);
    expect(textOf(draft)).toContain('12月21日（周一）15:00');
    expect(textOf(draft)).toContain('第一会议室');
    expect(textOf(draft)).not.toContain('已改期');
    expect(labelsOf(draft as Json)).toEqual([BUTTON.sendNotice, BUTTON.reschedule, BUTTON.cancelMeeting]);

    const sent = await tapAs(valueOfButton(draft, BUTTON.sendNotice));
    expect(sent.toast?.type).toBe('success');
    await waitFor(() => g.sent().some((m) => titleOf(m.content).includes(TITLE.notice)), 'the notice');
    const notice = g.sent().find((m) => titleOf(m.content).includes(TITLE.notice))!.content;
    expect(textOf(notice)).toContain('12月21日（周一）15:00');
    expect(textOf(notice)).not.toContain('已改期');
    await sleep(300);
    expect(g.sent().filter((m) => m.msgType === 'text' && textOf(m.content).includes('改期至'))).toEqual([]);
  });
});
