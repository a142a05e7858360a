import { describe, expect, it } from 'vitest';
import { deriveActionKeys, signActionValue, verifyActionValue } from '../../src/bot/action-value.js';
import { Bot, STALE_CARD_TOAST, splitCommand } from '../../src/bot/bot.js';
import type { BotDeps } from '../../src/bot/context.js';
import { manualClock } from '../../src/clock.js';
import { InputError, RefusedError } from '../../src/errors.js';
import type { Outbox } from '../../src/lark/outbox.js';
import { memoryLogger } from '../../src/log.js';
import type { CardActionInput, MessageEvent } from '../../src/bot/events.js';
import { TEST_SEEN_KEY } from '../support/store.js';

const KEY = deriveActionKeys({ current: 'action-secret-current', previous: null });

/** An outbox that records what handlers ask it to send (handler tests need no queue). */
function recordingOutbox(): Outbox & { replies: { messageId: string; key: string; text?: string }[] } {
  const replies: { messageId: string; key: string; text?: string }[] = [];
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    replies,
    enqueueReply: (input) => {
      replies.push({ messageId: input.messageId, key: input.key, ...('text' in input ? { text: input.text } : {}) });
      return Promise.resolve({ jobId: 'j', uuid: 'u' });
    },
    enqueueSend: unused, enqueuePatch: unused, enqueuePatchOf: unused, enqueueDelayedUpdate: unused, enqueueUrgent: unused, sentMessageId: unused,
  };
}

function makeBot() {
  const outbox = recordingOutbox();
  const log = memoryLogger();
  const clock = manualClock('2026-01-01T00:00:00Z');
  const deps: BotDeps = { outbox, clock, log, botOpenId: () => '', services: { redis: undefined as never, clock, log, seenKey: TEST_SEEN_KEY } };
  return { bot: new Bot(deps, KEY), outbox, log };
}

const message = (text: string): MessageEvent => ({
  eventId: 'e1', appId: 'cli_1', tenantKey: 't', type: 'im.message.receive_v1', messageId: 'om_1', chatId: 'oc_1',
  chatType: 'group', messageType: 'text', senderOpenId: 'ou_a', text, mentionOpenIds: [],
});

const card = (rawValue: Record<string, unknown> | undefined): CardActionInput => ({
  type: 'card.action.trigger', eventId: 'e2', appId: 'cli_1', tenantKey: 't', operatorOpenId: 'ou_a', updateToken: 'c-1',
  rawValue, formValue: undefined, inputValue: undefined, option: undefined, messageId: 'om_2', chatId: 'oc_1',
});

describe('action values', () => {
  it('verifies a signed value whatever the key order, and returns it without the MAC', () => {
    const signed = signActionValue(KEY, { a: 'vote.cast', c: 'cm_1', ballot: 'b1', choice: 'yes', n: 2 });
    const reordered = Object.fromEntries(Object.entries(signed).reverse());
    expect(verifyActionValue(KEY, reordered)).toEqual({ a: 'vote.cast', c: 'cm_1', ballot: 'b1', choice: 'yes', n: 2 });
  });

  it('refuses an edited field, an added field, a foreign key and a missing MAC', () => {
    const signed = signActionValue(KEY, { a: 'vote.cast', c: 'cm_1', ballot: 'b1', choice: 'yes' });
    expect(verifyActionValue(KEY, { ...signed, choice: 'no' })).toBeNull();
    expect(verifyActionValue(KEY, { ...signed, extra: 1 })).toBeNull();
    expect(verifyActionValue(deriveActionKeys({ current: 'another app', previous: null }), signed)).toBeNull();
    expect(verifyActionValue(KEY, { a: 'vote.cast', c: 'cm_1', ballot: 'b1', choice: 'yes' })).toBeNull();
    expect(verifyActionValue(KEY, undefined)).toBeNull();
  });

  it('refuses a value moved to another committee, and a value that names none, even when signed', () => {
    const signed = signActionValue(KEY, { a: 'vote.cast', c: 'cm_1', ballot: 'b1' });
    expect(verifyActionValue(KEY, { ...signed, c: 'cm_2' })).toBeNull();
    const { c: _dropped, ...withoutCommittee } = signed;
    expect(verifyActionValue(KEY, withoutCommittee)).toBeNull();
    // Signed over fields without `c` (as a card built by an older deploy would be): still refused.
    const old = signActionValue(KEY, { a: 'vote.cast', c: 'cm_1' });
    expect(verifyActionValue(KEY, { a: 'vote.cast', mac: old.mac })).toBeNull();
    expect(verifyActionValue(KEY, signActionValue(KEY, { a: 'vote.cast', c: '' }))).toBeNull();
  });

  it('accepts values signed with the previous secret after a rotation, signs only with the new one', () => {
    const before = deriveActionKeys({ current: 'secret-one', previous: null });
    const after = deriveActionKeys({ current: 'secret-two', previous: 'secret-one' });
    const later = deriveActionKeys({ current: 'secret-three', previous: 'secret-two' });
    const old = signActionValue(before, { a: 'vote.cast', c: 'cm_1' });
    expect(verifyActionValue(after, old)).toEqual({ a: 'vote.cast', c: 'cm_1' });
    const fresh = signActionValue(after, { a: 'vote.cast', c: 'cm_1' });
    expect(fresh.mac).not.toBe(old.mac);
    expect(verifyActionValue(before, fresh)).toBeNull();
    // Two rotations on, the first secret is no longer accepted; the second still is.
    expect(verifyActionValue(later, old)).toBeNull();
    expect(verifyActionValue(later, fresh)).toEqual({ a: 'vote.cast', c: 'cm_1' });
  });
});

