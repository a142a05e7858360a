/** LARK_TENANT_KEYS end to end: the stand-in pushes as another organisation's tenant, and the bot refuses it. */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { APP, keyDump, signed, startBot, type RunningBot } from './receiver-setup.js';

let redisServer: RedisServer;
let redis: Redis;
const standIns: StandIn[] = [];
let bot: RunningBot;
const CHAT = 'oc_e2e_tenant';

async function standInOf(tenantKey: string): Promise<StandIn> {
  const standIn = await startStandIn({ ...APP, tenantKey, timeScale: 1000 });
  standIn.addChat(CHAT, ['ou_a'], { botIn: true, name: '党组' });
  standIn.setBotUrl(`${bot.url}/lark/event`);
  standIns.push(standIn);
  return standIn;
}

beforeAll(async () => {
  redisServer = await startRedisServer();
  redis = createRedis(redisServer.socket);
  await whenReady(redis);
  bot = await startBot({ baseUrl: 'http://127.0.0.1:1', redis, redisUrl: redisServer.socket, tenantKeys: ['tenant_ours'] });
});

afterAll(async () => {
  await bot.app.close();
  for (const standIn of standIns) await standIn.close();
  await redis.quit();
  await redisServer.stop();
});

describe('tenant allow-list', () => {
  it('refuses the events and card callbacks of a tenant not on the list, and takes those of ours', async () => {
    const foreign = await standInOf('tenant_theirs');
    const before = await keyDump(redis);
    const delivery = foreign.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/帮助' }, { retry: false });
    await delivery.settled;
    expect(delivery.attempts.map((a) => a.status)).toEqual([401]);
    const tap = await foreign.push.cardAction({ operatorOpenId: 'ou_a', messageId: 'om_card', chatId: CHAT, value: signed({ a: 'demo.ping' }) });
    expect(tap.status).toBe(401);
    expect(await keyDump(redis)).toEqual(before);

    const ours = await standInOf('tenant_ours');
    const accepted = ours.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/帮助' }, { retry: false });
    await accepted.settled;
    expect(accepted.attempts.map((a) => a.status)).toEqual([200]);
    expect((await ours.push.cardAction({ operatorOpenId: 'ou_a', messageId: 'om_card', chatId: CHAT, value: signed({ a: 'demo.ping' }) })).status).toBe(200);
  });
});
