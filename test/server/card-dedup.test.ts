/**
 * A card callback's event_id is claimed: the same signed bytes delivered again, one after the
 * other or all at once, run the handler once and get the first answer back.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signActionValue } from '../../src/bot/action-value.js';
import { systemClock } from '../../src/clock.js';
import { dedupKey } from '../../src/server/dedup.js';
import { PENDING_TOAST } from '../../src/server/receiver.js';
import { useRedis } from '../support/store.js';
import { ACTION_KEYS, envelope, harness, sealed, serve, type Harness } from './receiver-harness.js';

const ctx = useRedis();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tap(value: Record<string, unknown>, tenantKey = 'tenant_a') {
  const eventId = randomBytes(16).toString('hex');
  const event = { operator: { open_id: 'ou_a' }, token: 'c-1', action: { tag: 'button', value }, context: { open_message_id: 'om_1', open_chat_id: 'oc_1' } };
  return { eventId, request: sealed(envelope('card.action.trigger', eventId, event, tenantKey), new Date()) };
}

/** A bot whose action counts its runs, takes `ms`, and answers with the run number. */
function countingBot(h: Harness, ms: number): { runs: () => number } {
  let runs = 0;
  h.bot.action('test.count', async () => {
    runs += 1;
    const n = runs;
    await sleep(ms);
    return { toast: { type: 'success', content: `第 ${n} 次` } };
  });
  return { runs: () => runs };
}

async function deliver(url: string, request: ReturnType<typeof tap>['request']) {
  const res = await fetch(url, { method: 'POST', body: request.raw, headers: request.http });
  return { status: res.status, body: await res.text() };
}

describe('card callback de-duplication', () => {
  it('runs the handler once for three deliveries in a row and answers the same three times', async () => {
    const h = harness(ctx.redis, systemClock);
    const bot = countingBot(h, 0);
    const server = await serve(h);
    try {
      const { request } = tap(signActionValue(ACTION_KEYS, { a: 'test.count', c: 'cm_1' }));
      const answers = [await deliver(server.url, request), await deliver(server.url, request), await deliver(server.url, request)];
      expect(bot.runs()).toBe(1);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      expect(JSON.parse(answers[0]?.body ?? '')).toEqual({ toast: { type: 'success', content: '第 1 次' } });
      expect(h.metrics.value('yishi_receiver_dedup_hits_total')).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('runs the handler once when three deliveries arrive at once; the repeats wait for the answer', async () => {
    const h = harness(ctx.redis, systemClock);
    const bot = countingBot(h, 300);
    const server = await serve(h);
    try {
      const { request } = tap(signActionValue(ACTION_KEYS, { a: 'test.count', c: 'cm_1' }));
      const answers = await Promise.all([deliver(server.url, request), deliver(server.url, request), deliver(server.url, request)]);
      expect(bot.runs()).toBe(1);
      expect(answers.map((a) => JSON.parse(a.body) as unknown)).toEqual(Array(3).fill({ toast: { type: 'success', content: '第 1 次' } }));
    } finally {
      await server.close();
    }
  });

  it('answers 处理中 to a repeat while a slow first delivery is still running, and never runs it twice', async () => {
    const h = harness(ctx.redis, systemClock, { cardBudgetMs: 200 });
    const bot = countingBot(h, 600);
    const server = await serve(h);
    try {
      const { request } = tap(signActionValue(ACTION_KEYS, { a: 'test.count', c: 'cm_1' }));
      const answers = await Promise.all([deliver(server.url, request), deliver(server.url, request)]);
      expect(answers.map((a) => JSON.parse(a.body) as unknown)).toEqual([PENDING_TOAST, PENDING_TOAST]);
      await sleep(700);
      // After the late handler finished: still one run, and the first delivery's answer.
      expect(JSON.parse((await deliver(server.url, request)).body)).toEqual(PENDING_TOAST);
      expect(bot.runs()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('stores the answer sealed and padded, for longer than the replay window', async () => {
    const h = harness(ctx.redis, systemClock);
    h.bot.action('test.say', (c) => Promise.resolve({ toast: { type: 'success', content: String(c.event.action.say) } }));
    const server = await serve(h);
    try {
      const stored: string[] = [];
      for (const say of ['赞成', '反对票已记录,谢谢您的参与']) {
        const { eventId, request } = tap(signActionValue(ACTION_KEYS, { a: 'test.say', c: 'cm_1', say }));
        expect(JSON.parse((await deliver(server.url, request)).body)).toEqual({ toast: { type: 'success', content: say } });
        const key = dedupKey('card', eventId);
        const value = await ctx.redis.getBuffer(key);
        expect(value).not.toBeNull();
        expect(value?.toString('utf8')).not.toContain(say);
        expect(value?.includes(Buffer.from(say))).toBe(false);
        stored.push(value?.toString('utf8') ?? '');
        expect(await ctx.redis.ttl(key)).toBeGreaterThan(h.options.maxSkewSec);
      }
      // A longer answer does not make a longer value.
      expect(stored[0]?.length).toBe(stored[1]?.length);
    } finally {
      await server.close();
    }
  });
});
