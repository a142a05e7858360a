/** The bot joined a group: remember who added it and who is in the chat, and post the setup card. */
import { z } from 'zod';
import type { EventHandler } from '../src/bot/context.js';
import { rememberChat, setupState } from '../src/services/setup.js';
import { keyOf } from './support.js';
import { setupCard } from './setup-view.js';

export const BotAddedSchema = z.object({
  chat_id: z.string().min(1).max(128),
  operator_id: z.object({ open_id: z.string().min(1).max(128).optional() }).partial().optional(),
  name: z.string().max(100).optional(),
});

export const botAdded: EventHandler = async (ctx) => {
  const body = BotAddedSchema.safeParse(ctx.event.body);
  if (!body.success) {
    ctx.log.warn('bot added to a chat that Feishu did not name');
    return;
  }
  const { chat_id: chatId, name } = body.data;
  const addedBy = body.data.operator_id?.open_id;
  await rememberChat(ctx.services, { chatId, addedBy, name });
  const state = await setupState(ctx.services, { chatId, openId: addedBy ?? '' });
  await ctx.outbox.enqueueSend({ to: { chatId }, key: keyOf(ctx.event, 'setup'), card: setupCard(state, ctx.clock.now()) });
};
