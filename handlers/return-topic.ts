/** `退回` with its reason (the form on 议题待确认; the 书记 only): the card becomes 议题已退回. */
import { TopicReturnFormSchema, type ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { returnTopic } from '../src/services/topics.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';
import { topicCard } from './topic-cards.js';

export const RETURN_REASON_MISSING = '请写明退回理由（不超过500字）后再点“退回”。';

export async function returnTopicAction(ctx: ActionCtx, value: ActionOf<'topic.return'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const form = TopicReturnFormSchema.safeParse(ctx.event.formValue ?? {});
  if (!form.success) return toast.error(RETURN_REASON_MISSING);
  const topic = await returnTopic(ctx.services, { committeeId: committee.id, topicId: value.t, actorId: member.id, reason: form.data.reason });
  return withCard(toast.success('议题已退回，提交人会看到退回理由。'), topicCard(committee, topic, ctx.clock.now()));
}
