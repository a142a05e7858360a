/** `/职责`: the body's periodic duties, what is due, done and overdue, replied to the message that asked. */
import type { CommandHandler } from '../src/bot/context.js';
import { InputError } from '../src/errors.js';
import { actorOfCommand, cardJson, keyOf } from './support.js';
import { dutiesCard } from './duties-cards.js';

export const DUTIES_TAKE_NO_ARGS = '“/职责”后面不用写内容，直接发送“/职责”即可查看本组织的工作职责。';

export const showDuties: CommandHandler = async (ctx) => {
  if (ctx.event.args !== '') throw new InputError('unknown_word', DUTIES_TAKE_NO_ARGS);
  const { committee, member } = await actorOfCommand(ctx);
  const card = await dutiesCard(ctx.services, committee, member.id, ctx.clock.now());
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'duties'), card: cardJson(card) });
};
