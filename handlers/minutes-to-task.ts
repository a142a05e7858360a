/**
 * `转为督办` on 会议纪要（已签发） (the chair or a clerk, as the service decides): the first tap opens
 * the decision's form (负责人 from the roster, 办结期限); its `交办` makes the task, one per decision
 * however often it is sent, and posts its 督办事项 card to the group once.
 */
import { MinutesTaskFormSchema, type ActionOf } from '../cards/actions.js';
import { BUTTON, FIELD } from '../cards/copy.js';
import type { CardReply } from '../src/bot/context.js';
import type { Committee, Task } from '../src/domain/index.js';
import { createTasksFromDecision, decisionTaskId, decisionToCarryOut } from '../src/services/tasks.js';
import { minutesCard } from './minutes-cards.js';
import { actorOfAction, cardJson, toast, withCard, type ActionCtx } from './support.js';
import { taskCard } from './task-cards.js';

export const TASK_FORM_INVALID = `请选择${FIELD.owner}和${FIELD.due}后再点“${BUTTON.assignTask}”。`;
export const TASK_FORM_OPENED = `请选择${FIELD.owner}和${FIELD.due}，然后点“${BUTTON.assignTask}”。`;
export const TASK_ASSIGNED = '已转为督办事项，督办事项卡片已发到议事群。';
export const TASK_ALREADY = '这项决定已转为督办事项，见议事群里的督办事项卡片。';

/** The task 交办 makes of the form, or what is wrong with the form. */
async function taskFromForm(ctx: ActionCtx, committee: Committee, ref: { committeeId: string; meetingId: string; topicId: string; actorId: string }): Promise<Task | string> {
  const form = MinutesTaskFormSchema.safeParse(ctx.event.formValue);
  if (!form.success) return TASK_FORM_INVALID;
  // A name off the roster stays an open_id, which the service refuses as no one of the roster.
  const ownerId = committee.roster.find((m) => m.openId === form.data.ownerOpenId)?.id ?? form.data.ownerOpenId;
  const [task] = await createTasksFromDecision(ctx.services, { ...ref, tasks: [{ id: decisionTaskId(ref.meetingId, ref.topicId), ownerId, due: form.data.due }] });
  if (!task) throw new Error('no task made');
  return task;
}

export async function minutesToTaskAction(ctx: ActionCtx, value: ActionOf<'minutes.toTask'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const ref = { committeeId: committee.id, meetingId: value.m, topicId: value.t, actorId: member.id };
  const { minutes, task: made } = await decisionToCarryOut(ctx.services, ref);
  const card = (assigning?: string) => minutesCard(ctx, committee.id, minutes, member.id, assigning === undefined ? {} : { assigning });
  const submitted = ctx.event.formValue !== undefined;
  if (!submitted) return made ? withCard(toast.info(TASK_ALREADY), await card()) : withCard(toast.info(TASK_FORM_OPENED), await card(value.t));
  // A second 交办 (a stale form, a re-delivered callback) is answered as the first was, and its card asked for again.
  const task = made ?? await taskFromForm(ctx, committee, ref);
  if (typeof task === 'string') return toast.error(task);
  // Keyed by the task: however often it is asked for, the group gets its 督办事项 card once.
  await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: `task|${task.id}`, card: cardJson(taskCard(committee, task, ctx.clock.now())) });
  return withCard(toast.success(TASK_ASSIGNED), await card());
}
