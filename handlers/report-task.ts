/** `报告进展` with its 进展 (the form on 督办事项; the owner, or the office for him): the card shows it. */
import { TaskProgressFormSchema, type ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { reportProgress } from '../src/services/tasks.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';
import { taskCard } from './task-cards.js';

export const PROGRESS_MISSING = '请填写进展（不超过1000字）后再点“报告进展”。';

export async function reportTaskAction(ctx: ActionCtx, value: ActionOf<'task.report'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const form = TaskProgressFormSchema.safeParse(ctx.event.formValue ?? {});
  if (!form.success) return toast.error(PROGRESS_MISSING);
  const task = await reportProgress(ctx.services, { committeeId: committee.id, taskId: value.k, actorId: member.id, note: form.data.progress });
  return withCard(toast.success('进展已记录。'), taskCard(committee, task, ctx.clock.now()));
}
