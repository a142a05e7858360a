/**
 * Long-connection mode against the stand-in's WS side: the SDK's WSClient connects with the app's
 * credentials, events pushed as pbbp2 frames reach the same router as HTTP, and deduplication is
 * shared between the two paths. Card callbacks keep coming over HTTP.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE } from '../../cards/copy.js';
import { PING_TOAST } from '../../handlers/ping-card.js';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { APP, signed, sleep, startBot, waitFor, type RunningBot } from './receiver-setup.js';

let redisServer: RedisServer;
let redis: Redis;
let standIn: StandIn;
let bot: RunningBot;
const CHAT = 'oc_e2e_ws';

beforeAll(async () => {
  redisServer = await startRedisServer();
  redis = createRedis(redisServer.socket);
  await whenReady(redis);
  standIn = await startStandIn({ ...APP, timeScale: 1000 });
  standIn.addChat(CHAT, ['ou_a', 'ou_b'], { botIn: true });
  bot = await startBot({ baseUrl: standIn.url, redis, redisUrl: redisServer.socket, eventMode: 'ws' });
  standIn.setBotUrl(`${bot.url}/lark/event`);
  bot.app.bot.command('/计数', async (ctx) => { await ctx.services.redis.incr(`test:runs:${ctx.event.messageId}`); });
  bot.app.startBackground();
  await waitFor(() => standIn.ws.connections() > 0, 'the WS client to connect');
  // The first push of a process pays for cold paths (queue scripts loaded, modules compiled), which
  // on a loaded two-core machine can pass Feishu's 3 s ack limit; the tests below are about what
  // happens to each push, so one unrelated push warms the path first.
  await standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_b', text: '/计数' }, { via: 'ws' }).settled;
});

afterAll(async () => {
  await bot.app.close();
  await standIn.close();
  await redis.quit();
  await redisServer.stop();
});

describe('LARK_MODE=ws', () => {
  it('delivers a message pushed over WS to its handler once, with duplicates over WS and HTTP', async () => {
    const metric = (outcome: string) => bot.app.metrics.value('yishi_ws_events_total', { outcome });
    const before = { accepted: metric('accepted'), duplicate: metric('duplicate'), acks: standIn.ws.acks().filter((a) => a.code === 200).length };
    const first = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/计数' }, { via: 'ws', duplicateAfterMs: 30, duplicates: 1 });
    await first.settled;
    expect(first.attempts.map((a) => a.status)).toEqual([200, 200]);
    // The same message over HTTP under a new event id (a re-delivery after a reconnect).
    const overHttp = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/计数', messageId: first.messageId }, { eventId: randomBytes(16).toString('hex') });
    await overHttp.settled;
    expect(overHttp.attempts.map((a) => a.status)).toEqual([200]);
    const runs = `test:runs:${first.messageId}`;
    await waitFor(async () => (await redis.get(runs)) === '1', 'the handler to run');
    await sleep(300);
    expect(await redis.get(runs)).toBe('1');
    expect(standIn.ws.acks().filter((a) => a.code === 200).length - before.acks).toBeGreaterThanOrEqual(2);
    expect(metric('accepted') - before.accepted).toBe(1);
    expect(metric('duplicate') - before.duplicate).toBe(1);
  });

  it('answers /帮助 sent over WS with one reply', async () => {
    const delivery = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_b', text: '/帮助' }, { via: 'ws' });
    await delivery.settled;
    const replies = () => standIn.messages().filter((m) => m.parentId === delivery.messageId);
    await waitFor(() => replies().length > 0, 'the help reply');
    expect(replies()).toHaveLength(1);
    expect((replies()[0]?.content as { header?: { title?: { content?: string } } } | undefined)?.header?.title?.content).toBe(TITLE.help);
  });

  it('keeps card callbacks working over HTTP in ws mode', async () => {
    const outcome = await standIn.push.cardAction({ operatorOpenId: 'ou_a', messageId: 'om_card', chatId: CHAT, value: signed({ a: 'demo.ping' }) });
    expect(outcome.status).toBe(200);
    expect(outcome.toast).toEqual({ type: 'success', content: PING_TOAST });
  });
});
