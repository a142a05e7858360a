/** `/帮助`: what this person may do here, by role; someone on no roster yet still gets an answer. */
import { buildHelpCard, toHelpView } from '../cards/help-card.js';
import type { CommandHandler } from '../src/bot/context.js';
import { RefusedError } from '../src/errors.js';
import { cardJson, keyOf } from './support.js';
import { committeeForReading } from './setup-view.js';

export const showHelp: CommandHandler = async (ctx) => {
  let firstSetup = false;
  const found = await committeeForReading(ctx).catch((error: unknown) => {
    if (!(error instanceof RefusedError)) throw error;
    firstSetup = error.refusal === 'NO_COMMITTEE';
    return null;
  });
  const card = buildHelpCard(toHelpView(found?.member?.role ?? null, firstSetup));
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'help'), card: cardJson(card) });
};
