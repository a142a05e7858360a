/**
 * A small composer: `command(word)`, `action(name)`, `on(type)`, and `receive`
 * / `answer` to route one event to its handler. Handlers may run twice (a queue retry, a
 * re-delivery past the dedup window), so every handler must be safe to repeat.
 */
import { COMMAND_FAILED_MESSAGE, unknownCommandMessage, InputError, RefusedError, StoreUnavailableError, userMessageOf } from '../errors.js';
import type { CardActionInput, QueuedEvent } from './events.js';
import { ACTION_FIELD, signActionValue, verifyActionValue, type ActionKeys, type ActionValue } from './action-value.js';
import { sealCard, type SignValue } from './seal.js';
import { sealingOutbox } from './sealing-outbox.js';
import { canonicalCommand } from './parse/aliases.js';
import type { ActionHandler, BotDeps, CardReply, CommandHandler, EventHandler } from './context.js';

/** Shown for a button whose value is edited, foreign, or from a card built by an older deploy. */
export const STALE_CARD_TOAST = '此卡片已失效或内容被改动,请刷新后重试。';

/** The command word of a text ("/帮助 议题" → "/帮助", "/help" → "/帮助"); a full-width slash counts as "/". */
export function splitCommand(text: string): { command: string; args: string } | null {
  const normalised = text.replace(/^\s*／/, '/').trim();
  const match = /^(\/\S+)(?:\s+([\s\S]*))?$/.exec(normalised);
  if (match?.[1] === undefined) return null;
  return { command: canonicalCommand(match[1]), args: (match[2] ?? '').trim() };
}

/** A stable code of any error for logs: a BotError's code, else the error's name. */
export function errorCodeOf(error: unknown): string {
  if (error instanceof RefusedError) return error.refusal;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return error instanceof Error ? error.name : 'unknown';
}

/** Checks a genuine value against the union of every action the cards emit (passed in by app.ts). */
export type ActionValueCheck = (value: ActionValue) => boolean;

export class Bot {
  private readonly commands = new Map<string, CommandHandler>();
  private readonly actions = new Map<string, ActionHandler>();
  private readonly events = new Map<string, EventHandler>();
  private readonly deps: BotDeps;
  private readonly sign: SignValue;

  /**
   * Handlers get an outbox that seals every card (signs its callback values) and the cards they
   * answer with are sealed too, so the key stays here. `isKnownAction` refuses a signed value
   * that no card of this version could have emitted (e.g. after a deploy changed its shape).
   */
  constructor(deps: BotDeps, private readonly actionKeys: ActionKeys, private readonly isKnownAction: ActionValueCheck = () => true) {
    this.sign = (value) => signActionValue(actionKeys, value);
    this.deps = { ...deps, outbox: sealingOutbox(deps.outbox, this.sign) };
  }

  /** What handlers get, the sealing outbox among it: for work that starts from a job rather than an event (a due reminder). */
  get context(): BotDeps {
    return this.deps;
  }

  command(word: string, handler: CommandHandler): this {
    if (splitCommand(word)?.command !== word) throw new RangeError(`a command word is "/" and no spaces: ${word}`);
    this.commands.set(word, handler);
    return this;
  }

  action(name: string, handler: ActionHandler): this {
    this.actions.set(name, handler);
    return this;
  }

  on(eventType: string, handler: EventHandler): this {
    if (eventType === 'im.message.receive_v1' || eventType === 'card.action.trigger') {
      throw new RangeError(`${eventType} is routed by command() and action()`);
    }
    this.events.set(eventType, handler);
    return this;
  }

  /** The command words registered: the inventory /帮助 must cover. */
  commandWords(): string[] {
    return [...this.commands.keys()];
  }

  /** Event types this bot consumes: messages always, plus every `on(type)`. */
  eventTypes(): string[] {
    return ['im.message.receive_v1', ...this.events.keys()];
  }

  handles(eventType: string): boolean {
    return eventType === 'im.message.receive_v1' || this.events.has(eventType);
  }

  /**
   * Runs the handler of a queued event. A refusal is answered to the sender and ends the event;
   * any other error is thrown so that the queue retries it.
   */
  async receive(event: QueuedEvent): Promise<void> {
    const log = this.deps.log.child({ eventId: event.eventId, type: event.type });
    if (event.type !== 'im.message.receive_v1' || !('messageId' in event)) {
      const handler = this.events.get(event.type);
      if (handler && 'body' in event) await handler({ ...this.deps, log, event });
      return;
    }
    const parts = event.text === null ? null : splitCommand(event.text);
    const handler = parts === null ? undefined : this.commands.get(parts.command);
    if (parts === null) {
      log.debug('message is not a command');
      return;
    }
    if (handler === undefined) {
      // A typed command the bot does not know is answered, never ignored: the sender learns what to type.
      log.info('unknown command');
      await this.deps.outbox.enqueueReply({ messageId: event.messageId, chatId: event.chatId, key: `unknown:${event.messageId}`, text: unknownCommandMessage(parts.command) });
      return;
    }
    try {
      await handler({ ...this.deps, log, event: { ...event, ...parts } });
    } catch (error) {
      if (!(error instanceof RefusedError || error instanceof InputError)) throw error;
      log.info('command refused', { refusal: error instanceof RefusedError ? error.refusal : error.problem });
      await this.deps.outbox.enqueueReply({ messageId: event.messageId, chatId: event.chatId, key: `refusal:${event.messageId}`, text: error.userMessage });
    }
  }

  /**
   * Tells the sender that a command failed for good (its last attempt threw). The key comes from
   * the message, so a second run of the same final attempt posts one reply.
   */
  async tellFailed(event: QueuedEvent): Promise<void> {
    if (event.type !== 'im.message.receive_v1' || !('messageId' in event)) return;
    await this.deps.outbox.enqueueReply({ messageId: event.messageId, chatId: event.chatId, key: `failed:${event.messageId}`, text: COMMAND_FAILED_MESSAGE });
  }

  /** Answers a card callback. Never throws: a failure becomes an error toast (the card stays usable). */
  async answer(input: CardActionInput): Promise<CardReply> {
    const { rawValue, ...event } = input;
    const log = this.deps.log.child({ eventId: event.eventId, type: event.type });
    const verified = verifyActionValue(this.actionKeys, rawValue);
    const action = verified !== null && this.isKnownAction(verified) ? verified : null;
    const handler = action === null ? undefined : this.actions.get(action[ACTION_FIELD]);
    if (action === null || handler === undefined) {
      log.warn('card action refused: value unsigned, edited or unknown', { action: action?.[ACTION_FIELD] ?? null });
      return { toast: { type: 'error', content: STALE_CARD_TOAST } };
    }
    try {
      const reply = await handler({ ...this.deps, log, event: { ...event, value: action, action } });
      return reply.card === undefined ? reply : { ...reply, card: { type: 'raw', data: sealCard(reply.card.data, this.sign) } };
    } catch (error) {
      log.error('card action failed', { action: action[ACTION_FIELD], code: errorCodeOf(error) });
      // An unknown outcome is not a failure: the tap may have counted, and its retry will say so.
      const type = error instanceof StoreUnavailableError ? 'info' : 'error';
      return { toast: { type, content: userMessageOf(error) } };
    }
  }
}
