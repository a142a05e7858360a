/**
 * A group chat driven through the stand-in, for the conversation tests: push a command or a tap
 * as one person, wait for what the bot answered, and check every card it produced.
 */
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import type { PushOptions, StandIn } from '../../sandbox/open-api/index.js';
import { snapshot } from '../integration/meeting-fixture.js';
import { callbackValues } from '../cards/walk.js';
import { waitFor } from './receiver-setup.js';

type Json = Record<string, unknown>;

/** A card JSON 2.0 that Feishu would take: the stand-in's check and the 30 KB limit. */
export function expectValidCard(card: unknown): void {
  expect(checkCard(card)).toBeUndefined();
  expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(30 * 1024);
}

/** The header title of a card message, or '' for anything else. */
export function titleOf(content: unknown): string {
  const header = (content as { header?: { title?: { content?: unknown } } } | null)?.header;
  return typeof header?.title?.content === 'string' ? header.title.content : '';
}

/** Everything a card shows, as one string, for "contains" checks. */
export const textOf = (content: unknown): string => JSON.stringify(content);

export class GroupChat {
  constructor(readonly standIn: StandIn, readonly redis: Redis, readonly chatId: string) {}

  /** Messages the app sent to this chat (sends and replies), in order. */
  sent(): ReturnType<StandIn['messages']> {
    return this.standIn.messages().filter((m) => m.chatId === this.chatId);
  }

  /** Pushes `text` from `sender` and waits for the bot's reply to it (a refusal, a card, a text). */
  async command(sender: string, text: string, mentions: { openId: string; name: string }[] = []): Promise<{ reply: unknown; messageId: string }> {
    const placeholders = mentions.map((_, i) => ` @_user_${i + 2}`).join('');
    const all = [{ openId: 'ou_bot', name: '议事' }, ...mentions];
    const delivery = this.standIn.push.message({ chatId: this.chatId, senderOpenId: sender, text: `@_user_1 ${text}${placeholders}`, mentions: all });
    await waitFor(() => this.standIn.messages().some((m) => m.parentId === delivery.messageId), `a reply to ${text}`);
    const reply = this.standIn.messages().find((m) => m.parentId === delivery.messageId)?.content;
    return { reply, messageId: delivery.messageId };
  }

  /** Pushes `text` from `sender` in his private chat with the bot; the bot's reply. */
  async privately(sender: string, text: string): Promise<unknown> {
    const delivery = this.standIn.push.message({ chatId: `oc_p2p_${sender}`, chatType: 'p2p', senderOpenId: sender, text });
    await waitFor(() => this.standIn.messages().some((m) => m.parentId === delivery.messageId), `a private reply to ${text}`);
    return this.standIn.messages().find((m) => m.parentId === delivery.messageId)?.content;
  }

  /** Pushes `text` and waits until the bot posted `count` more messages to the chat (announcements). */
  async commandPosting(sender: string, text: string, mentions: { openId: string; name: string }[], count = 1): Promise<unknown[]> {
    const before = this.sent().filter((m) => m.parentId === undefined).length;
    const placeholders = mentions.map((_, i) => ` @_user_${i + 2}`).join('');
    this.standIn.push.message({ chatId: this.chatId, senderOpenId: sender, text: `@_user_1 ${text}${placeholders}`, mentions: [{ openId: 'ou_bot', name: '议事' }, ...mentions] });
    await waitFor(() => this.sent().filter((m) => m.parentId === undefined).length >= before + count, `${count} post(s) after ${text}`);
    return this.sent().filter((m) => m.parentId === undefined).slice(before).map((m) => m.content);
  }

  /** Pushes an event and waits until the bot posted one more message to the chat. */
  async eventPosting(type: string, body: Json, opts: PushOptions = {}): Promise<unknown> {
    const before = this.sent().filter((m) => m.parentId === undefined).length;
    this.standIn.push.event(type, body, opts);
    await waitFor(() => this.sent().filter((m) => m.parentId === undefined).length > before, `a post after ${type}`);
    return this.sent().filter((m) => m.parentId === undefined)[before]?.content;
  }

  /** Taps the first callback button of a sent card as `operator`, with a form's values. */
  async tap(operator: string, messageId: string, formValue?: Json): Promise<{ toast: { type: string; content: string } | undefined; card: unknown }> {
    const card = this.standIn.message(messageId)?.content;
    const [value] = callbackValues(card);
    if (value === undefined) throw new Error('the card has no button');
    const r = await this.standIn.push.cardAction({ operatorOpenId: operator, messageId, chatId: this.chatId, value, ...(formValue === undefined ? {} : { formValue }) });
    expect(r.status).toBe(200);
    const answered = (r.body as { card?: { data?: unknown } } | undefined)?.card?.data;
    if (answered !== undefined) expectValidCard(answered);
    return { toast: r.toast, card: answered };
  }

  /** Runs `act` and shows that no key of the committee changed. */
  async unchanged<T>(committeeId: string, act: () => Promise<T>): Promise<T> {
    const before = await snapshot(this.redis, committeeId);
    const result = await act();
    expect(await snapshot(this.redis, committeeId)).toEqual(before);
    return result;
  }
}
