/**
 * The group's 会议通知 and its live counts. The notice is sent under a key that is a function of
 * the committee and the meeting only, so whoever changes an answer (参加, 请假, its approval, an
 * objection) finds the message again and re-renders it for everyone.
 */
import type { Card } from '../cards/types.js';
import { buildNoticeCard, toNoticeView } from '../cards/notice-card.js';
import type { Ctx } from '../src/bot/context.js';
import { getNoticedMeeting, type MeetingDetail } from '../src/services/meeting-view.js';
import { profileOf } from '../src/services/context.js';
import { cardJson } from './support.js';

/** The outbox key of a meeting's notice in its group. */
export const noticeKey = (committeeId: string, meetingId: string): string => `notice|${committeeId}|${meetingId}`;

/** The notice as the group sees it: every button is shown, each tap is the services' to decide. */
export function noticeCard(detail: MeetingDetail, now: Date): Card {
  const { committee, meeting, topics, attendance } = detail;
  const view = toNoticeView(meeting, topics, committee, attendance, profileOf(committee), {
    now, timeZone: committee.timeZone, viewer: meeting.noticeSentBy ?? meeting.createdBy,
    can: { attend: true, leave: true, object: true, openSignIn: true, reschedule: true },
  });
  return buildNoticeCard(view);
}

/**
 * Re-renders the notice with the latest answers (patches coalesce: a burst of taps sends the
 * latest). Before the notice itself has been sent there is nothing to patch.
 */
export async function refreshNotice(ctx: Ctx<unknown>, committeeId: string, meetingId: string): Promise<void> {
  const messageId = await ctx.outbox.sentMessageId(noticeKey(committeeId, meetingId));
  if (messageId === undefined) return;
  const detail = await getNoticedMeeting(ctx.services, { committeeId, meetingId });
  await ctx.outbox.enqueuePatch({ messageId, card: cardJson(noticeCard(detail, ctx.clock.now())) });
}
