/**
 * The receiver end to end: the stand-in pushes signed, encrypted requests the
 * way Feishu does, to the bot built by src/app.ts on loopback, with its own redis-server.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE } from '../../cards/copy.js';
import { PING_TOAST } from '../../handlers/ping-card.js';
import { encryptBody } from '../../sandbox/open-api/crypto.js';
import { startStandIn, type PushOptions, type StandIn } from '../../sandbox/open-api/index.js';
import { STALE_CARD_TOAST } from '../../src/bot/bot.js';
import { PENDING_TOAST } from '../../src/server/receiver.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { APP, keyDump, signed, sleep, startBot, waitFor, type RunningBot } from './receiver-setup.js';

/** POSTs `count` chunks without a Content-Length (chunked encoding); resolves with the status. */
function postChunked(url: string, count: number, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: 'POST' }, (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // Once answered, the server closes the socket under the rest of the body: expected.
    req.on('error', (error) => { if (!answered) reject(error); });
    let sent = 0;
    const write = (): void => {
      while (sent < count) {
        sent += 1;
        if (!req.write(Buffer.alloc(size, 120))) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

let redisServer: RedisServer;
let redis: Redis;
let standIn: StandIn;
let bot: RunningBot;
const CHAT = 'oc_e2e_receiver';

beforeAll(async () => {
  redisServer = await startRedisServer();
  redis = createRedis(redisServer.socket);
  await whenReady(redis);
  standIn = await startStandIn({ ...APP, timeScale: 1000, responseTimeoutMs: 3000 });
  standIn.addChat(CHAT, ['ou_a', 'ou_b'], { botIn: true, name: '党组' });
  bot = await startBot({ baseUrl: standIn.url, redis, redisUrl: redisServer.socket });
  standIn.setBotUrl(`${bot.url}/lark/event`);
  // A command that counts its runs in Redis, to see how often a handler ran.
  bot.app.bot.command('/计数', async (ctx) => { await ctx.services.redis.incr(`test:runs:${ctx.event.messageId}`); });
  // A slow stand-in for a real action of the cards' union (the bot refuses values outside it).
  bot.app.bot.action('duty.record', async () => { await sleep(2_600); return { toast: { type: 'success', content: '慢' } }; });
});

afterAll(async () => {
  await bot.app.close();
  await standIn.close();
  await redis.quit();
  await redisServer.stop();
});

describe('refused requests change nothing', () => {
  // Workers are not started yet: only the requests themselves could write to Redis here.
  it('refuses a forged signature, stale and future timestamps, a wrong token and an oversized body', async () => {
    const before = await keyDump(redis);
    const push = (forge: PushOptions['forge']) =>
      standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/帮助 机密内容' }, { forge, retry: false });
    const cases = [
      { forge: { badSignature: true }, status: 401, reason: 'signature_mismatch' },
      { forge: { staleBySec: 301 }, status: 401, reason: 'stale' },
      { forge: { staleBySec: -301 }, status: 401, reason: 'stale' },
      { forge: { wrongToken: true }, status: 401, reason: 'token_mismatch' },
      { forge: { oversizeBytes: 70_000 }, status: 413, reason: 'body_limit' },
      { forge: { unencrypted: true }, status: 400, reason: 'not_encrypted' },
    ];
    for (const c of cases) {
      const delivery = push(c.forge);
      await delivery.settled;
      expect(delivery.attempts.map((a) => a.status), JSON.stringify(c.forge)).toEqual([c.status]);
    }
    expect(await keyDump(redis)).toEqual(before);
    // Refusals are counted per reason per minute, not written one line each.
    const refusals = bot.log.lines.map((line) => JSON.parse(line) as { msg: string; reason?: string }).filter((line) => line.msg.startsWith('lark request'));
    for (const c of cases) expect(refusals.filter((line) => line.reason === c.reason).length).toBeLessThanOrEqual(1);
    // Reasons and counts only: the message text never reaches the log.
    expect(bot.log.lines.join('\n')).not.toContain('机密内容');
    expect(bot.app.metrics.value('yishi_receiver_requests_total', { outcome: 'unauthorized' })).toBe(4);
    expect(bot.app.metrics.value('yishi_receiver_requests_total', { outcome: 'too_large' })).toBe(1);
  });

  it('refuses a chunked body past 64 KiB without reading it whole, and a body that is not JSON', async () => {
    const before = await keyDump(redis);
    expect(await postChunked(`${bot.url}/lark/event`, 40, 4096)).toBe(413);
    // Unsigned, so it gets the one answer of the unsigned path.
    const junk = await fetch(`${bot.url}/lark/event`, { method: 'POST', body: 'not json' });
    expect(junk.status).toBe(401);
    // Unsigned requests: only url_verification may come without a signature, and with the right token.
    const post = (plain: object) => fetch(`${bot.url}/lark/event`, { method: 'POST', body: encryptBody(APP.encryptKey, JSON.stringify(plain)) });
    expect((await post({ type: 'url_verification', challenge: 'c1', token: 'wrong' })).status).toBe(401);
    const envelope = { schema: '2.0', header: { event_id: 'e1', event_type: 'im.message.receive_v1', token: APP.verificationToken, app_id: APP.appId }, event: {} };
    expect((await post(envelope)).status).toBe(401);
    expect(await keyDump(redis)).toEqual(before);
  });
});

describe('accepted requests', () => {
  beforeAll(() => bot.app.startBackground());

  it('answers url_verification with the challenge, well inside 1 s', async () => {
    const result = await standIn.push.urlVerification();
    expect(result.ok).toBe(true);
    expect(result.latencyMs).toBeLessThan(1_000);
  });

  it('runs a message\'s handler once when it is delivered three times, and once more under a new event id', async () => {
    const first = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/计数' }, { duplicateAfterMs: 30, duplicates: 2 });
    await first.settled;
    expect(first.attempts.map((a) => a.status)).toEqual([200, 200, 200]);
    // Feishu has re-delivered one message with a new event_id: message_id dedup catches it.
    const again = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/计数', messageId: first.messageId }, { eventId: randomBytes(16).toString('hex') });
    await again.settled;
    expect(again.attempts.map((a) => a.status)).toEqual([200]);
    const runs = `test:runs:${first.messageId}`;
    await waitFor(async () => (await redis.get(runs)) === '1', 'the handler to run');
    await sleep(300);
    expect(await redis.get(runs)).toBe('1');
    expect(bot.app.metrics.value('yishi_receiver_dedup_hits_total')).toBe(3);
  });

  it('answers /帮助 with one help reply through the outbox and the stand-in, despite three deliveries', async () => {
    const delivery = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_b', text: '@_user_1 /帮助', mentions: [{ openId: 'ou_bot', name: '议事' }] }, { duplicateAfterMs: 30, duplicates: 2 });
    await delivery.settled;
    const replies = () => standIn.messages().filter((m) => m.parentId === delivery.messageId);
    await waitFor(() => replies().length > 0, 'the help reply');
    await sleep(300);
    expect(replies()).toHaveLength(1);
    expect((replies()[0]?.content as { header?: { title?: { content?: string } } } | undefined)?.header?.title?.content).toBe(TITLE.help);
    expect(replies()[0]?.chatId).toBe(CHAT);
  });

  it('answers a card callback with its toast well inside 3 s', async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const outcome = await standIn.push.cardAction({ operatorOpenId: 'ou_a', messageId: 'om_card', chatId: CHAT, value: signed({ a: 'demo.ping', n: i }) });
      expect(outcome.status).toBe(200);
      expect(outcome.clientCode).toBeUndefined();
      expect(outcome.toast).toEqual({ type: 'success', content: PING_TOAST });
      latencies.push(outcome.latencyMs);
    }
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  it('refuses an edited or foreign button value with a Chinese error toast', async () => {
    const edited = { ...signed({ a: 'demo.ping', n: 1 }), n: 2 };
    const outcome = await standIn.push.cardAction({ operatorOpenId: 'ou_a', messageId: 'om_card', chatId: CHAT, value: edited });
    expect(outcome.status).toBe(200);
    expect(outcome.toast).toEqual({ type: 'error', content: STALE_CARD_TOAST });
    const plain = await standIn.push.cardAction({ operatorOpenId: 'ou_a', messageId: 'om_card', chatId: CHAT, value: { a: 'demo.ping' } });
    expect(plain.toast).toEqual({ type: 'error', content: STALE_CARD_TOAST });
  });

  it('answers 处理中 before the deadline when a card handler is slow', async () => {
    const outcome = await standIn.push.cardAction({ operatorOpenId: 'ou_a', messageId: 'om_card', chatId: CHAT, value: signed({ a: 'duty.record', d: 'slow' }) });
    expect(outcome.status).toBe(200);
    expect(outcome.toast).toEqual(PENDING_TOAST.toast);
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(1_900);
    expect(outcome.latencyMs).toBeLessThan(2_900);
    expect(bot.app.metrics.value('yishi_card_actions_total', { outcome: 'timeout' })).toBe(1);
  });

  it('reports health and Prometheus metrics', async () => {
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await fetch(`${bot.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toMatch(/^yishi_receiver_requests_total\{outcome="accepted"\} [1-9]\d*$/m);
    expect(text).toMatch(/^yishi_receiver_requests_total\{outcome="unauthorized"\} 7$/m);
    expect(text).toMatch(/^yishi_receiver_dedup_hits_total [1-9]\d*$/m);
    expect(text).toMatch(/^yishi_inbound_queue_depth \d+$/m);
    expect(text).toMatch(/^# TYPE yishi_card_actions_total counter$/m);
  });
});
