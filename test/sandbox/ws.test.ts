import { afterEach, describe, expect, it } from 'vitest';
import * as lark from '@larksuiteoapi/node-sdk';
import { WebSocket } from 'ws';
import { startStandIn } from '../../sandbox/open-api/index.js';
import { frameCodec } from '../../sandbox/open-api/ws-hub.js';
import type { Frame } from '../../sandbox/open-api/ws-hub.js';
import type { StandIn } from '../../sandbox/open-api/index.js';
import { app } from './helpers.js';

let standIn: StandIn;
let wsClient: lark.WSClient | undefined;

const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined };

afterEach(async () => {
  wsClient?.close({ force: true });
  await standIn.close();
});

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Stand-in + the real WSClient with an EventDispatcher (no keys: WS pushes are plaintext). */
async function connect(handles: Record<string, (data: unknown) => unknown>): Promise<void> {
  standIn = await startStandIn({ ...app, responseTimeoutMs: 500, timeScale: 1000 });
  standIn.addChat('oc_1', ['ou_a']);
  const dispatcher = new lark.EventDispatcher({ logger: silent }).register(handles);
  let ready = false;
  wsClient = new lark.WSClient({ appId: app.appId, appSecret: app.appSecret, domain: standIn.url, logger: silent, autoReconnect: false, onReady: () => (ready = true) });
  await wsClient.start({ eventDispatcher: dispatcher });
  await until(() => ready && standIn.ws.connections() === 1 && standIn.ws.pings() >= 1);
}

describe('stand-in WS long connection with the real node-sdk WSClient', () => {
  it('connects through /callback/ws/endpoint, answers ping, and an event pushed over WS reaches the handler and is ACKed', async () => {
    const texts: string[] = [];
    await connect({
      'im.message.receive_v1': (data) => {
        texts.push((JSON.parse((data as { message: { content: string } }).message.content) as { text: string }).text);
        return {};
      },
    });
    const d = standIn.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: '签到' }, { via: 'ws' });
    await d.settled;
    expect(texts).toEqual(['签到']);
    expect(d).toMatchObject({ via: 'ws', outcome: 'delivered' });
    expect(d.attempts.map((a) => a.status)).toEqual([200]);
    expect(standIn.ws.acks()).toMatchObject([{ frameType: 'event', code: 200 }]);
  });

  it('answers a pbbp2 ping control frame with a pong carrying the ClientConfig (raw socket, SDK codec)', async () => {
    standIn = await startStandIn({ ...app, wsClientConfig: { PingInterval: 7 } });
    wsClient = undefined;
    const res = await fetch(`${standIn.url}/callback/ws/endpoint`, { method: 'POST', body: JSON.stringify({ AppID: app.appId, AppSecret: app.appSecret }) });
    const { data } = (await res.json()) as { data: { URL: string } };
    const socket = new WebSocket(data.URL);
    await new Promise((resolve) => socket.once('open', resolve));
    const pong = new Promise<Frame>((resolve) => socket.once('message', (buf: Buffer) => resolve(frameCodec.decode(new Uint8Array(buf)))));
    socket.send(frameCodec.encode({ SeqID: 0, LogID: 0, service: 1, method: 0, headers: [{ key: 'type', value: 'ping' }] }).finish());
    const frame = await pong;
    socket.close();
    expect(frame.method).toBe(0);
    expect(frame.headers).toEqual([expect.objectContaining({ key: 'type', value: 'pong' })]);
    expect(JSON.parse(Buffer.from(frame.payload!).toString('utf8'))).toMatchObject({ PingInterval: 7, ReconnectCount: -1 });
    const refused = await fetch(`${standIn.url}/callback/ws/endpoint`, { method: 'POST', body: JSON.stringify({ AppID: app.appId, AppSecret: 'wrong' }) });
    expect(await refused.json()).toMatchObject({ code: 514 });
  });

  it('re-delivers over WS when the handler throws (ACK code 500)', async () => {
    let calls = 0;
    await connect({
      'im.message.receive_v1': () => {
        calls += 1;
        if (calls === 1) throw new Error('first try fails');
        return {};
      },
    });
    const d = standIn.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' }, { via: 'ws' });
    await d.settled;
    expect(d.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(calls).toBe(2);
  });

  it("returns a card callback's toast in the ACK for type:event frames; type:card frames are dropped by node-sdk 1.74 (200341)", async () => {
    await connect({ 'card.action.trigger': () => ({ toast: { type: 'info', content: '收到' } }) });
    const sent = standIn.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' }, { via: 'ws' });
    await sent.settled;
    const tap = { operatorOpenId: 'ou_a', messageId: sent.messageId, chatId: 'oc_1', value: { action: 'x' } };
    const asEvent = await standIn.push.cardAction(tap, { via: 'ws', frameType: 'event' });
    expect(asEvent).toMatchObject({ status: 200, toast: { type: 'info', content: '收到' } });
    const asCard = await standIn.push.cardAction(tap, { via: 'ws', frameType: 'card' });
    expect(asCard).toMatchObject({ status: 'timeout', clientCode: 200341 });
    expect(asEvent.clientCode).toBeUndefined();
  });
});
