/** Card updates through the outbox, against the stand-in with the real SDK. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { createLarkApi, createLarkClient, type LarkApi } from '../../src/lark/api.js';
import { startHarness } from '../lark/outbox-harness.js';
import { maxInWindow } from './outbox-window.js';

const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' };
const card = (n: number) => ({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'markdown', content: `已投票 ${n} 人` }] } });

describe('outbox card updates (stand-in)', () => {
  let standIn: StandIn;
  let api: LarkApi;
  let bot: Server;
  beforeAll(async () => {
    // A minimal "bot" that answers every callback with {} so that the callback's token becomes usable.
    bot = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')); });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    standIn = await startStandIn({ ...APP, verificationToken: 'v', botUrl: `http://127.0.0.1:${(bot.address() as AddressInfo).port}/lark/event` });
    standIn.addChat('oc_vote', ['ou_a', 'ou_b'], { botIn: true });
    api = createLarkApi(createLarkClient({ ...APP, domain: standIn.url, timeoutMs: 2000 }));
  });
  afterAll(async () => {
    await standIn.close();
    await new Promise((resolve) => bot.close(resolve));
  });

  it('coalesces 20 updates of one card queued while no worker runs into one PATCH with the last content', async () => {
    // The worker starts after the updates are queued, so the count does not depend on timing.
    const h = await startHarness({ redisUrl: inject('redisUrl'), api, noWorker: true });
    try {
      const sent = await api.sendCard({ chatId: 'oc_vote' }, card(0));
      for (let n = 1; n <= 20; n += 1) await h.outbox.enqueuePatch({ messageId: sent.messageId, card: card(n) });
      h.startWorker();
      await h.drained();
      const patches = standIn.requestLog.filter((e) => e.route === 'message.patch' && e.path.endsWith(sent.messageId));
      console.log(`outbox coalescing: 20 updates → ${patches.length} PATCH calls, max ${maxInWindow(patches.map((p) => p.at), 1000)} in any second`);
      expect(patches).toHaveLength(1);
      expect(patches.every((p) => p.status === 200)).toBe(true);
      expect(standIn.message(sent.messageId)?.content).toEqual(card(20));
    } finally {
      await h.close();
    }
  });

  it('keeps a steady stream of updates (one per 50 ms for 3 s) within 5 PATCH calls a second, ending on the last', async () => {
    const h = await startHarness({ redisUrl: inject('redisUrl'), api });
    try {
      const sent = await api.sendCard({ chatId: 'oc_vote' }, card(0));
      for (let n = 1; n <= 60; n += 1) {
        await h.outbox.enqueuePatch({ messageId: sent.messageId, card: card(n) });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await h.drained();
      const patches = standIn.requestLog.filter((e) => e.route === 'message.patch' && e.path.endsWith(sent.messageId));
      const perSecond = maxInWindow(patches.map((p) => p.at), 1000);
      console.log(`outbox coalescing: 60 updates over 3 s → ${patches.length} PATCH calls, max ${perSecond} in any second`);
      expect(patches.every((p) => p.status === 200)).toBe(true);
      expect(perSecond).toBeLessThanOrEqual(5);
      // Coalesced: fewer calls than updates however slowly the updates arrive on a loaded machine.
      expect(patches.length).toBeLessThan(60);
      expect(standIn.message(sent.messageId)?.content).toEqual(card(60));
    } finally {
      await h.close();
    }
  });

  it('updates a card by callback token and buzzes users through the outbox', async () => {
    const h = await startHarness({ redisUrl: inject('redisUrl'), api });
    try {
      const sent = await api.sendCard({ chatId: 'oc_vote' }, card(0));
      const action = await standIn.push.cardAction({ operatorOpenId: 'ou_a', messageId: sent.messageId, chatId: 'oc_vote', value: { action: 'vote.cast' } });
      expect(action.status).toBe(200);
      await h.outbox.enqueueDelayedUpdate({ token: action.token, card: card(1), key: `update|${action.eventId}`, messageId: sent.messageId });
      await h.outbox.enqueueUrgent({ messageId: sent.messageId, openIds: ['ou_b'], key: `urgent|${sent.messageId}` });
      await h.drained();
      expect(standIn.updates().filter((u) => u.messageId === sent.messageId && u.via === 'card.update').map((u) => u.content)).toEqual([card(1)]);
      expect(standIn.urgents().filter((u) => u.messageId === sent.messageId).map((u) => u.userIds)).toEqual([['ou_b']]);
    } finally {
      await h.close();
    }
  });
});
