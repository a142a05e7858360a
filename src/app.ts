/**
 * The composition root: builds the Feishu API interface and its outbox, the services' deps, the
 * bot with its handlers, the receiver, and the queues and workers. Nothing else happens here; the
 * process (signals, listen, config) belongs to main.ts, and tests build the same app in process.
 */
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import type Koa from 'koa';
import { ActionSchema } from '../cards/actions.js';
import { registerHandlers } from '../handlers/index.js';
import { deliverReminder } from '../handlers/reminder-deliver.js';
import { deriveActionKeys } from './bot/action-value.js';
import { Bot } from './bot/bot.js';
import { createHolidayCalendar, type HolidayOverrides } from './calendar/holidays.js';
import type { Clock } from './clock.js';
import { createLarkApi, createLarkClient, type LarkApi } from './lark/api.js';
import { OUTBOX_QUEUE, createOutbox, type OutboxJob, type OutboxJobName } from './lark/outbox.js';
import { startOutboxWorker } from './scheduler/outbox-worker.js';
import { createBotIdentity, type BotIdentity } from './lark/bot-identity.js';
import { createRateLimiter } from './lark/rate-limit.js';
import type { Logger } from './log.js';
import { createInboundQueue, enqueueInbound, inboundDepth, startInboundWorker } from './scheduler/inbound.js';
import { createQueue, type Closable, type QueueSettings } from './scheduler/queues.js';
import { createReminderQueue, createReminders, startReminderWorker, type ReminderDelivery, type ReminderWorkerOptions } from './scheduler/reminders.js';
import type { ServiceDeps } from './services/context.js';
import { REMINDER_SENDERS } from './services/reminder-senders.js';
import { planAllFollowUps } from './services/reminders-duty.js';
import type { Shutdown } from './scheduler/shutdown.js';
import { createServerApp } from './server/app.js';
import { CardAnswers, deriveAnswerKey } from './server/card-answers.js';
import { Dedup, dedupTtlSec } from './server/dedup.js';
import { Metrics } from './metrics.js';
import { RefusalLog } from './server/refusal-log.js';
import { startWsClient } from './server/ws.js';
import { deriveSeenKey } from './store/ballots.js';
import type { LarkConfig } from './config.js';

export interface AppSettings {
  readonly lark: LarkConfig;
  readonly redisUrl: string;
  readonly maxSkewSec: number;
  /** BullMQ prefix; tests give each app its own. */
  readonly queuePrefix?: string;
  /** Card handler budget before "处理中" (Feishu's deadline is 3 s in all). */
  readonly cardBudgetMs?: number;
  /** The Feishu API interface; defaults to the SDK client at `lark.baseUrl`. */
  readonly api?: LarkApi;
  /** TZ_DEFAULT: the zone of a new committee. */
  readonly timeZone?: string;
  /** Years from the holiday override file, in place of the chinese-days package's. */
  readonly holidays?: HolidayOverrides;
  /** The reminder worker's lock (how soon another instance takes over a dead one's job) and a test seam. */
  readonly reminderWorker?: Pick<ReminderWorkerOptions, 'lockDurationMs' | 'afterDeliver'>;
  /** The outbox worker's lock: how soon another instance takes over a dead one's send. */
  readonly outboxLockMs?: number;
  /** Sandbox mode's chat page, served ahead of the receiver; the real bot never has one. */
  readonly pages?: Koa.Middleware;
}

export interface AppDeps {
  /** The request-path connection (no offline queue, 1 s command timeout). */
  readonly redis: Redis;
  readonly log: Logger;
  readonly clock: Clock;
}

export interface App {
  readonly bot: Bot;
  /** The bot's own open_id, read once the background starts (retried until it is). */
  readonly identity: Pick<BotIdentity, 'openId' | 'known'>;
  readonly metrics: Metrics;
  /** Resolves once the queues are connected (BullMQ writes their meta keys then). */
  ready(): Promise<void>;
  /** Serves POST /lark/event, /healthz and /metrics on 127.0.0.1 or `host`. */
  listen(port: number, host?: string): Promise<Server>;
  /** Starts the inbound, outbox and reminder workers and, in ws mode, the long connection. */
  startBackground(): void;
  /** Resolves when the reminders planned at start (by startBackground) are in the queue. */
  followUpsPlanned(): Promise<void>;
  /** Registers everything started so far with a graceful shutdown. */
  closeWith(shutdown: Shutdown): void;
  close(): Promise<void>;
}

