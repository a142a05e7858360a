/** The receiver's deps as app.ts builds them, on the run's redis-server, plus signed requests as Feishu sends them. */
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { encryptBody, signedHeaders } from '../../sandbox/open-api/crypto.js';
import { deriveActionKeys } from '../../src/bot/action-value.js';
import { Bot } from '../../src/bot/bot.js';
import type { Clock } from '../../src/clock.js';
import type { Outbox } from '../../src/lark/outbox.js';
import { memoryLogger } from '../../src/log.js';
import { TEST_SEEN_KEY } from '../support/store.js';
import { createServerApp } from '../../src/server/app.js';
import { CardAnswers, deriveAnswerKey } from '../../src/server/card-answers.js';
import { Dedup, dedupTtlSec } from '../../src/server/dedup.js';
import type { QueuedEvent } from '../../src/bot/events.js';
import { Metrics } from '../../src/metrics.js';
import type { ReceiverDeps, ReceiverOptions } from '../../src/server/receiver.js';
import { RefusalLog } from '../../src/server/refusal-log.js';
import type { SignedHeaders } from '../../src/server/verify.js';

export const KEYS = { appId: 'cli_1', encryptKey: 'harness-encrypt-key', verificationToken: 'harness-token', actionSecret: 'harness-action-secret-0123456789ab' };
export const ACTION_KEYS = deriveActionKeys({ current: KEYS.actionSecret, previous: null });

export interface Harness extends ReceiverDeps {
  readonly redis: Redis;
  readonly metrics: Metrics;
  readonly log: ReturnType<typeof memoryLogger>;
  readonly refusals: RefusalLog;
  readonly queued: QueuedEvent[];
  /** Set to make the next enqueues fail, as when the queue's Redis is down. */
  failEnqueue: boolean;
}

export function harness(redis: Redis, clock: Clock, options: Partial<ReceiverOptions> = {}): Harness {
  const log = memoryLogger();
  const opts: ReceiverOptions = {
    appId: KEYS.appId, encryptKey: KEYS.encryptKey, verificationToken: KEYS.verificationToken,
    maxSkewSec: 8 * 3600, tenantKeys: null, cardBudgetMs: 2_000, ...options,
  };
  const bot = new Bot({ botOpenId: () => '', outbox: {} as Outbox, services: { redis, clock, log, seenKey: TEST_SEEN_KEY }, clock, log }, ACTION_KEYS);
  const queued: QueuedEvent[] = [];
  const h: Harness = {
    options: opts, bot, redis, log, clock, queued, failEnqueue: false,
    metrics: new Metrics(),
    refusals: new RefusalLog(log, clock),
    dedup: new Dedup(redis, dedupTtlSec(opts.maxSkewSec)),
    cardAnswers: new CardAnswers(redis, deriveAnswerKey(KEYS.actionSecret), dedupTtlSec(opts.maxSkewSec)),
    enqueue: (event) => {
      if (h.failEnqueue) return Promise.reject(new Error('queue down'));
      queued.push(event);
      return Promise.resolve();
    },
  };
  return h;
}

/** Serves the harness on loopback, as the app does. */
export async function serve(h: Harness): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServerApp(h).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/event`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A v2 envelope of this harness's app. */
export function envelope(type: string, eventId: string, event: Record<string, unknown>, tenantKey = 'tenant_a'): Record<string, unknown> {
  return { schema: '2.0', header: { event_id: eventId, event_type: type, create_time: '1', token: KEYS.verificationToken, app_id: KEYS.appId, tenant_key: tenantKey }, event };
}

/** Raw bytes and headers exactly as Feishu sends them at `at`. */
export function sealed(plain: object, at: Date): { raw: Buffer; headers: SignedHeaders; http: Record<string, string> } {
  const body = encryptBody(KEYS.encryptKey, JSON.stringify(plain));
  const http = signedHeaders(KEYS.encryptKey, body, at);
  return {
    raw: Buffer.from(body), http,
    headers: { timestamp: http['x-lark-request-timestamp'], nonce: http['x-lark-request-nonce'], signature: http['x-lark-signature'] },
  };
}
