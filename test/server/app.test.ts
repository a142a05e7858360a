import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { memoryLogger } from '../../src/log.js';
import { DEFAULT_MAX_SKEW_SEC, FEISHU_RETRY_LADDER_SEC } from '../../src/config.js';
import { Dedup, PENDING_TTL_SEC, dedupKey, dedupTtlSec } from '../../src/server/dedup.js';
import type { MessageEvent } from '../../src/bot/events.js';
import { Metrics } from '../../src/metrics.js';
import { acceptEvent } from '../../src/server/receiver.js';
import { inboundJobId } from '../../src/store/keys.js';
import { createRedis } from '../../src/store/redis.js';
import { useRedis } from '../support/store.js';
import { harness, serve as serveHarness } from './receiver-harness.js';

const ctx = useRedis();
const log = memoryLogger();

const message = (): MessageEvent => ({
  eventId: randomBytes(16).toString('hex'), appId: 'cli_1', tenantKey: 't', type: 'im.message.receive_v1',
  messageId: `om_${randomBytes(8).toString('hex')}`, chatId: 'oc_1', chatType: 'group', messageType: 'text',
  senderOpenId: 'ou_a', text: '/帮助', mentionOpenIds: [],
});

const TTL = dedupTtlSec(DEFAULT_MAX_SKEW_SEC);

describe('acceptEvent', () => {
  it('claims event and message ids for longer than the replay window once queued', async () => {
    const event = message();
    const queued: string[] = [];
    const answer = await acceptEvent(event, { dedup: new Dedup(ctx.redis, TTL), enqueue: (e) => { queued.push(e.eventId); return Promise.resolve(); }, metrics: new Metrics(), log });
    expect(answer.status).toBe(200);
    expect(queued).toEqual([event.eventId]);
    for (const key of [dedupKey('evt', event.eventId), dedupKey('msg', event.messageId)]) {
      expect(await ctx.redis.ttl(key)).toBeGreaterThan(TTL - 5);
      expect(TTL).toBeGreaterThan(DEFAULT_MAX_SKEW_SEC + 3600);
    }
  });

  it('answers 503 and releases the claim when the event cannot be queued, so Feishu\'s retry is processed', async () => {
    const event = message();
    const deps = { dedup: new Dedup(ctx.redis, TTL), metrics: new Metrics(), log };
    const failed = await acceptEvent(event, { ...deps, enqueue: () => Promise.reject(new Error('redis down')) });
    expect(failed.status).toBe(503);
    expect(await ctx.redis.exists(dedupKey('evt', event.eventId), dedupKey('msg', event.messageId))).toBe(0);
    const retried = await acceptEvent(event, { ...deps, enqueue: () => Promise.resolve() });
    expect(retried.outcome).toBe('accepted');
  });

  it('leaves only a short-lived claim if the process dies before queueing', async () => {
    const key = dedupKey('evt', randomBytes(8).toString('hex'));
    const claim = await new Dedup(ctx.redis, TTL).claim([key]);
    expect(claim).not.toBeNull();
    // Never confirmed: it lapses before Feishu's first retry at +15 s.
    expect(await ctx.redis.ttl(key)).toBeLessThanOrEqual(PENDING_TTL_SEC);
    expect(PENDING_TTL_SEC).toBeLessThan(15);
  });
});

describe('dedupTtlSec', () => {
  it('outlives a replay at the far edge of any window the config allows, and Feishu\'s whole ladder', () => {
    for (const window of [30, 300, DEFAULT_MAX_SKEW_SEC, 86_400]) {
      // Stamped `window` ahead and accepted now, the same bytes are admitted until 2·window from now.
      expect(dedupTtlSec(window)).toBeGreaterThan(2 * window);
      expect(dedupTtlSec(window)).toBeGreaterThan(FEISHU_RETRY_LADDER_SEC);
    }
  });
});

describe('ids', () => {
  it('makes deterministic job ids without ":" and dedup keys that no id can shape', () => {
    expect(inboundJobId('5e3702a84e847582be8db7fb73283c02')).toMatch(/^evt-h[0-9a-f]{40}$/);
    expect(inboundJobId('a:b')).toBe(inboundJobId('a:b'));
    expect(inboundJobId('a:b')).not.toContain(':');
    expect(inboundJobId('a:b')).not.toBe(inboundJobId('a_b'));
    expect(dedupKey('msg', 'x:evt:y')).toMatch(/^yishi:dedup:msg:h[0-9a-f]{40}$/);
    expect(dedupKey('msg', 'x:evt:y')).not.toBe(dedupKey('evt', 'x:evt:y'));
    expect(dedupKey('msg', 'om_1')).not.toBe(dedupKey('msg', 'om_2'));
  });
});

describe('http routes', () => {
  const dead = createRedis('/nonexistent/redis.sock');
  dead.on('error', () => undefined);
  afterAll(() => dead.disconnect());

  async function serve(redis = ctx.redis) {
    const served = await serveHarness(harness(redis, systemClock));
    return { url: served.url.replace(/\/lark\/event$/, ''), close: served.close };
  }

  it('answers /healthz 200 when Redis answers PING and 503 when it cannot', async () => {
    const live = await serve();
    const down = await serve(dead);
    try {
      expect((await fetch(`${live.url}/healthz`)).status).toBe(200);
      const started = Date.now();
      expect((await fetch(`${down.url}/healthz`)).status).toBe(503);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await live.close();
      await down.close();
    }
  });

  it('answers 404 for unknown paths and 405 for GET /lark/event', async () => {
    const s = await serve();
    try {
      expect((await fetch(`${s.url}/nope`)).status).toBe(404);
      expect((await fetch(`${s.url}/lark/event`)).status).toBe(405);
    } finally {
      await s.close();
    }
  });
});

describe('Metrics', () => {
  it('renders counters with labels and gauges read at scrape time in the Prometheus text format', async () => {
    const metrics = new Metrics();
    metrics.inc('yishi_receiver_requests_total', { outcome: 'accepted' });
    metrics.inc('yishi_receiver_requests_total', { outcome: 'accepted' });
    metrics.gauge('yishi_inbound_queue_depth', 'depth', () => Promise.resolve(7));
    metrics.gauge('yishi_broken', 'unreadable', () => Promise.reject(new Error('down')));
    const text = await metrics.render();
    expect(text).toContain('# TYPE yishi_receiver_requests_total counter\n');
    expect(text).toContain('yishi_receiver_requests_total{outcome="accepted"} 2\n');
    expect(text).toContain('yishi_inbound_queue_depth 7\n');
    expect(text).not.toMatch(/^yishi_broken /m);
    expect(() => metrics.inc('nope')).toThrow(RangeError);
  });
});
