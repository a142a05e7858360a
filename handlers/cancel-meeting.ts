/** `取消会议` on 会议筹备 (the 书记 or the 秘书): the meeting is called off; its notice says so. */
import type { ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { mayDo } from '../src/services/authority.js';
import { getMeetingDraft } from '../src/services/meeting-view.js';
import { cancelMeeting } from '../src/services/meetings.js';
import { meetingDraftCard } from './meeting-cards.js';
import { refreshNotice } from './notice-refresh.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';

export const MEETING_CANCELLED = '会议已取消，议程中的议题可列入下次会议。';

export async function cancelMeetingAction(ctx: ActionCtx, value: ActionOf<'meeting.cancel'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const ref = { committeeId: committee.id, meetingId: value.m };
  const current = await getMeetingDraft(ctx.services, { ...ref, viewerId: member.id });
  // A second tap is answered as the first was; the service still decides who may cancel.
  if (current.meeting.status !== 'cancelled' || !mayDo(committee, member.id, 'meeting.cancel')) await cancelMeeting(ctx.services, { ...ref, actorId: member.id });
  await refreshNotice(ctx, committee.id, value.m);
  const after = await getMeetingDraft(ctx.services, { ...ref, viewerId: member.id });
  return withCard(toast.success(MEETING_CANCELLED), meetingDraftCard(after, member.id, ctx.clock.now()));
}
