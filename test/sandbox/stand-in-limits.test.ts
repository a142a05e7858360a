import { afterEach, describe, expect, it } from 'vitest';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { StandIn } from '../../sandbox/open-api/index.js';
import { card, feishuError, standInWithClient } from './helpers.js';

let standIn: StandIn;
let client: lark.Client;
/** The stand-in's clock, moved by hand so that every window boundary is exact. */
let clock = 1_700_000_000_000;

async function setup(): Promise<void> {
  clock = 1_700_000_000_000;
  ({ standIn, client } = await standInWithClient({ now: () => clock }));
  for (let i = 0; i < 30; i += 1) standIn.addChat(`oc_${i}`, ['ou_a', 'ou_b']);
}

afterEach(async () => {
  await standIn.close();
});

const text = (chatId: string) =>
  client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: chatId, msg_type: 'text', content: JSON.stringify({ text: 'hi' }) } });

async function settle(calls: Array<Promise<unknown>>): Promise<Array<number>> {
  const results = await Promise.allSettled(calls);
  return results.map((r) => (r.status === 'fulfilled' ? 0 : ((r.reason as { response?: { data: { code: number } } }).response?.data.code ?? -1)));
}

describe('stand-in rate limits on its own clock', () => {
  it('allows 5 messages per second to one chat; the 6th gets 230020, and a second later it passes', async () => {
    await setup();
    await text('oc_1'); // fetches the token first
    clock += 1000;
    const codes = await settle(Array.from({ length: 6 }, () => text('oc_0')));
    expect(codes.filter((c) => c === 0)).toHaveLength(5);
    expect(codes.filter((c) => c === 230020)).toHaveLength(1);
    expect((await feishuError(text('oc_0'))).code).toBe(230020);
    clock += 1000;
    expect((await text('oc_0')).code).toBe(0);
    expect(standIn.messages().filter((m) => m.chatId === 'oc_0')).toHaveLength(6);
    expect(standIn.peaks()).toMatchObject({ perChatPerSecond: 7, limitRefusals: 2 });
  });

  it('allows 5 messages per second to one user (open_id); the 6th gets 230020', async () => {
    await setup();
    const dm = () => client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: 'ou_b', msg_type: 'text', content: JSON.stringify({ text: 'hi' }) } });
    await dm();
    const codes = await settle(Array.from({ length: 5 }, dm));
    expect(codes.filter((c) => c === 0)).toHaveLength(4);
    expect(codes.filter((c) => c === 230020)).toHaveLength(1);
  });

  it('allows 5 updates per second of one message (patch and card update share it); the 6th gets 230020', async () => {
    await setup();
    const sent = await client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_0', msg_type: 'interactive', content: JSON.stringify(card('v0')) } });
    const id = sent.data?.message_id ?? '';
    const patch = (n: number) => client.im.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(card(`v${n}`)) } });
    const codes = await settle(Array.from({ length: 6 }, (_, n) => patch(n)));
    expect(codes.filter((c) => c === 0)).toHaveLength(5);
    expect(codes.filter((c) => c === 230020)).toHaveLength(1);
    expect(standIn.updates()).toHaveLength(5);
  });

  it('answers the 51st call in one second app-wide with HTTP 429 / 99991400 and x-ogw headers', async () => {
    await setup();
    await text('oc_29');
    clock += 1000;
    // 50 calls over 10 chats (5 each) fill the app's second without touching a chat limit.
    const codes = await settle(Array.from({ length: 50 }, (_, i) => text(`oc_${i % 10}`)));
    expect(codes.every((c) => c === 0)).toBe(true);
    clock += 400;
    const err = await feishuError(text('oc_20'));
    expect(err).toMatchObject({ status: 429, code: 99991400 });
    expect(err.headers['x-ogw-ratelimit-limit']).toBe('50');
    expect(err.headers['x-ogw-ratelimit-reset']).toBe('1');
    clock += 600; // the window slides: the 50 calls are now a full second old
    expect((await text('oc_20')).code).toBe(0);
    expect(standIn.peaks()).toMatchObject({ appPerSecond: 51, perChatPerSecond: 5, limitRefusals: 1 });
  });

  it('answers the 1001st call in one minute app-wide with 429 even when no second is full', async () => {
    await setup();
    await client.contact.user.get({ path: { user_id: 'ou_a' }, params: { user_id_type: 'open_id' } });
    for (let s = 0; s < 20; s += 1) {
      clock += 1000;
      const calls = Array.from({ length: s === 0 ? 49 : 50 }, () => client.contact.user.get({ path: { user_id: 'ou_a' }, params: { user_id_type: 'open_id' } }));
      expect((await settle(calls)).every((c) => c === 0)).toBe(true);
    }
    clock += 1000;
    const err = await feishuError(client.contact.user.get({ path: { user_id: 'ou_a' }, params: { user_id_type: 'open_id' } }));
    expect(err).toMatchObject({ status: 429, code: 99991400 });
    expect(err.headers['x-ogw-ratelimit-limit']).toBe('1000');
    const admitted = standIn.requestLog.filter((r) => r.status === 200 && r.route === 'contact.user');
    expect(admitted).toHaveLength(1000);
  });
});

describe('stand-in fault injection', () => {
  it('fails the chosen share of calls with 429 and 5xx in turn, repeatably for a seed, without recording them', async () => {
    await setup();
    await text('oc_0');
    const pattern = async (): Promise<string[]> => {
      standIn.inject({ rate: 0.3, errors: [429, 500, 503], seed: 7 });
      const out: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        clock += 250; // 4 calls per second per chat stays under every limit
        try {
          await text('oc_1');
          out.push('ok');
        } catch (e) {
          out.push(String((e as { response: { status: number } }).response.status));
        }
      }
      standIn.clearInjection();
      return out;
    };
    const first = await pattern();
    const second = await pattern();
    expect(second).toEqual(first);
    const failed = first.filter((x) => x !== 'ok');
    expect(failed.length).toBeGreaterThan(4);
    expect(failed.length).toBeLessThan(24);
    expect(failed.slice(0, 3)).toEqual(['429', '500', '503']);
    expect(standIn.messages()).toHaveLength(1 + 2 * (40 - failed.length));
    const injected429 = standIn.requestLog.find((r) => r.injected === '429');
    expect(injected429).toMatchObject({ status: 429, code: 99991400 });
  });

  it("processes a 'timeout' call but never answers it, and adds latency to the others", async () => {
    await setup();
    await text('oc_0');
    standIn.inject({ rate: 1, errors: ['timeout'], hangMs: 50 });
    await expect(text('oc_2')).rejects.toThrow();
    expect(standIn.messages().filter((m) => m.chatId === 'oc_2')).toHaveLength(1);
    standIn.inject({ rate: 0, latencyMs: 120 });
    const started = performance.now();
    await text('oc_3');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});
