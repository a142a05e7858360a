/** Shared set-up of the receiver's end-to-end tests: the bot built as main.ts builds it, on loopback. */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { buildApp, type App, type AppSettings } from '../../src/app.js';
import type { HolidayOverrides } from '../../src/calendar/holidays.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { systemClock, type Clock } from '../../src/clock.js';
import { memoryLogger } from '../../src/log.js';

export const APP = {
  appId: 'cli_0123456789abcdef',
  appSecret: 'e2e-app-secret',
  encryptKey: 'e2e-encrypt-key',
  verificationToken: 'e2e-verification-token',
};
export const ACTION_SECRET = { current: 'e2e-action-secret-0123456789abcdef', previous: null };
/** The committee every e2e button value names. */
export const COMMITTEE = 'cm_e2e';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A button value as a card builder would sign it with the app's key. */
export const signed = (value: Readonly<Record<string, unknown>> & { readonly a: string }): Record<string, unknown> => signActionValue(deriveActionKeys(ACTION_SECRET), { c: COMMITTEE, ...value });

export interface RunningBot {
  readonly app: App;
  readonly server: Server;
  readonly url: string;
  readonly log: ReturnType<typeof memoryLogger>;
}

export interface BotOptions {
  baseUrl: string;
  redis: Redis;
  redisUrl: string;
  eventMode?: 'ws' | 'webhook';
  cardBudgetMs?: number;
  tenantKeys?: readonly string[];
  /** The bot's clock (the replay window is measured on it) and the window; 300 s unless given. */
  clock?: Clock;
  maxSkewSec?: number;
  /** The same prefix finds the same queues again (a restart); a fresh one otherwise. */
  queuePrefix?: string;
  /** The office's holiday file, as HOLIDAY_FILE gives it. */
  holidays?: HolidayOverrides;
  reminderWorker?: AppSettings['reminderWorker'];
  outboxLockMs?: number;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const log = memoryLogger('info');
  const app = buildApp({
    lark: { ...APP, actionSecret: ACTION_SECRET, tenantKeys: options.tenantKeys ?? null, baseUrl: options.baseUrl, eventMode: options.eventMode ?? 'webhook' },
    redisUrl: options.redisUrl,
    maxSkewSec: options.maxSkewSec ?? 300,
    queuePrefix: options.queuePrefix ?? `e2e-${randomBytes(4).toString('hex')}`,
    ...(options.cardBudgetMs === undefined ? {} : { cardBudgetMs: options.cardBudgetMs }),
    ...(options.holidays === undefined ? {} : { holidays: options.holidays }),
    ...(options.reminderWorker === undefined ? {} : { reminderWorker: options.reminderWorker }),
    ...(options.outboxLockMs === undefined ? {} : { outboxLockMs: options.outboxLockMs }),
  }, { redis: options.redis, log, clock: options.clock ?? systemClock });
  await app.ready();
  const server = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { app, server, url, log };
}

/** Every key with its serialised value (TTLs left out: they tick), to show that nothing changed. */
export async function keyDump(redis: Redis): Promise<Map<string, string>> {
  const dump = new Map<string, string>();
  const keys = await redis.keys('*');
  for (const key of keys) dump.set(key, (await redis.dumpBuffer(key))?.toString('hex') ?? 'gone');
  return dump;
}
