/** The 会议筹备 card, as the handlers of a meeting render it for one viewer. */
import { buildMeetingDraftCard, toMeetingDraftView, type RescheduleInput } from '../cards/meeting-draft-card.js';
import type { Card } from '../cards/types.js';
import { signInPossible } from '../src/domain/index.js';
import { mayDo } from '../src/services/authority.js';
import { profileOf } from '../src/services/context.js';
import type { getMeetingDraft } from '../src/services/meeting-view.js';

export type MeetingDraft = Awaited<ReturnType<typeof getMeetingDraft>>;

/**
 * 发送通知 / 改期 / 取消会议 / 开始签到 show to whoever may do them; 开始签到 only once sign-in is possible
 * (after the notice, or at once for an emergency meeting, which may go without one).
 */
export function meetingDraftCard(draft: MeetingDraft, viewerId: string, now: Date, move?: RescheduleInput): Card {
  const { committee, meeting, topics, notice } = draft;
  return buildMeetingDraftCard(toMeetingDraftView(meeting, topics, committee, profileOf(committee), notice, {
    now, timeZone: committee.timeZone, viewer: viewerId,
    can: { sendNotice: mayDo(committee, viewerId, 'meeting.notice'), cancel: mayDo(committee, viewerId, 'meeting.cancel'),
      openSignIn: signInPossible(meeting) && mayDo(committee, viewerId, 'attendance.openSignIn', { meeting }),
      reschedule: mayDo(committee, viewerId, 'meeting.reschedule') },
  }, move));
}
