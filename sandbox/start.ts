/**
 * Sandbox mode, whole: a redis-server child (unless a Redis is given), the stand-in of the Open
 * Platform with the sandbox's own credentials and the demo chat's people, the bot exactly as
 * src/app.ts builds it (webhook mode, pointed at the stand-in), the chat page on the bot's port,
 * and the demo committee. Only Feishu is stood in for: the Redis, the SDK and the bot are real.
 */
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Redis } from 'ioredis';
import { buildApp, type App, type AppSettings } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { DEFAULT_MAX_SKEW_SEC } from '../src/config.js';
import type { QueuedEvent } from '../src/bot/events.js';
import type { Logger } from '../src/log.js';
import { OUTBOX_QUEUE, type OutboxJob } from '../src/lark/outbox.js';
import { loadSandboxSecrets, SANDBOX_SECRETS_NAME } from '../src/sandbox-secrets.js';
import { INBOUND_QUEUE } from '../src/scheduler/inbound.js';
import { REMINDER_QUEUE } from '../src/scheduler/reminders.js';
import type { ReminderJob } from '../src/domain/index.js';
import { createQueue, type Closable } from '../src/scheduler/queues.js';
import { openStore } from '../src/store/connect.js';
import { SANDBOX_QUEUE_PREFIX } from '../src/store/keys.js';
import { BOT_MENTION, createDemo, DemoNotReadyError, type Demo } from './demo.js';
import { keepHistory } from './history-file.js';
import { startStandIn, type StandIn } from './open-api/index.js';
import { startRedisChild, type RedisChild } from './redis-child.js';

export type { Demo, DemoPerson } from './demo.js';

export interface SandboxOptions {
  /** The bot's port (0 for any free one); the chat page is mounted on it. */
  port: number;
  host?: string;
  /** redis-server's dir (AOF on) and the sandbox secrets; ./data by default in main.ts. */
  dataDir: string;
  /** When set, no redis-server child is started. */
  redisUrl?: string | null;
  log: Logger;
  /** The chat page, mounted before the receiver; it must pass on (`next()`) what it does not serve. */
  pages?: (ctx: SandboxContext) => Koa.Middleware;
  /** The bot's own settings that main.ts reads from the environment. */
  app?: Pick<AppSettings, 'timeZone' | 'holidays'> & { maxSkewSec?: number };
}

export interface SandboxContext { standIn: StandIn; demo: Demo }

export interface Sandbox extends SandboxContext {
  /** Where the bot (and the chat page) listens, e.g. http://127.0.0.1:3000. */
  url: string;
  redisUrl: string;
  /** The redis-server child, when the sandbox started one. */
  redisChild: { pid: number; dir: string } | null;
  /** Settles when the redis-server child dies on its own (never when the sandbox closes it). */
  failed: Promise<Error>;
  close(): Promise<void>;
}

export const PORT_IN_USE = (port: number): string =>
  `端口 ${port} 已被占用：请停止占用它的程序，或换一个端口，例如 PORT=${port + 1} npm start。/ Port ${port} is in use: stop what holds it, or pick another, e.g. PORT=${port + 1} npm start.`;

/** What GET / answers until a chat page is given. */
export const SANDBOX_UP_TEXT = '议事沙盒已启动：机器人、Redis 和飞书开放平台替身都在运行。聊天页面尚未安装。';

const upPage: Koa.Middleware = async (ctx, next) => {
  if (ctx.method !== 'GET' || ctx.path !== '/') {
    await next();
    return;
  }
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = `${SANDBOX_UP_TEXT}\n`;
};

/**
 * A part whose Redis is gone cannot close gracefully (BullMQ waits for it): give up on it after a
 * while, and at once when the sandbox's own redis-server is known to be dead.
 */
const CLOSE_PART_MS = 5_000;
const CLOSE_PART_NO_REDIS_MS = 200;

