/** `/议题 <标题> [一般|重大|人事|处分]`: the topic is submitted and its 议题待确认 card goes to the group. */
import type { CommandHandler } from '../src/bot/context.js';
import { parseTopicArgs } from '../src/bot/parse/commands.js';
import { submitTopic } from '../src/services/topics.js';
import { actorOfCommand, commandInput, keyOf, cardJson } from './support.js';
import { topicCard } from './topic-cards.js';

export const SUBMITTED_ELSEWHERE = '议题已提交，确认卡片已发到议事群，等待书记确认。';

// The topic's id comes from the message: a re-run of the same message makes no second topic.
export const submitTopicCommand: CommandHandler = async (ctx) => {
  const args = parseTopicArgs(commandInput(ctx));
  const { committee, member } = await actorOfCommand(ctx);
  const topic = await submitTopic(ctx.services, { committeeId: committee.id, actorId: member.id, title: args.title, kind: args.kind, id: `topic-${ctx.event.messageId}` });
  const card = cardJson(topicCard(committee, topic, ctx.clock.now()));
  await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: keyOf(ctx.event, 'topic'), card });
  if (ctx.event.chatId !== committee.chatId) {
    await ctx.outbox.enqueueReply({ messageId: ctx.event.messageId, chatId: ctx.event.chatId, key: keyOf(ctx.event, 'topic-told'), text: SUBMITTED_ELSEWHERE });
  }
};
