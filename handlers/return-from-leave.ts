/** `/销假` and the button `销假` (`generalLeave.return`): the return is recorded; whoever approved is told. */
import type { Committee, GeneralLeave, Member } from '../src/domain/index.js';
import type { CommandHandler } from '../src/bot/context.js';
import { returnFromLeave } from '../src/services/leave.js';
import { leaveToReturn, stepActorsOf } from '../src/services/leave-flow.js';
import { formatDay } from '../cards/text.js';
import { leaveReturnCard } from './leave-notify.js';
import { actorOfAction, actorOfCommand, keyOf, onAction, toast, withCard, type ActionCtx } from './support.js';
import type { Ctx } from '../src/bot/context.js';

const returnedAnswer = (leave: GeneralLeave): string => `已销假${leave.returnedOnTime === false ? '（已超过销假期限，已如实记录）' : ''}。`;

async function recordReturn(ctx: Ctx<Parameters<typeof keyOf>[0]>, committee: Committee, member: Member, leaveId: string): Promise<GeneralLeave> {
  const leave = await returnFromLeave(ctx.services, { committeeId: committee.id, leaveId, actorId: member.id });
  const applicant = committee.roster.find((m) => m.id === leave.applicantId)?.name ?? '';
  const { start, end } = leave.input;
  const period = start === undefined || end === undefined ? '' : `请假时间：${formatDay(start)} 至 ${formatDay(end)}。`;
  for (const approver of stepActorsOf(committee, leave)) {
    await ctx.outbox.enqueueSend({ to: { openId: approver.openId }, key: keyOf(ctx.event, 'returned', approver.id), text: `${applicant}已销假。${period}` });
  }
  return leave;
}

export const returnByCommand: CommandHandler = async (ctx) => {
  const { committee, member } = await actorOfCommand(ctx);
  const { id } = await leaveToReturn(ctx.services, { committeeId: committee.id, viewerId: member.id });
  const leave = await recordReturn(ctx, committee, member, id);
  await ctx.outbox.enqueueReply({ messageId: ctx.event.messageId, chatId: ctx.event.chatId, key: keyOf(ctx.event, 'reply'), text: returnedAnswer(leave) });
};

export const returnByButton = onAction('generalLeave.return', async (ctx: ActionCtx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const leave = await recordReturn(ctx, committee, member, value.l);
  return withCard(toast.success(returnedAnswer(leave)), leaveReturnCard(ctx, committee, leave, member.id));
});
