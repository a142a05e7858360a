/** `确认` on 议题待确认 (the 书记 only, as the service decides): the card becomes 议题已确认. */
import { mayDo } from '../src/services/authority.js';
import { confirmTopic, getTopic } from '../src/services/topics.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';
import type { ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { topicCard } from './topic-cards.js';

export async function confirmTopicAction(ctx: ActionCtx, value: ActionOf<'topic.confirm'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const ref = { committeeId: committee.id, topicId: value.t };
  const current = await getTopic(ctx.services, { ...ref, viewerId: member.id });
  // A second tap by the chair is answered as the first was; anyone else still hears the service.
  const repeated = current.confirmedBy !== undefined && current.status !== 'returned' && mayDo(committee, member.id, 'topic.confirm');
  const topic = repeated ? current : await confirmTopic(ctx.services, { ...ref, actorId: member.id });
  return withCard(toast.success('议题已确认，可列入会议议程。'), topicCard(committee, topic, ctx.clock.now()));
}