describe('Bot', () => {
  it('splits a command word from its arguments, full-width slash included', () => {
    expect(splitCommand('/帮助')).toEqual({ command: '/帮助', args: '' });
    expect(splitCommand(' ／议题  预算 调整 ')).toEqual({ command: '/议题', args: '预算 调整' });
    expect(splitCommand('帮助')).toBeNull();
  });

  it('routes a command to its handler with the arguments, answers an unknown command, and lets chat be', async () => {
    const { bot, outbox } = makeBot();
    const seen: string[] = [];
    bot.command('/议题', (ctx) => { seen.push(`${ctx.event.command}|${ctx.event.args}`); return Promise.resolve(); });
    await bot.receive(message('/议题 预算'));
    await bot.receive(message('/不存在 的指令'));
    await bot.receive(message('随便聊聊'));
    expect(seen).toEqual(['/议题|预算']);
    expect(outbox.replies).toEqual([{ messageId: 'om_1', key: 'unknown:om_1', text: '没有"/不存在"这个指令。发送 /帮助 查看您可以使用的指令。' }]);
    await bot.receive(message(`/${'长'.repeat(40)}`));
    expect(outbox.replies[1]?.text).toBe(`没有"/${'长'.repeat(11)}…"这个指令。发送 /帮助 查看您可以使用的指令。`);
  });

  it('answers a refusal to the sender through the outbox, keyed by the message', async () => {
    const { bot, outbox } = makeBot();
    bot.command('/表决', () => Promise.reject(new RefusedError('NOT_CHAIR')));
    await bot.receive(message('/表决'));
    expect(outbox.replies).toEqual([{ messageId: 'om_1', key: 'refusal:om_1', text: new RefusedError('NOT_CHAIR').userMessage }]);
  });

  it('answers unreadable input with its Chinese sentence, and routes English aliases to the Chinese command', async () => {
    const { bot, outbox } = makeBot();
    bot.command('/会议', () => Promise.reject(new InputError('unreadable', '日期"12月40日"无法识别。')));
    await bot.receive(message('/meeting 12月40日 9:00'));
    expect(outbox.replies).toEqual([{ messageId: 'om_1', key: 'refusal:om_1', text: '日期"12月40日"无法识别。' }]);
    expect(splitCommand('／Help 议题')).toEqual({ command: '/帮助', args: '议题' });
  });

  it('routes other subscribed events by type', async () => {
    const { bot } = makeBot();
    const chats: unknown[] = [];
    bot.on('im.chat.member.bot.added_v1', (ctx) => { chats.push(ctx.event.body.chat_id); return Promise.resolve(); });
    expect(bot.handles('im.chat.member.bot.added_v1')).toBe(true);
    expect(bot.handles('im.chat.disbanded_v1')).toBe(false);
    expect(bot.eventTypes()).toEqual(['im.message.receive_v1', 'im.chat.member.bot.added_v1']);
    await bot.receive({ eventId: 'e3', appId: 'cli_1', tenantKey: 't', type: 'im.chat.member.bot.added_v1', body: { chat_id: 'oc_9' } });
    expect(chats).toEqual(['oc_9']);
  });

  it('rethrows other errors so the queue retries', async () => {
    const { bot } = makeBot();
    bot.command('/坏', () => Promise.reject(new Error('boom')));
    await expect(bot.receive(message('/坏'))).rejects.toThrow('boom');
  });

  it('runs the action named in a signed value and refuses edited or unknown values with a Chinese toast', async () => {
    const { bot, log } = makeBot();
    bot.action('demo.ok', (ctx) => Promise.resolve({ toast: { type: 'success', content: `好 ${String(ctx.event.action.n)}` } }));
    expect(await bot.answer(card(signActionValue(KEY, { a: 'demo.ok', c: 'cm_1', n: 1 })))).toEqual({ toast: { type: 'success', content: '好 1' } });
    const edited = { ...signActionValue(KEY, { a: 'demo.ok', c: 'cm_1', n: 1 }), n: 2 };
    expect(await bot.answer(card(edited))).toEqual({ toast: { type: 'error', content: STALE_CARD_TOAST } });
    expect(await bot.answer(card(signActionValue(KEY, { a: 'demo.unknown', c: 'cm_1' })))).toEqual({ toast: { type: 'error', content: STALE_CARD_TOAST } });
    expect(await bot.answer(card(undefined))).toEqual({ toast: { type: 'error', content: STALE_CARD_TOAST } });
    expect(log.lines.join('\n')).not.toContain('"n":2');
  });

  it('turns a failing action into an error toast instead of throwing', async () => {
    const { bot } = makeBot();
    bot.action('demo.refused', () => Promise.reject(new RefusedError('BALLOT_CLOSED')));
    expect(await bot.answer(card(signActionValue(KEY, { a: 'demo.refused', c: 'cm_1' }))))
      .toEqual({ toast: { type: 'error', content: new RefusedError('BALLOT_CLOSED').userMessage } });
  });
});
