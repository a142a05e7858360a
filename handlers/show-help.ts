/** `/帮助`: a short help text, replied to the message that asked for it. */
import type { CommandHandler } from '../src/bot/context.js';

export const HELP_TEXT = [
  '议事机器人按本单位的议事规则组织会议。',
  '常用命令:',
  '/帮助 — 显示本说明',
  '会议通知、请假、签到、表决均通过卡片按钮完成;无记名投票不会记录谁投了什么。',
].join('\n');

export const showHelp: CommandHandler = async (ctx) => {
  // The key is derived from the message, so a second run (a queue retry) posts nothing new.
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: `help:${messageId}`, text: HELP_TEXT });
};
