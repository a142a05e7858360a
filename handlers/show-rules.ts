/** `/规则`: the committee's profile, its thresholds and deadlines, and the articles they come from. */
import { buildRulesCard, toRulesView } from '../cards/rules-card.js';
import type { CommandHandler } from '../src/bot/context.js';
import { profileOf } from '../src/services/context.js';
import { cardJson, keyOf } from './support.js';
import { committeeForReading } from './setup-view.js';

export const showRules: CommandHandler = async (ctx) => {
  const { committee } = await committeeForReading(ctx);
  const card = buildRulesCard(toRulesView(profileOf(committee), committee.overrides));
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'rules'), card: cardJson(card) });
};
