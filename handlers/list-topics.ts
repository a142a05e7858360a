/** `/议题列表`: the committee's topics by status, replied to the message that asked. */
import { buildTopicListCard, toTopicListView } from '../cards/topic-list-card.js';
import type { CommandHandler } from '../src/bot/context.js';
import { listTopics } from '../src/services/topics.js';
import { actorOfCommand, keyOf, cardJson } from './support.js';

export const listTopicsCommand: CommandHandler = async (ctx) => {
  const { committee, member } = await actorOfCommand(ctx);
  const topics = await listTopics(ctx.services, { committeeId: committee.id, viewerId: member.id });
  const view = toTopicListView(topics, committee, { now: ctx.clock.now(), timeZone: committee.timeZone, viewer: member.id, can: {} });
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'topics'), card: cardJson(buildTopicListCard(view)) });
};
