/**
 * `/督办 <事项> @负责人 <日期>` (the chair or a clerk, as the service decides): the task's 督办事项
 * card goes to the group. `/督办` alone answers with the open tasks, overdue ones marked.
 */
import { buildTaskListCard, toTaskListView } from '../cards/task-card.js';
import type { CommandHandler } from '../src/bot/context.js';
import { parseTaskArgs } from '../src/bot/parse/people-commands.js';
import { createTask, listOpenTasks } from '../src/services/tasks.js';
import { actorOfCommand, cardJson, commandInput, keyOf } from './support.js';
import { taskCard } from './task-cards.js';

export const ASSIGNED_ELSEWHERE = '督办事项已交办，卡片已发到议事群。';

// The task's id comes from the message: a re-run of the same message makes no second task.
export const assignTaskCommand: CommandHandler = async (ctx) => {
  const { committee, member } = await actorOfCommand(ctx);
  const args = parseTaskArgs(commandInput(ctx));
  const { messageId, chatId } = ctx.event;
  const now = ctx.clock.now();
  if (args.kind === 'list') {
    const tasks = await listOpenTasks(ctx.services, { committeeId: committee.id, viewerId: member.id });
    const view = toTaskListView(tasks, committee, { now, timeZone: committee.timeZone, viewer: member.id, can: {} });
    await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'tasks'), card: cardJson(buildTaskListCard(view)) });
    return;
  }
  const ownerId = committee.roster.find((m) => m.openId === args.ownerOpenId)?.id ?? args.ownerOpenId;
  const task = await createTask(ctx.services, {
    committeeId: committee.id, actorId: member.id, id: `task-${messageId}`, title: args.title, ownerId, due: args.due,
  });
  await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: keyOf(ctx.event, 'task'), card: cardJson(taskCard(committee, task, now)) });
  if (chatId !== committee.chatId) {
    await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'task-told'), text: ASSIGNED_ELSEWHERE });
  }
};