async function closeWithin(target: Closable, log?: Logger, withinMs = CLOSE_PART_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((done) => { timer = setTimeout(() => done('late'), withinMs); });
  try {
    const outcome = await Promise.race([target.close().then(() => 'closed' as const), late]);
    if (outcome === 'late') log?.warn('a sandbox part did not close in time', { afterMs: withinMs });
  } catch (error) {
    log?.warn('a sandbox part did not close cleanly', { error: (error as Error).name });
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `step`, or closes whatever was started before it and rethrows. */
async function step<T>(opened: Closable[], run: () => Promise<T>, close?: (value: T) => Closable): Promise<T> {
  try {
    const value = await run();
    if (close !== undefined) opened.unshift(close(value));
    return value;
  } catch (error) {
    for (const target of opened) await closeWithin(target);
    throw error;
  }
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { log } = options;
  const dataDir = resolve(options.dataDir);
  const opened: Closable[] = [];
  const child: RedisChild | null = options.redisUrl == null
    ? await step(opened, () => startRedisChild(dataDir), (c) => ({ close: () => c.stop() }))
    : null;
  const redisUrl = child?.url ?? options.redisUrl ?? '';
  const { redis } = await step<{ redis: Redis }>(opened, () => openStore(redisUrl, log), ({ redis: r }) => ({ close: async () => { await r.quit(); } }));

  // Said once per outage, not once per reconnect attempt (ioredis would print each one otherwise).
  let unreachable = false;
  redis.on('error', (error: Error) => {
    if (!unreachable) log.warn('redis unreachable', { error: error.name });
    unreachable = true;
  }).on('ready', () => { unreachable = false; });

  const { actionSecret, ...lark } = loadSandboxSecrets(join(dataDir, SANDBOX_SECRETS_NAME));
  const standIn = await step(opened, () => startStandIn({ ...lark, bot: BOT_MENTION }), (s) => ({ close: () => s.close() }));
  await step(opened, () => Promise.resolve(keepHistory(standIn, dataDir, log)), (h) => h);
  const queues = { redisUrl, prefix: SANDBOX_QUEUE_PREFIX };
  const inbound = await step(opened, () => Promise.resolve(createQueue<QueuedEvent>(INBOUND_QUEUE, queues)), (q) => q);
  const outbox = await step(opened, () => Promise.resolve(createQueue<OutboxJob>(OUTBOX_QUEUE, queues)), (q) => q);
  const reminders = await step(opened, () => Promise.resolve(createQueue<ReminderJob>(REMINDER_QUEUE, queues)), (q) => q);

  const ready: { demo?: Demo } = {};
  const context: SandboxContext = {
    standIn,
    // The page is built before the demo is seeded (the seed needs the bot listening): it reads `demo` per request.
    get demo(): Demo {
      if (ready.demo === undefined) throw new DemoNotReadyError();
      return ready.demo;
    },
  };
  const settings: AppSettings = {
    lark: { ...lark, actionSecret: { current: actionSecret, previous: null }, tenantKeys: null, baseUrl: standIn.url, eventMode: 'webhook' },
    redisUrl,
    queuePrefix: SANDBOX_QUEUE_PREFIX,
    maxSkewSec: options.app?.maxSkewSec ?? DEFAULT_MAX_SKEW_SEC,
    ...(options.app?.timeZone === undefined ? {} : { timeZone: options.app.timeZone }),
    ...(options.app?.holidays === undefined ? {} : { holidays: options.app.holidays }),
    pages: options.pages?.(context) ?? upPage,
  };
  const app = await step<App>(opened, async () => {
    const built = buildApp(settings, { redis, log, clock: systemClock });
    await built.ready();
    return built;
  }, (a) => a);
  const server = await step<Server>(opened, () => app.listen(options.port, options.host ?? '127.0.0.1').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(PORT_IN_USE(options.port));
  }));
  const { port } = server.address() as AddressInfo;
  standIn.setBotUrl(`http://127.0.0.1:${port}/lark/event`);
  app.startBackground();
  const demo = await step(opened, () => createDemo({ standIn, redis, log, queues: { inbound: inbound.queue, outbox: outbox.queue, reminders: reminders.queue }, settled: () => app.followUpsPlanned() }), (d) => d);

  ready.demo = demo;
  let closing: Promise<void> | undefined;
  let redisDead = false;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // The app first (it finishes the work in hand), then the queues, the chat history, the stand-in, Redis last.
      for (const target of opened) await closeWithin(target, log, redisDead ? CLOSE_PART_NO_REDIS_MS : CLOSE_PART_MS);
    })();
    return closing;
  };
  const failed = child === null
    ? new Promise<Error>(() => undefined)
    : child.exited.then(({ expected, code, signal }) => {
      if (expected) return new Promise<Error>(() => undefined);
      redisDead = true;
      return new Error(`redis-server 意外退出（退出码 ${String(code)}，信号 ${String(signal)}），沙盒随之停止。/ redis-server exited unexpectedly (code ${String(code)}, signal ${String(signal)}); the sandbox stops too.`);
    });
  return {
    url: `http://${options.host === undefined || options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    redisUrl,
    redisChild: child === null ? null : { pid: child.pid, dir: child.dir },
    failed,
    standIn,
    demo,
    close,
  };
}
