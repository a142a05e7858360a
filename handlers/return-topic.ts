/** `退回` with its reason (the form on 议题待确认; the 书记 only): the card becomes 议题已退回. */
import { TopicReturnFormSchema, type ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { mayDo } from '../src/services/authority.js';
import { getTopic, returnTopic } from '../src/services/topics.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';
import { topicCard } from './topic-cards.js';

export const RETURN_REASON_MISSING = '请写明退回理由（不超过500字）后再点“退回”。';

export async function returnTopicAction(ctx: ActionCtx, value: ActionOf<'topic.return'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const form = TopicReturnFormSchema.safeParse(ctx.event.formValue ?? {});
  if (!form.success) return toast.error(RETURN_REASON_MISSING);
  const ref = { committeeId: committee.id, topicId: value.t };
  const current = await getTopic(ctx.services, { ...ref, viewerId: member.id });
  // A second tap by the chair is answered as the first was; anyone else still hears the service.
  const repeated = current.status === 'returned' && mayDo(committee, member.id, 'topic.return');
  const topic = repeated ? current : await returnTopic(ctx.services, { ...ref, actorId: member.id, reason: form.data.reason });
  return withCard(toast.success('议题已退回，提交人会看到退回理由。'), topicCard(committee, topic, ctx.clock.now()));
}
