/** `/纪要` (the office): drafts the minutes of the meeting closed last and posts 会议纪要 in reply. */
import type { CommandHandler } from '../src/bot/context.js';
import { InputError } from '../src/errors.js';
import { draftLatestMinutes } from '../src/services/minutes.js';
import { minutesCard, sendSignedMinutesFile } from './minutes-cards.js';
import { actorOfCommand, cardJson, keyOf } from './support.js';

export const MINUTES_TAKES_NO_ARGS = '“/纪要”起草最近一次已结束会议的纪要,后面不用写内容。请直接发送“/纪要”。';

export const draftMinutesCommand: CommandHandler = async (ctx) => {
  if (ctx.event.args !== '') throw new InputError('unknown_word', MINUTES_TAKES_NO_ARGS);
  const { committee, member } = await actorOfCommand(ctx);
  const { minutes } = await draftLatestMinutes(ctx.services, { committeeId: committee.id, actorId: member.id });
  const card = await minutesCard(ctx, committee.id, minutes, member.id);
  if (minutes.status === 'signed') await sendSignedMinutesFile(ctx, committee, minutes, member.id);
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'minutes'), card: cardJson(card) });
};
