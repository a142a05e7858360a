import { describe, expect, inject, it } from 'vitest';
import { createMemoryLarkApi } from '../../src/lark/memory.js';
import { uuidOf } from '../../src/lark/outbox.js';
import { startHarness } from './outbox-harness.js';

const card = (n: number) => ({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'markdown', content: `第 ${n} 版` }] } });

describe('outbox over an in-memory Lark API and a real BullMQ queue', () => {
  it('derives a job id without ":" and a uuid of at most 50 characters from the key; adding twice sends once', async () => {
    const api = createMemoryLarkApi();
    const h = await startHarness({ redisUrl: inject('redisUrl'), api });
    try {
      const key = 'notice|meeting:7|oc_1';
      const first = await h.outbox.enqueueSend({ to: { chatId: 'oc_1' }, card: card(1), key });
      const second = await h.outbox.enqueueSend({ to: { chatId: 'oc_1' }, card: card(1), key });
      expect(first).toEqual(second);
      expect(first.jobId).not.toContain(':');
      expect(first.uuid.length).toBeLessThanOrEqual(50);
      expect(first.uuid).toBe(uuidOf(key));
      await h.drained();
      expect(api.messages).toHaveLength(1);
      expect(api.messages[0]?.uuid).toBe(first.uuid);
      expect(await h.outbox.sentMessageId(key)).toBe(api.messages[0]?.messageId);
    } finally {
      await h.close();
    }
  });

  it('retries a rate-limited send and a 5xx, and posts once', async () => {
    const api = createMemoryLarkApi();
    api.failNext(99991400);
    api.failNext(500);
    const h = await startHarness({ redisUrl: inject('redisUrl'), api });
    try {
      await h.outbox.enqueueSend({ to: { openId: 'ou_a' }, text: '请于明日九时参会', key: 'remind|ou_a' });
      await h.drained();
      expect(api.messages.map((m) => m.text)).toEqual(['请于明日九时参会']);
    } finally {
      await h.close();
    }
  });

  it('gives up at once on a permanent error (bot not in chat), logging codes only', async () => {
    const api = createMemoryLarkApi();
    api.failNext(230002);
    const h = await startHarness({ redisUrl: inject('redisUrl'), api });
    try {
      const { jobId } = await h.outbox.enqueueSend({ to: { chatId: 'oc_gone' }, text: '秘密内容', key: 'k-gone' });
      await h.drained();
      const job = await h.queue.getJob(jobId);
      expect(await job?.getState()).toBe('failed');
      expect(job?.attemptsMade).toBe(1);
      expect(api.messages).toHaveLength(0);
      expect(h.log.lines.join('\n')).toContain('230002');
      expect(h.log.lines.join('\n')).not.toContain('秘密内容');
    } finally {
      await h.close();
    }
  });

  it('coalesces 20 updates of one card queued before the worker runs into one patch with the last content', async () => {
    const api = createMemoryLarkApi();
    // The worker starts after the updates are queued, so the result does not depend on timing.
    const h = await startHarness({ redisUrl: inject('redisUrl'), api, noWorker: true });
    try {
      const sent = await api.sendCard({ chatId: 'oc_1' }, card(0));
      for (let n = 1; n <= 20; n += 1) await h.outbox.enqueuePatch({ messageId: sent.messageId, card: card(n) });
      h.startWorker();
      await h.drained();
      const patches = api.calls.filter((c) => c.method === 'patchCard');
      expect(patches).toHaveLength(1);
      expect(api.messages[0]?.latestCard).toEqual(card(20));
      // A later update after the card was released starts a new job and is sent too.
      await h.outbox.enqueuePatch({ messageId: sent.messageId, card: card(21) });
      await h.drained();
      expect(api.messages[0]?.latestCard).toEqual(card(21));
    } finally {
      await h.close();
    }
  });

  it('releases a card after a permanent patch failure, so the next update is still sent', async () => {
    const api = createMemoryLarkApi();
    const h = await startHarness({ redisUrl: inject('redisUrl'), api });
    try {
      const sent = await api.sendCard({ chatId: 'oc_1' }, card(0));
      api.failNext(230099);
      await h.outbox.enqueuePatch({ messageId: sent.messageId, card: card(1) });
      await h.drained();
      expect(api.messages[0]?.latestCard).toEqual(card(0));
      await h.outbox.enqueuePatch({ messageId: sent.messageId, card: card(2) });
      await h.drained();
      expect(api.messages[0]?.latestCard).toEqual(card(2));
    } finally {
      await h.close();
    }
  });
});