export function buildApp(settings: AppSettings, deps: AppDeps): App {
  const { redis, log, clock } = deps;
  const queues: QueueSettings = { redisUrl: settings.redisUrl, log, ...(settings.queuePrefix === undefined ? {} : { prefix: settings.queuePrefix }) };
  const metrics = new Metrics();
  const outboxQueue = createQueue<OutboxJob, OutboxJobName>(OUTBOX_QUEUE, queues);
  const outbox = createOutbox({ queue: outboxQueue.queue, redis });
  const calendar = createHolidayCalendar({ overrides: settings.holidays });
  const api = settings.api ?? createLarkApi(createLarkClient({ appId: settings.lark.appId, appSecret: settings.lark.appSecret, domain: settings.lark.baseUrl }));
  const chats = { members: (chatId: string) => api.listChatMembers(chatId) };
  const reminderQueue = createReminderQueue(queues);
  const reminders = createReminders({ queue: reminderQueue.queue, redis, clock });
  const services: ServiceDeps = { redis, clock, log, calendar, chats, reminders, seenKey: deriveSeenKey(settings.lark.encryptKey), ...(settings.timeZone === undefined ? {} : { defaultTimeZone: settings.timeZone }) };
  const identity = createBotIdentity(api, log);
  const bot = new Bot({ botOpenId: () => identity.openId(), outbox, services, clock, log }, deriveActionKeys(settings.lark.actionSecret), (value) => ActionSchema.safeParse(value).success);
  registerHandlers(bot);
  const inbound = createInboundQueue(queues);
  metrics.gauge('yishi_inbound_queue_depth', 'Inbound events queued and not yet handled.', () => inboundDepth(inbound.queue));
  const dedup = new Dedup(redis, dedupTtlSec(settings.maxSkewSec));
  const cardAnswers = new CardAnswers(redis, deriveAnswerKey(settings.lark.actionSecret.current), dedupTtlSec(settings.maxSkewSec));
  const refusals = new RefusalLog(log, clock);
  const flushRefusals = setInterval(() => refusals.flush(), 15_000).unref();
  const enqueue = (event: Parameters<typeof enqueueInbound>[1]) => enqueueInbound(inbound.queue, event);
  const receiverOptions = {
    appId: settings.lark.appId, encryptKey: settings.lark.encryptKey, verificationToken: settings.lark.verificationToken,
    maxSkewSec: settings.maxSkewSec, tenantKeys: settings.lark.tenantKeys, cardBudgetMs: settings.cardBudgetMs ?? 2_000,
  };
  const koa = createServerApp({ options: receiverOptions, bot, dedup, cardAnswers, enqueue, metrics, refusals, clock, log, redis, ...(settings.pages === undefined ? {} : { pages: settings.pages }) });

  const stages: { stage: 'workers' | 'queues'; name: string; target: Closable }[] = [
    { stage: 'queues', name: 'inbound queue', target: inbound },
    { stage: 'queues', name: 'outbox queue', target: outboxQueue },
    { stage: 'queues', name: 'reminder queue', target: reminderQueue },
    { stage: 'queues', name: 'refusal log', target: { close: () => { clearInterval(flushRefusals); refusals.flush(true); return Promise.resolve(); } } },
  ];
  let followUps: Promise<void> = Promise.resolve();
  return {
    bot, metrics, identity,
    followUpsPlanned: () => followUps,
    async ready() {
      await Promise.all([inbound.queue.waitUntilReady(), outboxQueue.queue.waitUntilReady(), reminderQueue.queue.waitUntilReady()]);
    },
    async listen(port, host = '127.0.0.1') {
      const server = koa.listen(port, host);
      await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
      // Stop taking requests first; in-flight ones finish before the queues close.
      stages.unshift({ stage: 'workers', name: 'http server', target: { close: () => new Promise<void>((resolve) => server.close(() => resolve())) } });
      return server;
    },
    startBackground() {
      identity.start();
      stages.push({ stage: 'workers', name: 'bot identity', target: identity });
      const limiter = createRateLimiter(redis);
      stages.push({ stage: 'workers', name: 'inbound worker', target: startInboundWorker(queues, bot, log, { metrics }) });
      stages.push({ stage: 'workers', name: 'outbox worker', target: startOutboxWorker(queues, { api, limiter, redis, log, ...(settings.outboxLockMs === undefined ? {} : { lockDurationMs: settings.outboxLockMs }) }) });
      const deliver: ReminderDelivery = (committee, send, key) => deliverReminder(bot.context, committee, send, key);
      stages.push({ stage: 'workers', name: 'reminder worker', target: startReminderWorker(queues, { deps: services, senders: REMINDER_SENDERS, deliver, log, ...settings.reminderWorker }) });
      // Every body's duty, task and leave reminders, planned again at each start (fixed job ids: nothing is added twice).
      followUps = planAllFollowUps(services).catch((error: unknown) => log.warn('follow-up reminders not planned at start', { error: error instanceof Error ? error.name : 'unknown' }));
      if (settings.lark.eventMode === 'ws') {
        const ws = startWsClient({ ...settings.lark, bot, dedup, enqueue, metrics, log });
        stages.unshift({ stage: 'workers', name: 'ws client', target: { close: () => Promise.resolve(ws.close()) } });
      }
    },
    closeWith(shutdown) {
      for (const { stage, name, target } of stages) shutdown.add(stage, name, target);
    },
    async close() {
      for (const stage of ['workers', 'queues'] as const) {
        await Promise.allSettled(stages.filter((s) => s.stage === stage).map((s) => s.target.close()));
      }
    },
  };
}
