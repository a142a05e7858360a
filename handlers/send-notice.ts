/**
 * `发送通知` on 会议筹备 (the 书记 or the 秘书): the notice goes to the group under its meeting's key,
 * @-mentioning every invited member. A late notice is sent only from a button whose confirm dialog
 * said so; a card drawn while it was still on time is answered with the card that asks.
 */
import type { ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { mayDo } from '../src/services/authority.js';
import { getMeetingDraft, getNoticedMeeting } from '../src/services/meeting-view.js';
import { sendNotice } from '../src/services/meetings-notice.js';
import { meetingDraftCard } from './meeting-cards.js';
import { noticeCard, noticeKey } from './notice-refresh.js';
import { actorOfAction, cardJson, toast, withCard, type ActionCtx } from './support.js';

export const NOW_LATE = '现在发送已晚于规定时间，请再点“发送通知”并在确认框中确认。';
export const NOTICE_SENT = '会议通知已发送到议事群。';
export const LATE_NOTICE_SENT = '会议通知已发送，通知中已注明晚于规定时间。';

export async function sendNoticeAction(ctx: ActionCtx, value: ActionOf<'meeting.sendNotice'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const ref = { committeeId: committee.id, meetingId: value.m };
  const before = await getMeetingDraft(ctx.services, { ...ref, viewerId: member.id });
  // A second tap is answered as the first was; the service still decides who may send.
  const again = before.meeting.noticeSentAt !== undefined && mayDo(committee, member.id, 'meeting.notice');
  if (!again) {
    if (before.notice.onTime === false && !value.late) return withCard(toast.warning(NOW_LATE), meetingDraftCard(before, member.id, ctx.clock.now()));
    await sendNotice(ctx.services, { ...ref, actorId: member.id });
  }
  // Sent under the meeting's own key: a second tap, or a retry after a crash here, posts it once.
  const key = noticeKey(committee.id, value.m);
  if (await ctx.outbox.sentMessageId(key) === undefined) {
    const noticed = await getNoticedMeeting(ctx.services, ref);
    await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key, card: cardJson(noticeCard(noticed, ctx.clock.now())) });
  }
  const after = await getMeetingDraft(ctx.services, { ...ref, viewerId: member.id });
  const reply = after.meeting.noticeOnTime === false ? toast.warning(LATE_NOTICE_SENT) : toast.success(NOTICE_SENT);
  return withCard(reply, meetingDraftCard(after, member.id, ctx.clock.now()));
}
