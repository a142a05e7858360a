/** `参加` on 会议通知: the member's answer is recorded and the notice's counts re-rendered. */
import type { ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { rsvp } from '../src/services/attendance.js';
import { refreshNotice } from './notice-refresh.js';
import { actorOfAction, toast, type ActionCtx } from './support.js';

export const ATTENDING = '已记录，您将参加本次会议。';

export async function attendMeetingAction(ctx: ActionCtx, value: ActionOf<'notice.attend'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  await rsvp(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id, answer: 'attend' });
  await refreshNotice(ctx, committee.id, value.m);
  return toast.success(ATTENDING);
}
