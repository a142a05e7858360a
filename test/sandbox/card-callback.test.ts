import { afterEach, describe, expect, it } from 'vitest';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { StandIn } from '../../sandbox/open-api/index.js';
import { rawBot, sdkBot, sdkDispatcher } from './bot-double.js';
import type { Answer, BotDouble } from './bot-double.js';
import { card, feishuError, standInWithClient } from './helpers.js';

let standIn: StandIn;
let client: lark.Client;
let bot: BotDouble;

afterEach(async () => {
  await standIn.close();
  await bot.close();
});

/** Stand-in + SDK client + a bot; returns the id of a 2.0 card the app sent to oc_1. */
async function setup(b: BotDouble, responseTimeoutMs = 3000): Promise<string> {
  bot = b;
  ({ standIn, client } = await standInWithClient({ botUrl: b.url, responseTimeoutMs }));
  standIn.addChat('oc_1', ['ou_a', 'ou_b']);
  const sent = await client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_1', msg_type: 'interactive', content: JSON.stringify(card('请投票')) } });
  return sent.data?.message_id ?? '';
}

const tap = (messageId: string) => standIn.push.cardAction({ operatorOpenId: 'ou_a', messageId, chatId: 'oc_1', value: { action: 'vote.open', ballot: 'b7' } });
const answering = (a: Answer) => rawBot(() => a);

describe('driver: card callbacks', () => {
  it('delivers card.action.trigger to the SDK with the c- token, applies the returned card and shows the toast', async () => {
    const seen: Array<{ token: string; value: unknown; chat: string; operator: string }> = [];
    const dispatcher = sdkDispatcher({
      'card.action.trigger': (data) => {
        const d = data as { token: string; action: { value: unknown }; context: { open_chat_id: string }; operator: { open_id: string } };
        seen.push({ token: d.token, value: d.action.value, chat: d.context.open_chat_id, operator: d.operator.open_id });
        return { toast: { type: 'success', content: '已记录' }, card: { type: 'raw', data: card('已投票') } };
      },
    });
    const id = await setup(await sdkBot(dispatcher));
    const r = await tap(id);
    expect(seen).toEqual([{ token: r.token, value: { action: 'vote.open', ballot: 'b7' }, chat: 'oc_1', operator: 'ou_a' }]);
    expect(r.token).toMatch(/^c-/);
    expect(r).toMatchObject({ status: 200, cardApplied: true, toast: { type: 'success', content: '已记录' } });
    expect(r.clientCode).toBeUndefined();
    expect(r.latencyMs).toBeLessThan(3000);
    expect(standIn.message(id)?.content).toEqual(card('已投票'));
    expect(standIn.updates()).toMatchObject([{ messageId: id, via: 'callback' }]);
  });

  it('lets the bot update the card twice with the token after answering; the third use gets 300040', async () => {
    const id = await setup(await answering({ status: 200, body: {} }));
    const r = await tap(id);
    const update = (v: string) => client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token: r.token, card: card(v) } });
    expect(await update('一')).toMatchObject({ code: 0 });
    expect(await update('二')).toMatchObject({ code: 0 });
    expect((await feishuError(update('三'))).code).toBe(300040);
    expect((await feishuError(client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token: 'bad', card: card('x') } }))).code).toBe(300020);
    expect(standIn.message(id)?.content).toEqual(card('二'));
  });

  it.each([
    ['a toast type outside info/success/error/warning', { status: 200, body: { toast: { type: 'fancy', content: 'x' } } }, 200672],
    ['a bare card instead of {card:{type,data}}', { status: 200, body: card('x') }, 200672],
    ['a 1.0 card for a 2.0 card', { status: 200, body: { card: { type: 'raw', data: { elements: [] } } } }, 200830],
    ['a 2.0 card with an unknown property', { status: 200, body: { card: { type: 'raw', data: { ...card('x'), elements: [] } } } }, 200673],
    ['HTTP 500', { status: 500 }, 200671],
    ['no answer within 3 s (scaled to 100 ms)', { status: 200, body: {}, delayMs: 300 }, 200341],
  ] as Array<[string, Answer, number]>)('records client code for %s, changes nothing and never retries', async (_name, answer, code) => {
    const b = await answering(answer);
    const id = await setup(b, 100);
    const r = await tap(id);
    expect(r.clientCode).toBe(code);
    expect(r.cardApplied).toBe(false);
    expect(standIn.message(id)?.content).toEqual(card('请投票'));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((b as BotDouble & { pushes: unknown[] }).pushes).toHaveLength(1);
  });
});
