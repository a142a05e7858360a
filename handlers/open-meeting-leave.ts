/** `请假` on the notice (`notice.leave`): the member gets the private form 会议请假 with one 书面意见 per agenda topic. */
import { buildMeetingLeaveCard, toMeetingLeaveFormView } from '../cards/leave-cards.js';
import { meetingLeaveForm } from '../src/services/leave-flow.js';
import { actorOfAction, keyOf, onAction, cardJson, toast } from './support.js';

export const LEAVE_FORM_SENT = '已在与机器人的私聊中发给您"会议请假"卡片，请在那里填写请假事由和书面意见。';

export const openMeetingLeave = onAction('notice.leave', async (ctx, value) => {
  const { member } = await actorOfAction(ctx);
  const { committee, meeting, topics, basis } = await meetingLeaveForm(ctx.services, { committeeId: value.c, meetingId: value.m, viewerId: member.id });
  const view = toMeetingLeaveFormView(meeting, topics, committee, basis, { now: ctx.clock.now(), timeZone: committee.timeZone, viewer: member.id, can: {} });
  await ctx.outbox.enqueueSend({ to: { openId: member.openId }, key: keyOf(ctx.event, 'leaveForm', meeting.id), card: cardJson(buildMeetingLeaveCard(view)) });
  return toast.info(LEAVE_FORM_SENT);
});
