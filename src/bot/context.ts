/**
 * What a handler receives: the validated event and the bot's dependencies,
 * never the raw SDK client, `process.env` or the wall clock.
 */
import type { Clock } from '../clock.js';
import type { Outbox } from '../lark/outbox.js';
import type { Logger } from '../log.js';
import type { ServiceDeps } from '../services/context.js';
import type { ActionValue } from './action-value.js';
import type { CardActionEvent, MessageEvent, OtherEvent } from './events.js';

export interface BotDeps {
  /**
   * Every send goes through the outbox (a callback must be answered within 3 s, so never waits on Feishu):
   * durable, rate-limited, and a key makes a repeated send post once.
   */
  readonly outbox: Outbox;
  readonly services: ServiceDeps;
  readonly clock: Clock;
  readonly log: Logger;
  /** The app's own open_id, '' until it is known: what tells the bot's @-mention from people's. */
  readonly botOpenId: () => string;
}

export interface Ctx<E> extends BotDeps {
  readonly event: E;
}

/** A text command: `args` is the text after the command word, trimmed. */
export interface CommandEvent extends MessageEvent {
  readonly command: string;
  readonly args: string;
}

export type CardToast = { readonly type: 'info' | 'success' | 'error' | 'warning'; readonly content: string };
/** The body of a card callback's answer: a toast and/or a raw card JSON 2.0. */
export interface CardReply {
  readonly toast?: CardToast;
  readonly card?: { readonly type: 'raw'; readonly data: Readonly<Record<string, unknown>> };
}

export type CommandHandler = (ctx: Ctx<CommandEvent>) => Promise<void>;
export type EventHandler = (ctx: Ctx<OtherEvent>) => Promise<void>;
export type ActionHandler = (ctx: Ctx<CardActionEvent & { readonly action: ActionValue }>) => Promise<CardReply>;
