/**
 * enqueuePatchOf: a change to a card whose send has not posted yet is never lost. Queued before
 * the post, it is applied right after it (the last one wins; the content posted already needs no
 * patch); queued after, it is a plain patch;
 * queued while the post happens, the card still ends with the last content; and a crash between
 * recording the post and adding that patch is made good by the send's retry, without a second post.
 */
import { describe, expect, inject, it } from 'vitest';
import type { LarkApi } from '../../src/lark/api.js';
import { createMemoryLarkApi } from '../../src/lark/memory.js';
import { outboxKeys } from '../../src/lark/outbox.js';
import { runScript } from '../../src/store/scripts.js';
import { startHarness } from './outbox-harness.js';

const card = (n: number) => ({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'markdown', content: `已确认 ${n} 人` }] } });
const KEY = 'notice|c1|m1';

describe('a patch of a card by the key of its send', () => {
  it('queued before the post, brings the posted card up to the last content right after it', async () => {
    const api = createMemoryLarkApi();
    const h = await startHarness({ redisUrl: inject('redisUrl'), api, noWorker: true });
    try {
      await h.outbox.enqueueSend({ to: { chatId: 'oc_1' }, key: KEY, card: card(0) });
      for (let n = 1; n <= 3; n += 1) await h.outbox.enqueuePatchOf({ key: KEY, card: card(n) });
      h.startWorker();
      await h.drained();
      expect(api.messages).toHaveLength(1);
      expect(api.messages[0]?.card).toEqual(card(0));
      expect(api.messages[0]?.latestCard).toEqual(card(3));
      expect(api.calls.filter((c) => c.method === 'patchCard')).toHaveLength(1);
      // Once posted, it is a patch like any other.
      await h.outbox.enqueuePatchOf({ key: KEY, card: card(4) });
      await h.drained();
      expect(api.messages[0]?.latestCard).toEqual(card(4));
    } finally {
      await h.close();
    }
  });

  it('with the very content the send posts, patches nothing: a card posted or updated by one call posts once', async () => {
    const api = createMemoryLarkApi();
    const h = await startHarness({ redisUrl: inject('redisUrl'), api, noWorker: true });
    try {
      await h.outbox.enqueueSend({ to: { chatId: 'oc_1' }, key: KEY, card: card(0) });
      await h.outbox.enqueuePatchOf({ key: KEY, card: card(0) });
      h.startWorker();
      await h.drained();
      expect(api.messages).toHaveLength(1);
      expect(api.calls.filter((c) => c.method === 'patchCard')).toEqual([]);
      expect(await h.redis.exists(outboxKeys(h.namespace).later(KEY))).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('queued while the post is under way, still ends with the last content', async () => {
    for (let round = 0; round < 5; round += 1) {
      const memory = createMemoryLarkApi();
      // The post takes a moment, as Feishu's does, so the patches land before, during and after it.
      const api: LarkApi = { ...memory, sendCard: async (...args) => { await new Promise((r) => setTimeout(r, 15)); return memory.sendCard(...args); } };
      const h = await startHarness({ redisUrl: inject('redisUrl'), api });
      try {
        await h.outbox.enqueueSend({ to: { chatId: 'oc_1' }, key: KEY, card: card(0) });
        for (let n = 1; n <= 20; n += 1) {
          await h.outbox.enqueuePatchOf({ key: KEY, card: card(n) });
          await new Promise((r) => setTimeout(r, round));
        }
        await h.drained();
        expect(memory.messages).toHaveLength(1);
        expect(memory.messages[0]?.latestCard).toEqual(card(20));
      } finally {
        await h.close();
      }
    }
  });

  it('after a crash between recording the post and adding its patch, the send\'s retry adds it and posts nothing more', async () => {
    const api = createMemoryLarkApi();
    const h = await startHarness({ redisUrl: inject('redisUrl'), api, noWorker: true });
    try {
      await h.outbox.enqueuePatchOf({ key: KEY, card: card(1) });
      // What the crashed run did: the post, and the step that recorded it and took up the patch.
      const posted = await api.sendCard({ chatId: 'oc_1' }, card(0));
      const keys = outboxKeys(h.namespace);
      expect(Number(await runScript(h.redis, 'card-posted', [keys.sent(KEY), keys.later(KEY), keys.card(posted.messageId)], [posted.messageId, 60, 60, JSON.stringify(card(0))]))).toBe(1);
      // The retry of its job.
      await h.outbox.enqueueSend({ to: { chatId: 'oc_1' }, key: KEY, card: card(0) });
      h.startWorker();
      await h.drained();
      expect(api.messages).toHaveLength(1);
      expect(api.messages[0]?.latestCard).toEqual(card(1));
    } finally {
      await h.close();
    }
  });
});
