/**
 * `/请假`: alone, the private form 请假申请; `/请假 <原因>`, meeting leave for the next meeting;
 * `/请假 <开始> 至 <结束> <类型> <原因>`, general leave. The answer never repeats the reason: the
 * command may have been typed in the group, and the reason goes only to those who decide on it.
 */
import { buildGeneralLeaveCard, toGeneralLeaveFormView } from '../cards/leave-cards.js';
import { LEAVE_STATUS_NAMES } from '../cards/copy.js';
import type { CommandHandler } from '../src/bot/context.js';
import { parseLeaveArgs } from '../src/bot/parse/commands.js';
import type { GeneralLeave } from '../src/domain/index.js';
import { askMeetingLeave, nextMeetingOf, requestGeneralLeave } from '../src/services/leave-flow.js';
import { afterMeetingLeave, routeGeneralLeave } from './leave-notify.js';
import { MEETING_LEAVE_REPEATED, meetingLeaveAnswer } from './submit-meeting-leave.js';
import { actorOfCommand, commandInput, keyOf, cardJson } from './support.js';

export const LEAVE_FORM_PRIVATE = '已在与机器人的私聊中发给您"请假申请"卡片。';

export const GENERAL_LEAVE_REPEATED = '已记录，这份请假申请您已提交过，无需重复提交。';

export const generalLeaveAnswer = (leave: GeneralLeave): string => (leave.status === 'pending'
  ? `请假申请已提交（按规则计 ${leave.decision.days} 天），正逐级送审批人，每一步结果都会私聊告诉您。`
  : `请假申请已登记：${LEAVE_STATUS_NAMES[leave.status]}。详情已私聊发给您。`);

export const requestLeave: CommandHandler = async (ctx) => {
  const { event } = ctx;
  const { committee, member } = await actorOfCommand(ctx);
  const reply = (text: string) => ctx.outbox.enqueueReply({ messageId: event.messageId, chatId: event.chatId, key: keyOf(event, 'reply'), text });
  if (event.args === '') {
    const card = buildGeneralLeaveCard(toGeneralLeaveFormView(committee.id, { now: ctx.clock.now(), timeZone: committee.timeZone, viewer: member.id, can: {} }));
    await ctx.outbox.enqueueSend({ to: { openId: member.openId }, key: keyOf(event, 'leaveForm'), card: cardJson(card) });
    await reply(LEAVE_FORM_PRIVATE);
    return;
  }
  const args = parseLeaveArgs(commandInput(ctx));
  if (args.kind === 'meeting') {
    const meeting = await nextMeetingOf(ctx.services, { committeeId: committee.id, viewerId: member.id });
    const { attendance, repeated } = await askMeetingLeave(ctx.services, { committeeId: committee.id, meetingId: meeting.id, actorId: member.id, reason: args.reason });
    if (!repeated) await afterMeetingLeave(ctx, committee, meeting, attendance);
    await reply(`"${meeting.title}"：${repeated ? MEETING_LEAVE_REPEATED : meetingLeaveAnswer(attendance.leave?.status === 'pending')}`);
    return;
  }
  const { leave, repeated } = await requestGeneralLeave(ctx.services, { committeeId: committee.id, applicantId: member.id, ...args });
  if (!repeated) await routeGeneralLeave(ctx, committee, leave);
  await reply(repeated ? GENERAL_LEAVE_REPEATED : generalLeaveAnswer(leave));
};
