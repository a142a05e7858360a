/** `办结` on 督办事项 (the owner, the chair or a clerk, as the service decides): the card reads 已办结. */
import type { ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { mayDo } from '../src/services/authority.js';
import { completeTask, getTask } from '../src/services/tasks.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';
import { taskCard } from './task-cards.js';

export async function completeTaskAction(ctx: ActionCtx, value: ActionOf<'task.done'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const ref = { committeeId: committee.id, taskId: value.k };
  const current = await getTask(ctx.services, { ...ref, viewerId: member.id });
  // A second tap by someone who may 办结 is answered as the first was; anyone else still hears the service.
  const repeated = current.status === 'done' && mayDo(committee, member.id, 'task.complete', { subjects: [current.ownerId] });
  const task = repeated ? current : await completeTask(ctx.services, { ...ref, actorId: member.id });
  return withCard(toast.success('督办事项已办结。'), taskCard(committee, task, ctx.clock.now()));
}
