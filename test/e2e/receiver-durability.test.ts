/**
 * Durability of the acknowledgement: an event is in Redis before Feishu gets its 200, so a bot
 * killed with SIGKILL right after the ack still handles the command once after a restart. And
 * main.ts itself: starts from the environment, answers, and shuts down cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE } from '../../cards/copy.js';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { inboundJobId } from '../../src/store/keys.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { ACTION_SECRET, APP, sleep, startBot, waitFor } from './receiver-setup.js';

let redisServer: RedisServer;
let redis: Redis;
let standIn: StandIn;
const CHAT = 'oc_e2e_durable';
const children: ChildProcess[] = [];

beforeAll(async () => {
  redisServer = await startRedisServer({ settings: { appendonly: 'yes', appendfsync: 'always' } });
  redis = createRedis(redisServer.socket);
  await whenReady(redis);
  standIn = await startStandIn({ ...APP, timeScale: 1000 });
  standIn.addChat(CHAT, ['ou_a'], { botIn: true });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await standIn.close();
  await redis.quit();
  await redisServer.stop();
});

function spawnTs(args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** The first stdout line that parses as JSON with the given field. */
function firstJsonLine(child: ChildProcess, field: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          if (field in parsed) resolve(parsed);
        } catch { /* not a whole line yet */ }
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing ${field}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
  else child.once('exit', (code, signal) => resolve({ code, signal }));
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the inbound queue survives a crash after the acknowledgement', () => {
  it('handles a command once after SIGKILL right after the 200 and a restart', async () => {
    const prefix = 'durable';
    const child = spawnTs(['test/e2e/receiver-child.ts', standIn.url, redisServer.socket, prefix]);
    const { url } = await firstJsonLine(child, 'url') as { url: string };
    standIn.setBotUrl(`${url}/lark/event`);
    const delivery = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/帮助' }, { retry: false });
    await delivery.settled;
    child.kill('SIGKILL');
    expect(await exited(child)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
    const replies = () => standIn.messages().filter((m) => m.parentId === delivery.messageId);
    expect(replies()).toHaveLength(0);
    expect(await redis.exists(`${prefix}:inbound:${inboundJobId(delivery.eventId)}`)).toBe(1);

    const bot = await startBot({ baseUrl: standIn.url, redis, redisUrl: redisServer.socket, queuePrefix: prefix });
    try {
      standIn.setBotUrl(`${bot.url}/lark/event`);
      bot.app.startBackground();
      await waitFor(() => replies().length > 0, 'the reply after restart');
      // Feishu pushes the same message again after the restart: it is a duplicate now.
      const again = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/帮助', messageId: delivery.messageId }, { retry: false });
      await again.settled;
      expect(again.attempts.map((a) => a.status)).toEqual([200]);
      await sleep(300);
      expect(replies()).toHaveLength(1);
      expect((replies()[0]?.content as { header?: { title?: { content?: string } } } | undefined)?.header?.title?.content).toBe(TITLE.help);
    } finally {
      await bot.app.close();
    }
  }, 30_000);
});

describe('main.ts', () => {
  it('starts from the environment, answers /帮助, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH, LARK_APP_ID: APP.appId, LARK_APP_SECRET: APP.appSecret, LARK_ENCRYPT_KEY: APP.encryptKey,
      LARK_VERIFICATION_TOKEN: APP.verificationToken, LARK_ACTION_SECRET: ACTION_SECRET.current, LARK_DOMAIN: standIn.url, LARK_MODE: 'webhook',
      REDIS_URL: redisServer.socket, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info',
    };
    const child = spawnTs(['src/main.ts'], env);
    await firstJsonLine(child, 'port');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    standIn.setBotUrl(`http://127.0.0.1:${port}/lark/event`);
    const delivery = standIn.push.message({ chatId: CHAT, senderOpenId: 'ou_a', text: '/帮助' });
    await delivery.settled;
    await waitFor(() => standIn.messages().some((m) => m.parentId === delivery.messageId), 'the reply from main.ts');
    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
