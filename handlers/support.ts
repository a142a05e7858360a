/**
 * What every handler shares: who is acting and in which committee (always from the roster, by the
 * Feishu open_id of the sender or the operator; never from a button value), outbox keys derived
 * from the event so that a re-run posts nothing twice, typed card actions, and toasts.
 */
import type { ActionName, ActionOf } from '../cards/actions.js';
import type { Card } from '../cards/types.js';
import type { ActionHandler, CardReply, CardToast, CommandEvent, Ctx } from '../src/bot/context.js';
import type { CardActionEvent } from '../src/bot/events.js';
import type { ActionValue } from '../src/bot/action-value.js';
import { resolveActor, type Resolved } from '../src/services/resolve.js';

export type ActionCtx = Ctx<CardActionEvent & { readonly action: ActionValue }>;

/** The committee and member behind a typed command (group chat → its committee; private → the member's). */
export function actorOfCommand(ctx: Ctx<CommandEvent>): Promise<Resolved> {
  const { senderOpenId, chatId, chatType } = ctx.event;
  return resolveActor(ctx.services, { openId: senderOpenId, chatId, chatType });
}

/** The committee and member behind a tap; the value's committee only says which card it was. */
export function actorOfAction(ctx: ActionCtx): Promise<Resolved> {
  const { operatorOpenId, chatId, action } = ctx.event;
  return resolveActor(ctx.services, { openId: operatorOpenId, committeeId: action.c, ...(chatId === undefined ? {} : { chatId }) });
}

/**
 * The outbox key of one send caused by one message (its id survives Feishu's re-deliveries under
 * new event ids) or one callback (its event id): the same event run twice posts once.
 */
export function keyOf(event: { readonly messageId?: string | undefined; readonly eventId: string }, ...parts: string[]): string {
  const origin = event.messageId !== undefined && 'command' in event ? `msg|${event.messageId}` : `evt|${event.eventId}`;
  return [origin, ...parts].join('|');
}

/**
 * Registers a handler for one action of the union: the bot has already checked the value's
 * signature and its shape against the union, so the value is that action's.
 */
export function onAction<A extends ActionName>(name: A, handler: (ctx: ActionCtx, value: ActionOf<A>) => Promise<CardReply>): [A, ActionHandler] {
  return [name, (ctx) => handler(ctx, ctx.event.action as unknown as ActionOf<A>)];
}

const toastOf = (type: CardToast['type']) => (content: string): CardReply => ({ toast: { type, content } });
export const toast = { success: toastOf('success'), info: toastOf('info'), warning: toastOf('warning'), error: toastOf('error') };

/** A card of the kit as the outbox and a callback answer carry it (plain JSON). */
export const cardJson = (card: Card): Readonly<Record<string, unknown>> => card as unknown as Readonly<Record<string, unknown>>;
/** A callback's answer: this person's updated card, with a toast. */
export const withCard = (reply: CardReply, card: Card): CardReply => ({ ...reply, card: { type: 'raw', data: cardJson(card) } });

/** What the command parser reads from a typed command; the bot's own open_id tells its @-mention from people's. */
export const commandInput = (ctx: Ctx<CommandEvent>) =>
  ({ args: ctx.event.args, mentionOpenIds: ctx.event.mentionOpenIds, botOpenId: ctx.botOpenId(), nowMs: ctx.clock.now().getTime() });
