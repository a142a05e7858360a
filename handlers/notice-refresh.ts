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
import { RefusedError } from '../src/errors.js';
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
 * latest). An answer given after 发送通知 but before the outbox posted the notice brings the
 * notice up to date as it posts. Opening sign-in re-renders it too: 改期 is gone from it then.
 */
export async function refreshNotice(ctx: Pick<Ctx<unknown>, 'services' | 'outbox' | 'clock'>, committeeId: string, meetingId: string): Promise<void> {
  // A meeting cancelled before its notice was sent has no notice to bring up to date.
  const detail = await getNoticedMeeting(ctx.services, { committeeId, meetingId }).catch((error: unknown) => {
    if (error instanceof RefusedError && error.refusal === 'INVALID_STATE') return null;
    throw error;
  });
  if (detail === null) return;
  await ctx.outbox.enqueuePatchOf({ key: noticeKey(committeeId, meetingId), card: cardJson(noticeCard(detail, ctx.clock.now())) });
}
