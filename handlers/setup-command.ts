/**
 * `/设置`: the setup card; `/设置 规则 <ID>`, `/设置 <角色> @…` and `/设置 审批 <职务> @…` change the
 * committee (the services decide who may) and are announced in the group.
 */
import { APPROVER_ROLE_NAMES } from '../cards/copy.js';
import type { CommandEvent, CommandHandler, Ctx } from '../src/bot/context.js';
import { parseSetupArgs } from '../src/bot/parse/people-commands.js';
import { profileOf } from '../src/services/context.js';
import { assignApprover, assignRole, changeProfile, rememberChat, setupState } from '../src/services/setup.js';
import { actorOfCommand, commandInput, keyOf } from './support.js';
import { roleAnnouncement, setupCard } from './setup-view.js';

async function showCard(ctx: Ctx<CommandEvent>): Promise<void> {
  const { event } = ctx;
  let chatId = event.chatId;
  if (event.chatType === 'group') await rememberChat(ctx.services, { chatId });
  else chatId = (await actorOfCommand(ctx)).committee.chatId;
  const state = await setupState(ctx.services, { chatId, openId: event.senderOpenId });
  // A form saves in its own group only (the save takes the chat from the tap): elsewhere it is shown.
  const shown = { ...state, canSave: state.canSave && event.chatType === 'group' };
  await ctx.outbox.enqueueReply({ messageId: event.messageId, chatId: event.chatId, key: keyOf(event, 'setup'), card: setupCard(shown, ctx.clock.now()) });
}

export const setupCommand: CommandHandler = async (ctx) => {
  const { event } = ctx;
  const args = parseSetupArgs(commandInput(ctx));
  if (args.kind === 'card') return showCard(ctx);
  const { committee, member } = await actorOfCommand(ctx);
  const base = { committee, actorId: member.id };
  let text: string;
  if (args.kind === 'profile') {
    const changed = await changeProfile(ctx.services, { ...base, profileId: args.profileId });
    text = `${member.name} 已将议事规则改为 ${profileOf(changed).name}（${changed.profileId}）。发送 /规则 查看。`;
  } else if (args.kind === 'role') {
    text = roleAnnouncement((await assignRole(ctx.services, { ...base, role: args.role, openIds: args.openIds })).people, args.role);
  } else {
    const people = await assignApprover(ctx.services, { ...base, role: args.role, openIds: args.openIds });
    text = `已将 ${people.map((m) => m.name).join('、')} 设为请假审批人（${APPROVER_ROLE_NAMES[args.role]}）。`;
  }
  await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: keyOf(event, 'announce'), text });
  if (event.chatId !== committee.chatId) await ctx.outbox.enqueueReply({ messageId: event.messageId, chatId: event.chatId, key: keyOf(event, 'done'), text });
};
