/**
 * Feishu's late retries end to end: the stand-in re-sends a push with its original bytes, timestamp
 * and signature, and the bot's clock is moved on by hours in between (the stand-in compresses the
 * wait itself). Under the default window the late retry is processed once; a replay is a duplicate.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { manualClock } from '../../src/clock.js';
import { DEFAULT_MAX_SKEW_SEC } from '../../src/config.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { APP, sleep, startBot, waitFor, type RunningBot } from './receiver-setup.js';

const HOUR = 3_600_000;
let redisServer: RedisServer;
let redis: Redis;
let standIn: StandIn;
let bot: RunningBot;
const clock = manualClock(new Date());
const CHAT = 'oc_e2e_replay';

beforeAll(async () => {
  redisServer = await startRedisServer();
  redis = createRedis(redisServer.socket);
  await whenReady(redis);
  // 15 s ÷ 50 = 300 ms to the first retry.
  standIn = await startStandIn({ ...APP, timeScale: 50 });
  standIn.addChat(CHAT, ['ou_a'], { botIn: true, name: '党组' });
  bot = await startBot({ baseUrl: standIn.url, redis, redisUrl: redisServer.socket, clock, maxSkewSec: DEFAULT_MAX_SKEW_SEC });
  bot.app.bot.command('/计数', async (ctx) => { await ctx.services.redis.incr(`test:runs:${ctx.event.messageId}`); });
  bot.app.startBackground();
});

afterAll(async () => {
  await bot.app.close();
  await standIn.close();
  await redis.quit();
  await redisServer.stop();
});

// Each push is stamped with the wall clock: the bot's clock starts there for each test.
beforeEach(() => clock.set(new Date()));

const runs = async (messageId: string) => Number(await redis.get(`test:runs:${messageId}`));

describe('late retries with the original signature', () => {
  it('processes once a retry that comes 6 h after a failed first delivery', async () => {
    // Nothing listens there: the first attempt fails as if the bot had been down.
    standIn.setBotUrl('http://127.0.0.1:1/lark/event');
    const delivery = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/计数' }, { resign: false, duplicateAfterMs: 100 });
    await waitFor(() => delivery.attempts.length === 1, 'the failed first attempt');
    standIn.setBotUrl(`${bot.url}/lark/event`);
    clock.advance(6 * HOUR + 5 * 60_000);
    await delivery.settled;
    expect(delivery.attempts.map((a) => a.status)).toEqual(['error', 200, 200]);
    await waitFor(async () => (await runs(delivery.messageId)) === 1, 'the handler to run');
    await sleep(300);
    expect(await runs(delivery.messageId)).toBe(1);
  });

  it('treats the same bytes 6 h after a successful delivery as a duplicate', async () => {
    const hits = bot.app.metrics.value('yishi_receiver_dedup_hits_total');
    const delivery = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/计数' }, { resign: false, retry: false, duplicateAfterMs: 300 });
    await waitFor(() => delivery.attempts.length === 1, 'the first delivery');
    clock.advance(6 * HOUR);
    await delivery.settled;
    expect(delivery.attempts.map((a) => a.status)).toEqual([200, 200]);
    expect(bot.app.metrics.value('yishi_receiver_dedup_hits_total')).toBeGreaterThan(hits);
    await waitFor(async () => (await runs(delivery.messageId)) === 1, 'the handler to run');
    await sleep(300);
    expect(await runs(delivery.messageId)).toBe(1);
  });

  it('refuses the same bytes as stale once the window is over', async () => {
    const delivery = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/计数' }, { resign: false, retry: false, duplicateAfterMs: 300 });
    await waitFor(() => delivery.attempts.length === 1, 'the first delivery');
    clock.advance(DEFAULT_MAX_SKEW_SEC * 1000 + 60_000);
    await delivery.settled;
    expect(delivery.attempts.map((a) => a.status)).toEqual([200, 401]);
  });
});
