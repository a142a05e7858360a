/**
 * People joined or left a group: before the first save the chat's member list is read again (it
 * becomes the roster then); afterwards the roster follows the chat, and the group is told.
 */
import { z } from 'zod';
import type { EventHandler } from '../src/bot/context.js';
import { chatMembershipChanged, displayName } from '../src/services/setup.js';
import { keyOf } from './support.js';
import { membershipAnnouncement } from './setup-view.js';

const UsersSchema = z.object({
  chat_id: z.string().min(1).max(128),
  users: z.array(z.object({ name: z.string().max(256).optional(), user_id: z.object({ open_id: z.string().min(1).max(128) }) })).max(500),
});

function membershipHandler(direction: 'joined' | 'left'): EventHandler {
  return async (ctx) => {
    const body = UsersSchema.safeParse(ctx.event.body);
    if (!body.success) {
      ctx.log.warn('chat members changed with no chat or users named', { direction });
      return;
    }
    const { chat_id: chatId, users } = body.data;
    const people = users.map((u) => ({ openId: u.user_id.open_id, name: displayName(u.name, u.user_id.open_id) }));
    const outcome = await chatMembershipChanged(ctx.services, direction === 'joined' ? { chatId, joined: people } : { chatId, left: people.map((p) => p.openId) });
    const text = outcome === null ? null : membershipAnnouncement(outcome.change, outcome.before);
    if (text !== null) await ctx.outbox.enqueueSend({ to: { chatId }, key: keyOf(ctx.event, 'members'), text });
  };
}

export const membersJoined = membershipHandler('joined');
export const membersLeft = membershipHandler('left');
