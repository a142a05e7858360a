/** A command that fails for good tells its sender once; one that recovers, or is refused, does not. */
import type { Job } from 'bullmq';
import { describe, expect, inject, it } from 'vitest';
import { deriveActionKeys } from '../../src/bot/action-value.js';
import { Bot } from '../../src/bot/bot.js';
import type { MessageEvent, QueuedEvent } from '../../src/bot/events.js';
import { systemClock } from '../../src/clock.js';
import { COMMAND_FAILED_MESSAGE, RefusedError, USER_MESSAGES } from '../../src/errors.js';
import type { LarkApi } from '../../src/lark/api.js';
import { createMemoryLarkApi } from '../../src/lark/memory.js';
import { memoryLogger } from '../../src/log.js';
import { createInboundQueue, enqueueInbound, startInboundWorker } from '../../src/scheduler/inbound.js';
import { inboundJobId } from '../../src/store/keys.js';
import { startHarness } from '../lark/outbox-harness.js';
import { freshId, TEST_SEEN_KEY } from '../support/store.js';

const ATTEMPTS = 3;

/** A member's message in the chat (so that it can be replied to) and its event. */
async function message(api: LarkApi, text: string): Promise<MessageEvent> {
  const { messageId } = await api.sendText({ chatId: 'oc_1' }, text);
  return {
    eventId: freshId('ev'), appId: 'cli_1', tenantKey: 't', type: 'im.message.receive_v1', messageId, chatId: 'oc_1',
    chatType: 'group', messageType: 'text', senderOpenId: 'ou_a', text, mentionOpenIds: [],
  };
}

async function settled(job: Job<QueuedEvent> | undefined): Promise<string> {
  if (job === undefined) throw new Error('job not queued');
  for (let i = 0; i < 400; i += 1) {
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('job never settled');
}

describe('inbound commands that fail', () => {
  it('replies once to a command that throws on every attempt, never to one that recovers or is refused', async () => {
    const api = createMemoryLarkApi();
    const h = await startHarness({ redisUrl: inject('redisUrl'), api });
    const log = memoryLogger('warn');
    const calls = new Map<string, number>();
    const count = (messageId: string) => {
      const n = (calls.get(messageId) ?? 0) + 1;
      calls.set(messageId, n);
      return n;
    };
    const bot = new Bot({ botOpenId: () => '', outbox: h.outbox, clock: systemClock, log, services: { redis: h.redis, clock: systemClock, log, seenKey: TEST_SEEN_KEY } }, deriveActionKeys({ current: 'inbound-failure-test-action-secret', previous: null }));
    bot.command('/坏', async (ctx) => {
      count(ctx.event.messageId);
      return Promise.reject(new Error('always broken'));
    });
    bot.command('/偶', async (ctx) => (count(ctx.event.messageId) === 1 ? Promise.reject(new Error('broken once')) : Promise.resolve()));
    bot.command('/拒', async (ctx) => {
      count(ctx.event.messageId);
      return Promise.reject(new RefusedError('NOT_CHAIR'));
    });
    const settings = { redisUrl: inject('redisUrl'), prefix: `test-${freshId('in')}` };
    const inbound = createInboundQueue(settings, { attempts: ATTEMPTS, backoffMs: 10 });
    const worker = startInboundWorker(settings, bot, log, { concurrency: 2 });
    try {
      const broken = await message(api, '/坏');
      const flaky = await message(api, '/偶');
      const refused = await message(api, '/拒');
      for (const event of [broken, flaky, refused]) await enqueueInbound(inbound.queue, event);
      const states = await Promise.all([broken, flaky, refused].map(async (e) => settled(await inbound.queue.getJob(inboundJobId(e.eventId)))));
      expect(states).toEqual(['failed', 'completed', 'completed']);
      expect(calls.get(broken.messageId)).toBe(ATTEMPTS);
      expect(calls.get(flaky.messageId)).toBe(2);
      expect(calls.get(refused.messageId)).toBe(1);

      await h.drained();
      const repliesTo = (messageId: string) => api.messages.filter((m) => 'replyTo' in m.to && m.to.replyTo === messageId);
      expect(repliesTo(broken.messageId).map((m) => m.text)).toEqual([COMMAND_FAILED_MESSAGE]);
      expect(repliesTo(flaky.messageId)).toEqual([]);
      expect(repliesTo(refused.messageId).map((m) => m.text)).toEqual([USER_MESSAGES.NOT_CHAIR]);

      // The final attempt run again (a crash after the reply was queued) adds nothing.
      await bot.tellFailed(broken);
      await h.drained();
      expect(repliesTo(broken.messageId)).toHaveLength(1);
    } finally {
      await worker.close();
      await inbound.queue.obliterate({ force: true });
      await inbound.close();
      await h.close();
    }
  });
});
