/** `/纪要` (the office): drafts the minutes of the meeting closed last and posts 会议纪要 in reply. */
import type { CommandHandler } from '../src/bot/context.js';
import { draftLatestMinutes } from '../src/services/minutes.js';
import { minutesCard } from './minutes-cards.js';
import { actorOfCommand, cardJson, keyOf } from './support.js';

export const draftMinutesCommand: CommandHandler = async (ctx) => {
  const { committee, member } = await actorOfCommand(ctx);
  const { minutes } = await draftLatestMinutes(ctx.services, { committeeId: committee.id, actorId: member.id });
  const card = await minutesCard(ctx, committee.id, minutes, member.id);
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'minutes'), card: cardJson(card) });
};
