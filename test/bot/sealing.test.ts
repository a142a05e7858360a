/** The bot is the one place that signs: cards a handler sends or answers with leave sealed. */
import { describe, expect, it } from 'vitest';
import { ActionSchema } from '../../cards/actions.js';
import { deriveActionKeys, signActionValue, verifyActionValue } from '../../src/bot/action-value.js';
import { Bot, STALE_CARD_TOAST } from '../../src/bot/bot.js';
import type { BotDeps } from '../../src/bot/context.js';
import type { CardActionInput } from '../../src/bot/events.js';
import { manualClock } from '../../src/clock.js';
import { StoreUnavailableError } from '../../src/errors.js';
import type { Outbox } from '../../src/lark/outbox.js';
import { memoryLogger } from '../../src/log.js';
import { TEST_SEEN_KEY } from '../support/store.js';

const KEYS = deriveActionKeys({ current: 'sealing-test-action-secret', previous: null });
const plainCard = (value: Record<string, unknown>) => ({
  schema: '2.0', body: { elements: [{ tag: 'button', text: { tag: 'plain_text', content: '确认' }, behaviors: [{ type: 'callback', value }] }] },
});
type Json = Record<string, unknown>;
const valueIn = (card: unknown): Json => ((((card as Json).body as Json).elements as Json[])[0]!.behaviors as Json[])[0]!.value as Json;

function makeBot() {
  const sent: unknown[] = [];
  const record = (input: object) => { sent.push('card' in input ? input.card : undefined); return Promise.resolve({ jobId: 'j', uuid: 'u' }); };
  const outbox: Outbox = {
    enqueueSend: record, enqueueReply: record, enqueuePatch: record, enqueuePatchOf: async (input) => { await record(input); }, enqueueDelayedUpdate: record,
    enqueueUrgent: () => Promise.resolve({ jobId: 'j' }), sentMessageId: () => Promise.resolve(undefined),
  };
  const clock = manualClock('2026-12-01T02:00:00Z');
  const log = memoryLogger();
  const deps: BotDeps = { outbox, clock, log, botOpenId: () => '', services: { redis: undefined as never, clock, log, seenKey: TEST_SEEN_KEY } };
  return { bot: new Bot(deps, KEYS, (value) => ActionSchema.safeParse(value).success), sent };
}

const tap = (rawValue: Json): CardActionInput => ({
  type: 'card.action.trigger', eventId: 'e1', appId: 'cli_1', tenantKey: 't', operatorOpenId: 'ou_a', updateToken: 'c-1',
  rawValue, formValue: undefined, inputValue: undefined, option: undefined, messageId: 'om_1', chatId: 'oc_1',
});

describe('sealing', () => {
  it('signs every card a handler sends, replies, patches or answers with, and no plain value leaves', async () => {
    const { bot, sent } = makeBot();
    const next = { a: 'topic.return', c: 'cm_1', t: 'tp_1' };
    bot.action('topic.confirm', async (ctx) => {
      await ctx.outbox.enqueueSend({ to: { chatId: 'oc_1' }, key: 'k1', card: plainCard(next) });
      await ctx.outbox.enqueueReply({ messageId: 'om_1', chatId: 'oc_1', key: 'k2', card: plainCard(next) });
      await ctx.outbox.enqueuePatch({ messageId: 'om_1', card: plainCard(next) });
      await ctx.outbox.enqueueDelayedUpdate({ token: 'c-1', key: 'k3', card: plainCard(next) });
      return { card: { type: 'raw', data: plainCard(next) } };
    });
    const reply = await bot.answer(tap(signActionValue(KEYS, { a: 'topic.confirm', c: 'cm_1', t: 'tp_1' })));
    expect(sent).toHaveLength(4);
    for (const card of [...sent, reply.card?.data]) {
      expect(valueIn(card).mac).toEqual(expect.any(String));
      expect(verifyActionValue(KEYS, valueIn(card))).toEqual(next);
    }
  });

  it('refuses a genuinely signed value that no card of the union could emit, without running a handler', async () => {
    const { bot } = makeBot();
    let ran = 0;
    bot.action('topic.confirm', () => { ran += 1; return Promise.resolve({}); });
    for (const value of [{ a: 'topic.confirm', c: 'cm_1' }, { a: 'topic.confirm', c: 'cm_1', t: 'tp_1', extra: 1 }, { a: 'topic.unknown', c: 'cm_1', t: 'tp_1' }]) {
      expect(await bot.answer(tap(signActionValue(KEYS, value)))).toEqual({ toast: { type: 'error', content: STALE_CARD_TOAST } });
    }
    expect(ran).toBe(0);
  });

  it('answers an unknown outcome as information that it is being confirmed, not as an error', async () => {
    const { bot } = makeBot();
    bot.action('topic.confirm', () => Promise.reject(new StoreUnavailableError(new Error('Command timed out'))));
    const reply = await bot.answer(tap(signActionValue(KEYS, { a: 'topic.confirm', c: 'cm_1', t: 'tp_1' })));
    expect(reply.toast?.type).toBe('info');
    expect(reply.toast?.content).toContain('正在确认');
  });
});
